import { z } from 'zod';
import { INDICATORS } from '../../../common/assessment-rules.ts';
import { ORG_CATEGORIES } from '../../../common/org.ts';
import { Day } from './supervision.schemas.ts';

export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month' });

const Weights = z.strictObject(Object.fromEntries(INDICATORS.map((k) => [k, z.number().int().min(0).max(100)])) as Record<(typeof INDICATORS)[number], z.ZodNumber>);

export const SettingsDto = z.object({
  bulletinDay: z.number().int(),
  minRankedMembers: z.number().int(),
  issuer: z.string(),
  weights: z.record(z.string(), Weights),
  /** The day the county's supervision starts: rule periods beginning earlier bind nobody (null: no limit). */
  startOn: Day.nullable(),
  custom: z.boolean(),
  editable: z.boolean(),
});

export const SettingsBody = z.strictObject({
  bulletinDay: z.number().int().min(1).max(28).optional(),
  minRankedMembers: z.number().int().min(1).max(200).optional(),
  issuer: z.string().trim().min(2).max(60).optional(),
  /** '*' (every category without its own) and any organization category. */
  weights: z
    .partialRecord(z.enum(['*', ...ORG_CATEGORIES]), Weights)
    .refine((w) => !!w['*'], { message: 'default_required', path: ['*'] })
    .optional(),
  startOn: Day.nullable().optional(),
});

export const BulletinListQuery = z.strictObject({ year: z.coerce.number().int().min(2000).max(2100).optional() });
export const BulletinParams = z.strictObject({ id: z.uuid() });
export const GenerateBody = z.strictObject({ month: Month });
export const ExportQuery = z.strictObject({ format: z.enum(['xlsx', 'pdf', 'docx']) });

const BulletinHead = z.object({
  id: z.uuid(),
  month: z.string(),
  version: z.number().int(),
  serial: z.string(),
  title: z.string(),
  issuer: z.string(),
  asOf: Day,
  generatedAt: z.string(),
  generatedBy: z.string(),
});
export const BulletinListDto = z.object({ items: z.array(BulletinHead), canGenerate: z.boolean() });

const ColorCounts = z.object({ total: z.number().int(), green: z.number().int(), amber: z.number().int(), red: z.number().int() });
const Aggregate = {
  orgs: ColorCounts,
  threeMeetingsRate: z.number().nullable(),
  themeDayRequired: z.number().int(),
  themeDayHeld: z.number().int(),
  themeDayAttendanceRate: z.number().nullable(),
  attendanceRate: z.number().nullable(),
  duesOrgs: z.number().int(),
  duesClear: z.number().int(),
  duesClearRate: z.number().nullable(),
  members: z.number().int(),
  score: z.number().nullable(),
  ranked: z.number().int(),
};
const IndicatorsDto = z.object(Object.fromEntries(INDICATORS.map((k) => [k, z.number().nullable()])) as Record<(typeof INDICATORS)[number], z.ZodNullable<z.ZodNumber>>);

export const BulletinDto = BulletinHead.extend({
  /** The part of the 通报 the caller's scope covers: the whole county, or their township / organization. */
  scope: z.enum(['county', 'part']),
  minRankedMembers: z.number().int(),
  county: z.object({ orgId: z.uuid(), name: z.string(), ...Aggregate }).nullable(),
  townships: z.array(z.object({ orgId: z.uuid(), name: z.string(), rank: z.number().int().nullable(), ...Aggregate })),
  branches: z.array(
    z.object({
      orgId: z.uuid(),
      name: z.string(),
      level: z.string(),
      category: z.string().nullable(),
      townshipName: z.string().nullable(),
      members: z.number().int(),
      color: z.enum(['green', 'amber', 'red']).nullable(),
      threeDecided: z.number().int(),
      threeMet: z.number().int(),
      themeDayRequired: z.number().int(),
      themeDayHeld: z.number().int(),
      themeDayObliged: z.number().int(),
      themeDayAttended: z.number().int(),
      obliged: z.number().int(),
      attended: z.number().int(),
      dues: z.string(),
      indicators: IndicatorsDto,
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
  redList: z.array(z.object({ orgId: z.uuid(), name: z.string(), townshipName: z.string().nullable(), reasons: z.array(z.string()) })),
});

export const AssessmentQuery = z.strictObject({ orgId: z.uuid().optional(), year: z.coerce.number().int().min(2000).max(2100).optional() });
export const AssessmentDto = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), level: z.string() }),
  year: z.number().int(),
  months: z.array(z.string()),
  rows: z.array(
    z.object({
      orgId: z.uuid(),
      name: z.string(),
      level: z.string(),
      category: z.string().nullable(),
      members: z.number().int(),
      /** Score per month of `months` (null: no 通报 or not scored). */
      scores: z.array(z.number().nullable()),
      ranks: z.array(z.number().int().nullable()),
      /** The year's score: the mean of the months scored. */
      yearScore: z.number().nullable(),
      yearRank: z.number().int().nullable(),
    }),
  ),
});
export const AssessmentOrgQuery = z.strictObject({ months: z.coerce.number().int().min(1).max(60).default(24) });
export const AssessmentOrgDto = z.object({
  org: z.object({ id: z.uuid(), name: z.string(), level: z.string(), category: z.string().nullable() }),
  weights: Weights,
  history: z.array(z.object({ month: z.string(), members: z.number().int(), score: z.number().nullable(), rank: z.number().int().nullable(), indicators: IndicatorsDto })),
});
