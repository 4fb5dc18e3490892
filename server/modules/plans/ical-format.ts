// RFC 5545 text: escaping of TEXT values, line folding at 75 octets (never inside a UTF-8
// character), CRLF line ends, UTC date-times and all-day dates. Pure functions.

/** One event of a feed: all-day (`day`) or timed (`start`/`end`, shown in UTC). */
export type IcalEvent = {
  uid: string;
  summary: string;
  categories?: string;
  location?: string | null;
  day?: string;
  start?: Date;
  end?: Date;
  status?: 'CONFIRMED' | 'CANCELLED' | 'TENTATIVE';
  /** Last change of the source row (DTSTAMP and LAST-MODIFIED). */
  modified: Date;
};

/** Escapes a TEXT value: backslash, semicolon, comma and newlines; other control characters are dropped. */
export function escapeText(s: string): string {
  return s
    .replace(/\r\n?/g, '\n')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in TEXT.
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const MAX_OCTETS = 75;

/**
 * Folds a content line: no physical line is longer than 75 octets; continuation lines start with
 * one space (which counts toward their 75). Characters are never split, so UTF-8 stays valid.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    if (octets + n > MAX_OCTETS) {
      out.push(cur);
      cur = ' ';
      octets = 1;
    }
    cur += ch;
    octets += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

/** A UTC date-time: 20260515T013000Z. */
export const utcStamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/** An ISO date as a DATE value: 20260515. */
export const dateValue = (day: string) => day.replaceAll('-', '');

/** The day after an ISO date (the exclusive end of an all-day event). */
function nextDay(day: string) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** A whole VCALENDAR (PUBLISH) with the events, CRLF-terminated lines. */
export function renderCalendar(cal: { name: string; prodId: string; events: IcalEvent[] }): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${cal.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(cal.name)}`,
    'X-WR-TIMEZONE:Asia/Shanghai',
    'REFRESH-INTERVAL;VALUE=DURATION:PT6H',
    'X-PUBLISHED-TTL:PT6H',
  ];
  for (const e of cal.events) {
    lines.push('BEGIN:VEVENT', `UID:${escapeText(e.uid)}`, `DTSTAMP:${utcStamp(e.modified)}`, `LAST-MODIFIED:${utcStamp(e.modified)}`);
    if (e.day) lines.push(`DTSTART;VALUE=DATE:${dateValue(e.day)}`, `DTEND;VALUE=DATE:${dateValue(nextDay(e.day))}`);
    else if (e.start && e.end) lines.push(`DTSTART:${utcStamp(e.start)}`, `DTEND:${utcStamp(e.end)}`);
    lines.push(`SUMMARY:${escapeText(e.summary)}`);
    if (e.categories) lines.push(`CATEGORIES:${escapeText(e.categories)}`);
    if (e.location) lines.push(`LOCATION:${escapeText(e.location)}`);
    if (e.status) lines.push(`STATUS:${e.status}`);
    lines.push('TRANSP:OPAQUE', 'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
