import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './common-passwords.ts';
import { hashPassword, oneTimePassword, PASSWORD_MIN_LENGTH, passwordProblems, verifyPassword } from './password.ts';

const codes = (pw: string, username?: string) => passwordProblems(pw, username).map((p) => p.code);

describe('password policy (SECURITY.md 6)', () => {
  it('accepts a long password with three classes', () => {
    expect(codes('Hongyun-Party7')).toEqual([]);
    expect(codes('abcdefg1!')).toEqual([]);
    expect(codes('ABCDEFG1!')).toEqual([]);
  });

  it('requires at least 8 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBeGreaterThanOrEqual(8);
    expect(codes('Ab1!xyz')).toEqual(['PASSWORD_TOO_SHORT']);
    expect(codes('Ab1!xyzw')).toEqual([]);
    expect(passwordProblems('Ab1!xyz')[0]).toMatchObject({ path: 'body.newPassword', params: { min: 8 } });
  });

  it('counts characters, not UTF-16 units or bytes', () => {
    // Seven characters, one of them outside the BMP.
    expect(codes('Ab1!xy𠀀')).toContain('PASSWORD_TOO_SHORT');
  });

  it('requires 3 of the 4 classes', () => {
    expect(codes('abcdefghij')).toEqual(['PASSWORD_CLASSES']);
    expect(codes('abcdefgh12')).toEqual(['PASSWORD_CLASSES']);
    expect(codes('ABCDEFGHij')).toEqual(['PASSWORD_CLASSES']);
    expect(codes('12345678!!')).toEqual(['PASSWORD_CLASSES']);
    expect(codes('abcdefgh1!')).toEqual([]);
    expect(codes('ABCDEFGH1!')).toEqual([]);
    expect(codes('Abcdefgh12')).toEqual([]);
    // Chinese characters count as the "other" class.
    expect(codes('abcdefg1红云')).toEqual([]);
  });

  it('refuses common passwords that pass the class rule, regardless of case', () => {
    expect(codes('Admin@123')).toEqual(['PASSWORD_COMMON']);
    expect(codes('P@ssw0rd')).toEqual(['PASSWORD_COMMON']);
    expect(codes('Dangjian@123')).toEqual(['PASSWORD_COMMON']);
    expect(codes('HUAWEI@123')).toEqual(['PASSWORD_COMMON']);
  });

  it('has a common list where most entries would otherwise pass', () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(50);
    const passing = [...COMMON_PASSWORDS].filter((p) => passwordProblems(p).every((x) => x.code === 'PASSWORD_COMMON'));
    expect(passing.length).toBeGreaterThan(10);
    for (const p of COMMON_PASSWORDS) expect(codes(p), p).toContain('PASSWORD_COMMON');
  });

  it('refuses a password containing the username, case-insensitively', () => {
    expect(codes('Zhangwei#2026', 'zhangwei')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('x!9ZHANGWEIq', 'ZhangWei')).toEqual(['PASSWORD_CONTAINS_USERNAME']);
    expect(codes('Zhangwei#2026', 'lisi')).toEqual([]);
    expect(codes('Zhangwei#2026')).toEqual([]);
  });

  it('reports every problem at once and uses the given field path', () => {
    const p = passwordProblems('wang1', 'wang', 'body.password');
    expect(p.map((x) => x.code).sort()).toEqual(['PASSWORD_CLASSES', 'PASSWORD_CONTAINS_USERNAME', 'PASSWORD_TOO_SHORT'].sort());
    expect(p.every((x) => x.path === 'body.password')).toBe(true);
  });
});

describe('argon2id hashing', () => {
  it('hashes with argon2id m=19456 KiB, t=2, p=1', async () => {
    const h = await hashPassword('Hongyun-Party7');
    expect(h.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(h).not.toContain('Hongyun-Party7');
  });

  it('salts: the same password hashes differently', async () => {
    expect(await hashPassword('Hongyun-Party7')).not.toBe(await hashPassword('Hongyun-Party7'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const h = await hashPassword('Hongyun-Party7');
    expect(await verifyPassword(h, 'Hongyun-Party7')).toBe(true);
    expect(await verifyPassword(h, 'Hongyun-Party8')).toBe(false);
    expect(await verifyPassword(h, 'hongyun-party7')).toBe(false);
    expect(await verifyPassword(h, '')).toBe(false);
  });

  it('answers false, not an error, for a malformed stored hash', async () => {
    expect(await verifyPassword('', 'x')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
    expect(await verifyPassword('$argon2id$v=19$m=19456,t=2,p=1$broken', 'x')).toBe(false);
  });
});

describe('oneTimePassword', () => {
  it('always meets the policy (100 samples)', () => {
    for (let i = 0; i < 100; i++) {
      const pw = oneTimePassword();
      expect(passwordProblems(pw, 'sysadmin'), pw).toEqual([]);
      expect(pw.length).toBeGreaterThanOrEqual(12);
      // All four classes, so it passes even a stricter policy.
      for (const r of [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/]) expect(pw, String(r)).toMatch(r);
    }
  });

  it('is random and avoids look-alike characters', () => {
    const seen = new Set(Array.from({ length: 100 }, oneTimePassword));
    expect(seen.size).toBe(100);
    for (const pw of seen) expect(pw).not.toMatch(/[O0Il1o]/);
  });
});
