import { z } from 'zod';
import { ORG_CATEGORIES, ORG_LEVEL_NAMES } from '../../../common/org.ts';
import { ORG_WARNING_CODES } from '../../../common/org-rules.ts';
import { PageQuery } from '../../core/http/pagination.ts';

/** A calendar date, YYYY-MM-DD, between 1900 and 2199 (the database has no year 0). */
export const IsoDateSchema = z.iso.date().refine((d) => d >= '1900-01-01' && d <= '2199-12-31', { message: 'date out of range' });

/** An organization as the API shows it. */
export const OrgDto = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  level: z.enum(ORG_LEVEL_NAMES),
  category: z.enum(ORG_CATEGORIES).nullable(),
  code: z.string().nullable(),
  countyCode: z.string(),
  depth: z.number().int(),
  /** active, or dissolved (kept with its history; gone from the tree). */
  status: z.string(),
  /** True when it has active children (tree lazy loading). */
  hasChildren: z.boolean().optional(),
  /** Members with an active standing in its whole subtree (tree nodes). */
  memberCount: z.number().int().optional(),
});

/** One warning of the size and term rules (DOMAIN §1). */
export const WarningDto = z.object({
  code: z.enum(ORG_WARNING_CODES),
  severity: z.enum(['error', 'warning', 'info']),
  /** The numbers behind it (counts, limits, due dates). */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  /** The warning in the caller's language. */
  message: z.string(),
});

/** Members directly in an organization with an active standing, by status. */
export const MemberCountsDto = z.object({ full: z.number().int(), probationary: z.number().int(), total: z.number().int() });

/** One organization with its details, member counts and warnings. */
export const OrgDetailDto = OrgDto.extend({
  address: z.string().nullable(),
  longitude: z.number().nullable(),
  latitude: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  establishedOn: z.string().nullable(),
  /** Start of the current committee term. */
  termStart: z.string().nullable(),
  /** Term length of the level (years), null when the level has no 换届. */
  termYears: z.number().int().nullable(),
  /** 换届 due date (term start + term). */
  termDueOn: z.string().nullable(),
  dissolvedAt: z.string().nullable(),
  /** The organization it was merged into. */
  mergedInto: z.string().nullable(),
  /** Direct members with an active standing. */
  memberCounts: MemberCountsDto,
  /** Members in the whole subtree with an active standing. */
  subtreeMemberCount: z.number().int(),
  /** Size and term warnings; empty for dissolved organizations. */
  warnings: z.array(WarningDto),
});

/** Children of a node, or the caller's roots. */
export const TreeQuery = z.strictObject({
  /** Parent organization id; omitted = the roots of the caller's scope. */
  parentId: z.uuid().optional(),
  /** Name search across the caller's scope instead of one level. */
  q: z.string().trim().min(1).max(50).optional(),
});

/** Path parameter: an organization id. */
export const IdParams = z.strictObject({ id: z.uuid() });

/** Create an organization under a parent in scope. */
export const CreateOrgBody = z.strictObject({
  parentId: z.uuid(),
  name: z.string().trim().min(2).max(100),
  shortName: z.string().trim().min(1).max(50).optional(),
  level: z.enum(ORG_LEVEL_NAMES),
  category: z.enum(ORG_CATEGORIES).optional(),
  code: z.string().trim().max(30).optional(),
});

/**
 * An office phone: a landline with area code (0572-6021234, extension allowed), a local number or a
 * 400/800 service number. Personal mobile numbers belong to the member registry, where phones are
 * encrypted (SECURITY.md 10), so they are refused here.
 */
const OfficePhone = z
  .string()
  .trim()
  .regex(/^(?:0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\d{7,8}|[48]00-?\d{3}-?\d{4})$/);

/** Change an organization's name, category and details; null clears a field. */
export const UpdateOrgBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  shortName: z.string().trim().min(1).max(50).nullable().optional(),
  category: z.enum(ORG_CATEGORIES).nullable().optional(),
  /** Street address. */
  address: z.string().trim().min(1).max(200).nullable().optional(),
  /** WGS-84 longitude; given together with latitude. */
  longitude: z.number().min(-180).max(180).nullable().optional(),
  /** WGS-84 latitude; given together with longitude. */
  latitude: z.number().min(-90).max(90).nullable().optional(),
  /** Contact person. */
  contactName: z.string().trim().min(1).max(50).nullable().optional(),
  /** The organization's office phone (a landline, never a person's mobile number). */
  contactPhone: OfficePhone.nullable().optional(),
  /** Founding date (not in the future). */
  establishedOn: IsoDateSchema.nullable().optional(),
  /** Start of the current term (换届 date, not in the future). */
  termStart: IsoDateSchema.nullable().optional(),
});

/** Move an organization (and its subtree) under another parent. */
export const MoveOrgBody = z.strictObject({ parentId: z.uuid() });

/** Merge an organization into another: members and active children move, the source is dissolved. */
export const MergeOrgBody = z.strictObject({ intoId: z.uuid() });

/** Dissolve an organization that has no active members and no active children. */
export const DissolveOrgBody = z.strictObject({ reason: z.string().trim().min(2).max(500) });

/** One entry of an organization's history. */
export const HistoryDto = z.object({
  id: z.string(),
  at: z.string(),
  /** create, update, move, merge, merged_in, dissolve. */
  action: z.string(),
  actorName: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});

/** Filter of the warnings list. */
export const WarningsFilter = z.strictObject({
  /** Only organizations with this warning. */
  code: z.enum(ORG_WARNING_CODES).optional(),
  /** Only this organization's subtree (in scope). */
  orgId: z.uuid().optional(),
});

/** The warnings list: filter and page. */
export const WarningsQuery = PageQuery.extend(WarningsFilter.shape);

/** An organization in the warnings list. */
export const WarningItemDto = z.object({
  org: OrgDto,
  memberCounts: MemberCountsDto,
  subtreeMemberCount: z.number().int(),
  warnings: z.array(WarningDto),
});

/** Unit size range of a split suggestion (default 20–25, the village 下设支部 standard). */
export const SplitQuery = z.strictObject({
  min: z.coerce.number().int().min(1).max(200).optional(),
  max: z.coerce.number().int().min(1).max(200).optional(),
});

/** A split suggestion: units of min–max members keeping households and village groups whole. */
export const SplitSuggestionDto = z.object({
  orgId: z.string(),
  orgName: z.string(),
  /** Direct members with an active standing. */
  total: z.number().int(),
  min: z.number().int(),
  max: z.number().int(),
  /** False when no units of min–max exist (then `units` is empty and `reason` says why). */
  feasible: z.boolean(),
  reason: z.enum(['TOTAL_BELOW_MIN', 'NO_UNIT_COUNT']).optional(),
  reasonMessage: z.string().optional(),
  /** Households and village groups the suggestion had to cut apart. */
  householdsSplit: z.number().int(),
  groupsSplit: z.number().int(),
  units: z.array(
    z.object({
      no: z.number().int(),
      label: z.string(),
      /** Village groups (or grids, places) the unit draws from; '' = members without an address. */
      groupKeys: z.array(z.string()),
      /** Groups the unit takes only part of. */
      partialGroups: z.array(z.string()),
      size: z.number().int(),
      members: z.array(z.object({ id: z.string(), name: z.string(), group: z.string().nullable() })),
    }),
  ),
});
