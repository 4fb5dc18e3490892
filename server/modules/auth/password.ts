import { randomBytes, randomInt } from 'node:crypto';
import { type Algorithm, hash, verify } from '@node-rs/argon2';
import type { FieldProblem } from '../../core/errors/app-error.ts';
import { COMMON_PASSWORDS } from './common-passwords.ts';

// SECURITY.md 6: argon2id with m = 19456 KiB, t = 2 (OWASP's minimum), p = 1.
const OPTIONS = { algorithm: 2 as Algorithm /* Argon2id */, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** Hashes a password with argon2id. */
export const hashPassword = (pw: string) => hash(pw, OPTIONS);

/** Verifies a password against a stored hash; false on any malformed hash. */
export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  try {
    return await verify(stored, pw);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | null = null;
/** A hash to verify against when the user does not exist, so both answers take the same time. */
export const dummyHash = () => {
  dummy ??= hashPassword(randomBytes(16).toString('hex'));
  return dummy;
};

/** Minimum length (等保 assessors check ≥ 8 with 3 classes). */
export const PASSWORD_MIN_LENGTH = 8;

/** Checks the password policy; returns the problems (empty when acceptable). */
export function passwordProblems(pw: string, username?: string, path = 'body.newPassword'): FieldProblem[] {
  const out: FieldProblem[] = [];
  if ([...pw].length < PASSWORD_MIN_LENGTH) out.push({ path, code: 'PASSWORD_TOO_SHORT', params: { min: PASSWORD_MIN_LENGTH } });
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((r) => r.test(pw)).length;
  if (classes < 3) out.push({ path, code: 'PASSWORD_CLASSES' });
  if (COMMON_PASSWORDS.has(pw.toLowerCase())) out.push({ path, code: 'PASSWORD_COMMON' });
  if (username && username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase()))
    out.push({ path, code: 'PASSWORD_CONTAINS_USERNAME' });
  return out;
}

/** A random one-time password that meets the policy (bootstrap, resets). */
export function oneTimePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '@#%+=!'];
  const chars = sets.map((s) => s[randomInt(s.length)]);
  const all = sets.join('');
  while (chars.length < 14) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
