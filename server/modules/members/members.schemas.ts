import { z } from 'zod';
import { DUES_CATEGORIES, EDUCATIONS, FILE_SECTIONS, GENDERS, MEMBER_STATUSES, STANDINGS } from '../../../common/member.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { MEMBER_SORTS } from './members.repo.ts';

const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

/** The flags of a member: 不计到会率 and 失联. */
export const MemberFlagsDto = z.object({
  /** 不计到会率: not counted in attendance rates (old, sick or disabled members). */
  excludeAttendance: z.boolean(),
  /** Why the member is excluded (set when excluded). */
  excludeReason: z.string().nullable(),
  /** Who approved the exclusion. */
  excludeApprover: z.string().nullable(),
  /** 失联 since this date (YYYY-MM-DD), or null. */
  lostContactSince: z.string().nullable(),
});

/** One member in a list: ID number and phone masked, age instead of the birth date. */
export const MemberItemDto = z.object({
  /** Member id. */
  id: z.string(),
  /** The member's organization (党组织). */
  orgId: z.string(),
  /** Its name. */
  orgName: z.string(),
  /** Full name. */
  name: z.string(),
  /** male or female (from the ID number). */
  gender: z.enum(GENDERS),
  /** Age in whole years (the birth date is shown to the owner only). */
  age: z.number().int(),
  /** Masked: 3305**********1234. */
  idNumber: z.string(),
  /** Masked: 138****5678. */
  phone: z.string().nullable(),
  /** probationary = 预备党员, full = 正式党员. */
  status: z.enum(MEMBER_STATUSES),
  /** 党籍 state. */
  standing: z.enum(STANDINGS),
  /** 入党 date. */
  joinedOn: z.string().nullable(),
  /** 转正 date. */
  confirmedOn: z.string().nullable(),
  /** Member card number. */
  cardNo: z.string().nullable(),
  /** 不计到会率 and 失联. */
  flags: MemberFlagsDto,
});

/** A member's record as administrators see it (masked by default). */
export const MemberRecordDto = MemberItemDto.extend({
  /** 民族. */
  ethnicity: z.string().nullable(),
  /** Education code. */
  education: z.enum(EDUCATIONS).nullable(),
  /** Occupation. */
  occupation: z.string().nullable(),
  /** Dues category code (DOMAIN §4). */
  duesCategory: z.enum(DUES_CATEGORIES).nullable(),
  /** UID of the chip in the member card (check-in terminals). */
  chipUid: z.string().nullable(),
  /** Home address. */
  address: z.string().nullable(),
  /** 户籍 / household contacted. */
  household: z.string().nullable(),
  /** True when the member can log in (has a member account). */
  hasAccount: z.boolean(),
  /** When the record was created. */
  createdAt: z.string(),
  /** When the record last changed. */
  updatedAt: z.string(),
  /** What the caller may do with this record. */
  can: z.object({ write: z.boolean(), unmask: z.boolean() }),
});

/** The owner's own record: ID number and phone in clear, with the birth date. */
export const MyRecordDto = MemberRecordDto.omit({ can: true }).extend({
  /** The full ID number (the owner's own). */
  idNumber: z.string(),
  /** The full phone number (the owner's own). */
  phone: z.string().nullable(),
  /** Birth date (YYYY-MM-DD), from the ID number. */
  birthDate: z.string(),
});

/** Filters of the member list, search and export. */
export const MemberFilterQuery = z.strictObject({
  /** Restrict to this organization (must be in scope, else 404). */
  orgId: z.uuid().optional(),
  /** With orgId: include the organization's whole subtree (default) or only its direct members. */
  includeSubtree: z.enum(['true', 'false']).default('true'),
  /** Name (contains), pinyin initials (prefix, e.g. "zs"), card number (exact), exact 18/15-digit ID number or 11-digit mobile. */
  q: z.string().trim().min(1).max(50).optional(),
  /** probationary or full. */
  status: z.enum(MEMBER_STATUSES).optional(),
  /** 党籍 state. */
  standing: z.enum(STANDINGS).optional(),
  /** Sort key: name (pinyin), joinedOn, birthDate or org (organization name). */
  sort: z.enum(MEMBER_SORTS).default('name'),
  /** Sort direction. */
  order: z.enum(['asc', 'desc']).default('asc'),
});

/** Filters plus paging. */
export const MemberListQuery = MemberFilterQuery.extend(PageQuery.shape);

