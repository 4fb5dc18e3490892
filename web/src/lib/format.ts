// Formatting of times (always Asia/Shanghai) and of server-side codes.
import type { TFunction } from '../i18n/i18n';
import { type MessageKey, zhCN } from '../locales/zh-CN';

const shanghai = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Formats an ISO time as `YYYY-MM-DD HH:mm:ss` in Asia/Shanghai; empty values give ''. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts: Record<string, string> = {};
  for (const p of shanghai.formatToParts(date)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000;

/** A calendar day as picked in a date picker (dayjs-like). */
export type DayLike = { year(): number; month(): number; date(): number };

/** The UTC instant at which a Shanghai calendar day starts (endOfDay: the last millisecond of it). */
export function shanghaiDayBound(day: DayLike, endOfDay = false): string {
  const start = Date.UTC(day.year(), day.month(), day.date()) - SHANGHAI_OFFSET_MS;
  return new Date(endOfDay ? start + 24 * 3600 * 1000 - 1 : start).toISOString();
}

const isMessageKey = (key: string): key is MessageKey => key in zhCN;

/** Translates a code such as a role or level (`role.county_admin`), falling back to the raw code. */
export function label(t: TFunction, prefix: string, code: string | null | undefined): string {
  if (!code) return '';
  const key = `${prefix}.${code}`;
  return isMessageKey(key) ? t(key) : code;
}
