import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('maskIdNumber (SECURITY.md 11, DOMAIN §8)', () => {
  it('shows the first 4 and last 4 characters: 3305**********1234', () => {
    expect(maskIdNumber('330522198001011234')).toBe('3305**********1234');
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
  it('hides the birth date', () => {
    const m = maskIdNumber('330522198001011234');
    expect(m).not.toContain('19800101');
    expect(m).not.toMatch(/\d{5}/);
    expect(m).toHaveLength(18);
  });
  it('masks short values entirely', () => {
    expect(maskIdNumber('12345678')).toBe('********');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('maskPhone', () => {
  it('masks as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('ignores spaces inside the number', () => {
    expect(maskPhone('138 1234 5678')).toBe('138****5678');
  });
  it('keeps no more than 7 digits of an 11-digit phone visible', () => {
    expect(maskPhone('15900001111').replace(/\*/g, '')).toHaveLength(7);
  });
  it('masks short values entirely', () => {
    expect(maskPhone('12345')).toBe('*****');
  });
});

describe('maskName', () => {
  it('keeps the family name only', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李')).toBe('李');
  });
});
