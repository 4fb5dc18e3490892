import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar, utcStamp } from './ical-format.ts';

/** Undoes RFC 5545 folding. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('iCal text (RFC 5545)', () => {
  it('escapes backslash, semicolon, comma and newlines and drops other control characters', () => {
    expect(escapeText('学习; 讨论, 表决\\总结\r\n第二行\n第三行\u0007')).toBe('学习\\; 讨论\\, 表决\\\\总结\\n第二行\\n第三行');
  });

  it('folds lines longer than 75 octets with a leading space, never splitting a UTF-8 character', () => {
    const ascii = `SUMMARY:${'a'.repeat(200)}`;
    const folded = foldLine(ascii);
    for (const l of folded.split('\r\n')) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    expect(unfold(folded)).toBe(ascii);

    const chinese = `SUMMARY:${'主题党日重温入党誓词'.repeat(8)}`;
    const lines = foldLine(chinese).split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) {
      expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
      // Every physical line is valid UTF-8 on its own: no character was cut.
      expect(Buffer.from(l, 'utf8').toString('utf8')).toBe(l);
      expect(l).not.toContain('\uFFFD');
    }
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(unfold(lines.join('\r\n'))).toBe(chinese);
    expect(foldLine('SHORT:x')).toBe('SHORT:x');
  });

  it('writes UTC date-times and all-day dates with an exclusive end', () => {
    expect(utcStamp(new Date('2026-05-15T09:30:00+08:00'))).toBe('20260515T013000Z');
    const text = renderCalendar({
      name: '城北村党支部 组织生活计划',
      prodId: '-//Hongyun//Plans//ZH',
      events: [
        { uid: 'plan-item-1@hongyun', summary: '12月主题党日', categories: '主题党日', day: '2026-12-31', status: 'TENTATIVE', modified: new Date('2026-01-01T00:00:00Z') },
        { uid: 'activity-2@hongyun', summary: '党课', location: '村委会, 二楼', start: new Date('2026-05-15T01:30:00Z'), end: new Date('2026-05-15T03:30:00Z'), modified: new Date('2026-01-02T00:00:00Z') },
      ],
    });
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(text).toContain('DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101');
    expect(text).toContain('DTSTART:20260515T013000Z\r\nDTEND:20260515T033000Z');
    expect(text).toContain('LOCATION:村委会\\, 二楼');
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(text).toContain('DTSTAMP:20260101T000000Z');
  });
});
