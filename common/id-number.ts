// Resident ID numbers (GB 11643-1999), DOMAIN §8.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** Why an ID number was refused (a stable code for programs). */
export type IdNumberError = 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT';

/** The check character of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK[sum % 11];
}

function validBirth(y: number, m: number, d: number, today: Date): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return false;
  return y >= 1880 && dt.getTime() <= today.getTime();
}

/** A parsed, normalized ID number. */
export type ParsedIdNumber = { id: string; birthDate: string; gender: 'male' | 'female'; regionCode: string };

/**
 * Normalizes and checks an ID number: trims, upper-cases a trailing x, upgrades 15-digit legacy
 * numbers, rejects impossible or future birth dates and bad check characters. Retired address
 * codes are accepted.
 */
export function parseIdNumber(
  raw: string,
  today = new Date(),
): { ok: true; value: ParsedIdNumber } | { ok: false; error: IdNumberError } {
  let id = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(id)) {
    const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
    id = first17 + idCheckChar(first17);
  }
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, error: 'FORMAT' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (!validBirth(y, m, d, today)) return { ok: false, error: 'BIRTH_DATE' };
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, error: 'CHECK_DIGIT' };
  return {
    ok: true,
    value: {
      id,
      birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
      regionCode: id.slice(0, 6),
    },
  };
}

/** True when the string looks like an 18-digit ID number (used to route member logins). */
export const looksLikeIdNumber = (s: string) => /^\d{17}[\dXx]$/.test(s.trim()) || /^\d{15}$/.test(s.trim());
