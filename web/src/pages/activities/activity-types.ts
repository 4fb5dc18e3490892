// Activity types come from the server (GET /api/activity-types, names in both languages); loaded once
// per page and named in the console's language.
import { useCallback, useMemo } from 'react';
import { type ActivityTypeInfo, listActivityTypes } from '../../api/activities';
import { useI18n } from '../../i18n/i18n';
import { useAsync } from '../../lib/use-async';

let cached: Promise<ActivityTypeInfo[]> | null = null;

/** The types (fetched once per load of the console; a failure is retried on the next call). */
function loadTypes(): Promise<ActivityTypeInfo[]> {
  cached ??= listActivityTypes().catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return cached;
}

/** The types, their names in the current language and Select options. */
export function useActivityTypes() {
  const { lang } = useI18n();
  const { data, error, reload } = useAsync(useCallback(loadTypes, []));
  return useMemo(() => {
    const types = data ?? [];
    const byCode = new Map(types.map((x) => [x.code, x]));
    const name = (code: string) => {
      const x = byCode.get(code);
      return x ? (lang === 'en' ? x.nameEn : x.nameZh) : code;
    };
    const options = types.map((x) => ({ value: x.code, label: name(x.code) }));
    return { types, byCode, name, options, error, reload };
  }, [data, error, reload, lang]);
}
