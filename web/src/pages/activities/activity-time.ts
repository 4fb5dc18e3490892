// Times of activities: shown in Asia/Shanghai, and picked in Asia/Shanghai whatever the browser's zone.
import dayjs, { type Dayjs } from 'dayjs';
import { formatTime } from '../../lib/format';

/** `YYYY-MM-DD HH:mm` in Asia/Shanghai ('—' for none). */
export const shortTime = (iso: string | null | undefined) => (iso ? formatTime(iso).slice(0, 16) : '—');

/** `HH:mm:ss` in Asia/Shanghai. */
export const clockTime = (iso: string | null | undefined) => (iso ? formatTime(iso).slice(11) : '');

/** The start and end of an activity; the end without its date when both fall on one day. */
export function timeSpan(a: { startsAt: string; endsAt: string }): string {
  const start = shortTime(a.startsAt);
  const end = shortTime(a.endsAt);
  return start.slice(0, 10) === end.slice(0, 10) ? `${start} – ${end.slice(11)}` : `${start} – ${end}`;
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * A time for the date pickers: a dayjs whose wall clock is Asia/Shanghai's, whatever the browser's
 * time zone (pickers show and edit the local wall clock; the console shows Shanghai time everywhere).
 */
export const toPicker = (iso: string) => dayjs(formatTime(iso));

/** The instant of a picked Shanghai wall-clock time (ISO, UTC). */
export const fromPicker = (d: Dayjs) =>
  new Date(Date.UTC(d.year(), d.month(), d.date(), d.hour(), d.minute(), d.second()) - SHANGHAI_OFFSET_MS).toISOString();

