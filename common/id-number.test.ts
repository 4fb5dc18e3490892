import { describe, expect, it } from 'vitest';
import { looksLikeIdNumber, parseIdNumber } from './id-number.ts';

// An independent implementation of the GB 11643-1999 check character (DOMAIN §8), written from
// the standard rather than imported, so a wrong table in the code under test is caught.
function check(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i], 0);
  return '10X98765432'.charAt(sum % 11);
}
const full = (first17: string) => first17 + check(first17);
const TODAY = new Date('2026-06-15T00:00:00Z');

describe('parseIdNumber', () => {
  it('accepts the textbook example 11010519491231002X and reports its parts', () => {
    // The published GB 11643 example number.
    const r = parseIdNumber('11010519491231002X', TODAY);
    expect(r).toEqual({ ok: true, value: { id: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', regionCode: '110105' } });
  });

  it('accepts numbers whose check character we computed independently', () => {
    for (const first17 of ['33052219800101001', '33052220001231123', '33050119600229456', '44030420100615999', '33052219900307008']) {
      const id = full(first17);
      const r = parseIdNumber(id, TODAY);
      expect(r, id).toMatchObject({ ok: true, value: { id } });
    }
  });

  it('covers every check character including X and 0', () => {
    const seen = new Set<string>();
    for (let n = 0; n < 200 && seen.size < 11; n++) {
      const first17 = `330522198501${String(10 + (n % 18)).padStart(2, '0')}${String(n).padStart(3, '0')}`;
      const id = full(first17);
      seen.add(id[17]);
      expect(parseIdNumber(id, TODAY), id).toMatchObject({ ok: true, value: { id } });
    }
    expect(seen.size).toBe(11);
  });

  it('upper-cases a trailing lower-case x and trims spaces', () => {
    const r = parseIdNumber(' 11010519491231002x ', TODAY);
    expect(r).toMatchObject({ ok: true, value: { id: '11010519491231002X' } });
  });

  it('upgrades a 15-digit legacy number by inserting 19 and computing the check character', () => {
    const legacy = '330522800101001';
    const r = parseIdNumber(legacy, TODAY);
    const want = full('33052219800101001');
    expect(r).toEqual({ ok: true, value: { id: want, birthDate: '1980-01-01', gender: 'male', regionCode: '330522' } });
  });

  it('rejects a 15-digit number with an impossible birth date', () => {
    expect(parseIdNumber('330522801301001', TODAY)).toEqual({ ok: false, error: 'BIRTH_DATE' });
  });

  it('rejects a wrong check character', () => {
    const id = full('33052219800101001');
    const wrong = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    expect(parseIdNumber(wrong, TODAY)).toEqual({ ok: false, error: 'CHECK_DIGIT' });
    // Swapping two digits (a typical typing error) changes the check character.
    const swapped = `${id.slice(0, 14)}${id[15]}${id[14]}${id.slice(16)}`;
    if (swapped !== id) expect(parseIdNumber(swapped, TODAY)).toEqual({ ok: false, error: 'CHECK_DIGIT' });
  });

  it('rejects impossible birth dates even with a correct check character', () => {
    for (const date of ['19810229', '19800230', '19801301', '19800000', '19800431', '19000229'])
      expect(parseIdNumber(full(`330522${date}001`), TODAY), date).toEqual({ ok: false, error: 'BIRTH_DATE' });
    // 2000 is a leap year.
    expect(parseIdNumber(full('33052220000229001'), TODAY).ok).toBe(true);
  });

  it('rejects birth dates after today, and accepts today', () => {
    expect(parseIdNumber(full('33052220260616001'), TODAY)).toEqual({ ok: false, error: 'BIRTH_DATE' });
    expect(parseIdNumber(full('33052220300101001'), TODAY)).toEqual({ ok: false, error: 'BIRTH_DATE' });
    expect(parseIdNumber(full('33052220260615001'), TODAY).ok).toBe(true);
  });

  it('rejects a birth date in the future relative to the real clock by default', () => {
    const next = new Date(Date.now() + 2 * 86_400_000);
    const ymd = next.toISOString().slice(0, 10).replaceAll('-', '');
    expect(parseIdNumber(full(`330522${ymd}001`))).toEqual({ ok: false, error: 'BIRTH_DATE' });
  });

  it('accepts retired address codes (no region lookup)', () => {
    // No GB/T 2260 lookup: a code no longer (or never) in the table still parses.
    expect(parseIdNumber(full('99999919800101001'), TODAY).ok).toBe(true);
  });

  it('takes gender from the 17th digit: odd is male, even is female', () => {
    for (let d = 0; d <= 9; d++) {
      const r = parseIdNumber(full(`3305221980010100${d}`), TODAY);
      expect(r.ok && r.value.gender, String(d)).toBe(d % 2 === 1 ? 'male' : 'female');
    }
  });

  it('rejects malformed input', () => {
    for (const bad of ['', '1234', '3305221980010100', '33052219800101001XX', '3305221980010100X1', 'abcdefghijklmnopqr', '33052219800101001Y', '３３０５２２１９８００１０１００１５'])
      expect(parseIdNumber(bad, TODAY), bad).toEqual({ ok: false, error: 'FORMAT' });
  });
});

describe('looksLikeIdNumber', () => {
  it('routes 18- and 15-character numbers, not usernames', () => {
    expect(looksLikeIdNumber('11010519491231002x')).toBe(true);
    expect(looksLikeIdNumber('330522800101001')).toBe(true);
    expect(looksLikeIdNumber('county_admin')).toBe(false);
    expect(looksLikeIdNumber('1380013800')).toBe(false);
  });
});