/** Register a member. */
export const CreateMemberBody = z.strictObject({
  /** The organization (in the caller's write scope, else 404). */
  orgId: z.uuid(),
  /** Full name. */
  name: text(50),
  /** 18-digit ID number (15-digit legacy numbers are upgraded; a trailing x is accepted). */
  idNumber: text(30),
  /** 11-digit mobile phone. */
  phone: text(20).nullable().optional(),
  /** 民族, e.g. 汉族. */
  ethnicity: text(20).nullable().optional(),
  /** Education code. */
  education: z.enum(EDUCATIONS).nullable().optional(),
  /** Occupation. */
  occupation: text(50).nullable().optional(),
  /** Dues category code (DOMAIN §4). */
  duesCategory: z.enum(DUES_CATEGORIES).nullable().optional(),
  /** 入党 date (YYYY-MM-DD); the member must have been 18 or older. */
  joinedOn: isoDate.nullable().optional(),
  /** 转正 date (YYYY-MM-DD); only for full members, not before joinedOn. */
  confirmedOn: isoDate.nullable().optional(),
  /** probationary = 预备党员, full = 正式党员. */
  status: z.enum(MEMBER_STATUSES),
  /** 党籍 state; normal by default. */
  standing: z.enum(STANDINGS).optional(),
  /** Member card number (unique in the county). */
  cardNo: text(30).nullable().optional(),
  /** UID of the card's chip. */
  chipUid: text(64).nullable().optional(),
  /** Home address. */
  address: text(200).nullable().optional(),
  /** 户籍 / household contacted (党员联户). */
  household: text(100).nullable().optional(),
});

/** Change registry fields (not the ID number); each change is written to the electronic file. */
export const UpdateMemberBody = CreateMemberBody.omit({ idNumber: true, orgId: true, status: true, name: true })
  .extend({
    /** Move to another organization in the caller's write scope. */
    orgId: z.uuid().optional(),
    /** Full name. */
    name: text(50).optional(),
    /** probationary → full needs confirmedOn (in this request or already recorded). */
    status: z.enum(MEMBER_STATUSES).optional(),
    /** A note for the file and the audit trail (e.g. the decision behind a 党籍 change). */
    note: text(200).optional(),
  })
  .strict();

/** Set the flags 不计到会率 and 失联. */
export const FlagsBody = z.strictObject({
  /** 不计到会率: true needs a reason and an approver. */
  excludeAttendance: z.boolean(),
  /** Why the member is excluded (required when excludeAttendance is true). */
  excludeReason: text(200).nullable().optional(),
  /** Who approved it (required when excludeAttendance is true). */
  excludeApprover: text(50).nullable().optional(),
  /** 失联 since this date, or null when in contact. */
  lostContactSince: isoDate.nullable(),
});

/** Show one masked field in clear. */
export const UnmaskBody = z.strictObject({
  /** The field to show. */
  field: z.enum(['idNumber', 'phone']),
  /** Why (at least 5 characters; audited and shown to the member). */
  reason: z.string().trim().min(5).max(200),
});

/** The clear value of an unmasked field. */
export const UnmaskDto = z.object({
  /** The field shown. */
  field: z.enum(['idNumber', 'phone']),
  /** Its clear value (null when the member has none). */
  value: z.string().nullable(),
});

/** Timeline paging with an optional section filter. */
export const FileQuery = PageQuery.extend({
  /** Only this file section (基本信息, 职务, 奖惩, …). */
  section: z.enum(FILE_SECTIONS).optional(),
});

/** One entry of the electronic file. */
export const FileEventDto = z.object({
  /** Entry id. */
  id: z.string(),
  /** When it was recorded. */
  at: z.string(),
  /** When it happened (may precede `at`). */
  occurredOn: z.string().nullable(),
  /** File section (basic, position, reward, development, transfer, …). */
  section: z.enum(FILE_SECTIONS),
  /** Stable code, e.g. created, joined, field_changed, status_changed, standing_changed. */
  type: z.string(),
  /** Chinese title shown on the timeline. */
  title: z.string(),
  /** Details, e.g. { field, from, to } with sensitive values masked. */
  detail: z.record(z.string(), z.unknown()).nullable(),
  /** The organization it happened at. */
  orgId: z.string().nullable(),
  /** Who recorded it. */
  actorName: z.string(),
  /** The module that wrote it. */
  source: z.string(),
});

/** One view of a member's file. */
export const ViewDto = z.object({
  /** View id. */
  id: z.string(),
  /** When. */
  at: z.string(),
  /** The viewer's name. */
  viewerName: z.string(),
  /** The viewer's roles. */
  viewerRoles: z.array(z.string()),
  /** record, file, or an unmasked field (idNumber, phone). */
  what: z.enum(['record', 'file', 'idNumber', 'phone']),
  /** The reason given for unmasking. */
  reason: z.string().nullable(),
});

/** The answer to enabling a member's login: the one-time password, shown once. */
export const MemberAccountDto = z.object({
  /** The new account. */
  accountId: z.string(),
  /** The login name: the member's ID number (masked here). */
  username: z.string(),
  /** Shown once; the member must change it at first login. */
  oneTimePassword: z.string(),
});

/** Path parameter: an id. */
export const IdParams = z.strictObject({
  /** The member (or correction request) id. */
  id: z.uuid(),
});
