// A tiny typed i18n layer: a context holding the language and a t(key, params) function.
import 'dayjs/locale/zh-cn';
import dayjs from 'dayjs';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { readCookie } from '../api/client';
import { en } from '../locales/en';
import { type MessageKey, zhCN } from '../locales/zh-CN';

/** Languages the console speaks. */
export type Lang = 'zh-CN' | 'en';
/** Values interpolated into `{name}` placeholders. */
export type Params = Record<string, string | number>;
/** Translates a key, replacing `{placeholders}` with params. */
export type TFunction = (key: MessageKey, params?: Params) => string;

const catalogues: Record<Lang, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'hy_lang';
const ONE_YEAR_SECONDS = 365 * 24 * 3600;

const isLang = (v: unknown): v is Lang => v === 'zh-CN' || v === 'en';

/** The language to start with: localStorage, then the cookie, then zh-CN. */
function initialLang(): Lang {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be blocked by the browser; the cookie still works.
  }
  if (isLang(stored)) return stored;
  const cookie = readCookie(STORAGE_KEY);
  return isLang(cookie) ? cookie : 'zh-CN';
}

/** Persists the language so the server answers errors in it too. */
function persistLang(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Ignore: see initialLang.
  }
  // biome-ignore lint/suspicious/noDocumentCookie: the server reads hy_lang to pick the error language.
  document.cookie = `${STORAGE_KEY}=${encodeURIComponent(lang)}; path=/; max-age=${ONE_YEAR_SECONDS}; samesite=lax`;
}

/** Builds a translator for one language. */
export function makeT(lang: Lang): TFunction {
  const messages = catalogues[lang];
  return (key, params) => {
    const text = messages[key] ?? zhCN[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
  };
}

type I18nValue = { lang: Lang; setLang: (lang: Lang) => void; t: TFunction };

const I18nContext = createContext<I18nValue | null>(null);

/** Provides the current language and translator to the tree. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const t = useMemo(() => makeT(lang), [lang]);

  useEffect(() => {
    persistLang(lang);
    document.documentElement.lang = lang;
    document.title = t('app.title');
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
  }, [lang, t]);

  const setLang = useCallback((next: Lang) => setLangState(next), []);
  const value = useMemo(() => ({ lang, setLang, t }), [lang, setLang, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The language, its setter and the translator. */
export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}

/** Shortcut for the translator only. */
export function useT(): TFunction {
  return useI18n().t;
}
