import { maskIdNumber, maskPhone } from '../../../common/mask.ts';
import type { DuesCategory, EDUCATIONS, MemberStatus, Standing } from '../../../common/member.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { ageOn, shanghaiToday } from './member-validate.ts';
import type { members } from './members.tables.ts';

/** A member row. */
export type MemberRow = typeof members.$inferSelect;
/** A member row with its organization, as the scoped repository returns it. */
export type MemberJoined = { m: MemberRow; orgName: string; orgPath: string; hasAccount: boolean };

/** The ID number in clear (unmasking, the owner's own record, login keys). */
export const clearIdNumber = (keys: KeyRing, m: Pick<MemberRow, 'idNumberEnc'>) => decryptField(keys, m.idNumberEnc);
/** The phone in clear, or null. */
export const clearPhone = (keys: KeyRing, m: Pick<MemberRow, 'phoneEnc'>) => (m.phoneEnc ? decryptField(keys, m.phoneEnc) : null);

/**
 * The masked ID number, 3305**********1234 (SECURITY.md 11). The region prefix is not stored in
 * clear, so the value is decrypted server-side to build the mask; the clear value never leaves.
 */
export function maskedIdNumber(keys: KeyRing, m: Pick<MemberRow, 'idNumberEnc' | 'idNumberTail'>): string {
  try {
    return maskIdNumber(clearIdNumber(keys, m));
  } catch {
    return `${'*'.repeat(14)}${m.idNumberTail}`;
  }
}

/** The masked phone, 138****5678, or null. */
export function maskedPhone(keys: KeyRing, m: Pick<MemberRow, 'phoneEnc' | 'phoneTail'>): string | null {
  if (!m.phoneEnc) return null;
  try {
    return maskPhone(clearPhone(keys, m) ?? '');
  } catch {
    return `*******${m.phoneTail ?? ''}`;
  }
}

const flagsOf = (m: MemberRow) => ({
  excludeAttendance: m.excludeAttendance,
  excludeReason: m.excludeReason,
  excludeApprover: m.excludeApprover,
  lostContactSince: m.lostContactSince,
});

/** One member in a list: masked, with age instead of the birth date (DOMAIN §8). */
export function memberItemDto(keys: KeyRing, r: MemberJoined, today = shanghaiToday()) {
  const m = r.m;
  return {
    id: m.id,
    orgId: m.orgId,
    orgName: r.orgName,
    name: m.name,
    gender: m.gender,
    age: ageOn(m.birthDate, today),
    idNumber: maskedIdNumber(keys, m),
    phone: maskedPhone(keys, m),
    status: m.status as MemberStatus,
    standing: m.standing as Standing,
    joinedOn: m.joinedOn,
    confirmedOn: m.confirmedOn,
    cardNo: m.cardNo,
    flags: flagsOf(m),
  };
}

/** What the caller may do with a record (for the console's buttons). */
export type MemberCan = { write: boolean; unmask: boolean };

/** A member's record as administrators see it: masked by default. */
export function memberRecordDto(keys: KeyRing, r: MemberJoined, can: MemberCan) {
  const m = r.m;
  return {
    ...memberItemDto(keys, r),
    ethnicity: m.ethnicity,
    education: m.education as (typeof EDUCATIONS)[number] | null,
    occupation: m.occupation,
    duesCategory: m.duesCategory as DuesCategory | null,
    chipUid: m.chipUid,
    address: m.address,
    household: m.household,
    hasAccount: r.hasAccount,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
    can,
  };
}

/** The owner's own record: everything in clear, with the birth date (PIPL 45). */
export function myRecordDto(keys: KeyRing, r: MemberJoined) {
  const { can: _can, ...rest } = memberRecordDto(keys, r, { write: false, unmask: false });
  return { ...rest, idNumber: clearIdNumber(keys, r.m), phone: clearPhone(keys, r.m), birthDate: r.m.birthDate };
}
