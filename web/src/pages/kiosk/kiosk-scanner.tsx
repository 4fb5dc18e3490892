// The scan screen: an always-focused input for the keyboard-wedge reader (card number or chip UID then
// Enter) or a member QR typed by a scanner or pasted, and the result, large, for about three seconds,
// with a beep.
import { Input, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { CHECKIN_CODES } from './kiosk-api';
import styles from './kiosk.module.css';
import { beep, type Tone } from './kiosk-sound';
import type { ScanResult } from './use-kiosk';

/** How long a result stays on screen. */
const RESULT_MS = 3_000;

/** Codes the kiosk explains itself (the server's message is the fallback). */
const KNOWN_CODES = new Set<string>([...CHECKIN_CODES, 'KIOSK_ACTIVITY_QR', 'KIOSK_STORAGE', 'SIGNATURE_INVALID', 'SIGNATURE_EXPIRED']);

const toneOf = (r: ScanResult): Tone => (r.kind === 'error' ? 'error' : r.duplicate ? 'duplicate' : 'ok');

/** The result block. */
function ResultView({ result }: { result: ScanResult | null }) {
  const t = useT();
  if (!result) {
    return (
      <div className={`${styles.result} ${styles.idle}`} data-testid="kiosk-result" data-kind="idle">
        <div className={styles.resultTitle}>{t('kiosk.idle')}</div>
        <div className={styles.resultLine}>{t('kiosk.idleHint')}</div>
      </div>
    );
  }
  if (result.kind === 'error') {
    const text = KNOWN_CODES.has(result.code) ? t(`kiosk.error.${result.code}` as MessageKey) : result.message || result.code;
    return (
      <div className={`${styles.result} ${styles.error}`} data-testid="kiosk-result" data-kind="error" data-code={result.code} role="alert">
        <div className={styles.resultTitle}>{t('kiosk.failed')}</div>
        <div className={styles.resultLine}>{text}</div>
      </div>
    );
  }
  if (result.kind === 'queued') {
    return (
      <div className={`${styles.result} ${styles.queued}`} data-testid="kiosk-result" data-kind="queued" role="status">
        {result.name ? <div className={styles.resultTitle}>{result.name}</div> : null}
        <div className={result.name ? styles.resultLine : styles.resultTitle}>
          {result.duplicate ? t('kiosk.queuedDuplicate') : t('kiosk.queued', { pending: result.pending })}
        </div>
        <div className={styles.resultLine}>{t('kiosk.queuedHint', { pending: result.pending })}</div>
      </div>
    );
  }
  return (
    <div
      className={`${styles.result} ${result.duplicate ? styles.duplicate : styles.ok}`}
      data-testid="kiosk-result"
      data-kind={result.duplicate ? 'duplicate' : 'ok'}
      role="status"
    >
      <div className={styles.resultTitle}>{result.name ?? t('kiosk.ok')}</div>
      <div className={styles.resultLine}>
        {result.duplicate ? t('kiosk.duplicate') : t('kiosk.ok')} · {result.affiliated ? t('kiosk.affiliated') : t('kiosk.guest')}
      </div>
      {result.orgName ? <div className={styles.resultLine}>{result.orgName}</div> : null}
    </div>
  );
}

/** The input and the result; `paused` while a dialog needs the keyboard. */
export function KioskScanner({ onScan, paused }: { onScan: (raw: string) => Promise<ScanResult | null>; paused: boolean }) {
  const t = useT();
  const input = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [result, setResult] = useState<ScanResult | null>(null);
  const busy = useRef(false);
  const clearTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queue = useRef<string[]>([]);

  const focus = useCallback(() => {
    if (!paused) input.current?.focus({ preventScroll: true });
  }, [paused]);

  useEffect(() => {
    focus();
    const again = setInterval(() => {
      if (document.activeElement !== input.current?.input) focus();
    }, 1_000);
    return () => clearInterval(again);
  }, [focus]);

  useEffect(() => () => clearTimeout(clearTimer.current), []);

  const show = (r: ScanResult) => {
    setResult(r);
    beep(toneOf(r));
    clearTimeout(clearTimer.current);
    clearTimer.current = setTimeout(() => setResult(null), RESULT_MS);
  };

  // Scans are handled one at a time, in the order they were read (a fast queue of cards at the door).
  const drain = async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (let raw = queue.current.shift(); raw !== undefined; raw = queue.current.shift()) {
        const r = await onScan(raw);
        if (r) show(r);
      }
    } finally {
      busy.current = false;
    }
  };

  const submit = () => {
    const raw = value.trim();
    setValue('');
    if (!raw) return;
    queue.current.push(raw);
    void drain();
  };

  return (
    <>
      <Input
        ref={input}
        id="kioskScan"
        className={styles.scanInput}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={submit}
        onBlur={() => setTimeout(focus, 50)}
        placeholder={t('kiosk.scanPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        aria-label={t('kiosk.scanPlaceholder')}
        data-testid="kiosk-scan-input"
      />
      <ResultView result={result} />
    </>
  );
}
