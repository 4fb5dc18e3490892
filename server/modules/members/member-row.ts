import { pinyin } from 'pinyin-pro';
import { parseIdNumber } from '../../../common/id-number.ts';
import { blindIndex, encryptField } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { members } from './members.tables.ts';

/** Pinyin initials of a Chinese name (张三丰 → zsf); other characters lower-cased as they are. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Normalizes a mobile phone (digits only, +86 dropped); null when it is not 11 digits. */
export function normalizePhone(raw: string): string | null {
  const d = raw.replace(/[\s-]/g, '').replace(/^(\+?86)/, '');
  return /^1[3-9]\d{9}$/.test(d) ? d : null;
}

/** The sensitive columns of an ID number: ciphertext, blind index, last 4 characters. */
export function idNumberColumns(keys: KeyRing, normalizedId: string) {
  return { idNumberEnc: encryptField(keys, normalizedId), idNumberIndex: blindIndex(keys, 'id', normalizedId), idNumberTail: normalizedId.slice(-4) };
}

/** The sensitive columns of a phone. */
export function phoneColumns(keys: KeyRing, phone: string | null) {
  if (!phone) return { phoneEnc: null, phoneIndex: null, phoneTail: null };
  return { phoneEnc: encryptField(keys, phone), phoneIndex: blindIndex(keys, 'phone', phone), phoneTail: phone.slice(-4) };
}

/** What is needed to register a member (already validated). */
export type MemberInput = Omit<typeof members.$inferInsert, 'id' | 'idNumberEnc' | 'idNumberIndex' | 'idNumberTail' | 'phoneEnc' | 'phoneIndex' | 'phoneTail' | 'birthDate' | 'gender' | 'nameInitials'> & {
  idNumber: string;
  phone?: string | null;
};

/**
 * The one way to turn a member's input into a row: the ID number is normalized (15 → 18 digits,
 * upper-case X), birth date and gender are derived from it, ID number and phone are encrypted with
 * blind indexes, and pinyin initials are computed. Throws on an invalid ID number (validate first).
 */
export function toMemberRow(keys: KeyRing, input: MemberInput, id = uuidv7()): typeof members.$inferInsert {
  const parsed = parseIdNumber(input.idNumber);
  if (!parsed.ok) throw new Error(`invalid ID number (${parsed.error})`);
  const { idNumber: _id, phone, ...rest } = input;
  return {
    ...rest,
    id,
    gender: parsed.value.gender,
    birthDate: parsed.value.birthDate,
    nameInitials: nameInitials(input.name),
    ...idNumberColumns(keys, parsed.value.id),
    ...phoneColumns(keys, phone ? normalizePhone(phone) : null),
  };
}
