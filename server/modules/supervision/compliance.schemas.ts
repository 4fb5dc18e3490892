import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../../common/attendance.ts';
import { ORG_CATEGORIES } from '../../../common/org.ts';
import { RULE_LEVELS, RULE_PERIODS, RULE_REQUIRES, isPeriodKey } from '../../../common/org-life-rules.ts';
import { Day } from './supervision.schemas.ts';

/** A period key: '2026', '2026-H2', '2026-Q3' or '2026-09'. */
export const Period = z.string().refine(isPeriodKey, { message: 'period' });

export const ComplianceQuery = z.strictObject({
  /** An organization in scope; the caller's first scope root when left out. */
  orgId: z.uuid().optional(),
  /** The period to judge; this month when left out. */
  period: Period.optional(),
  /** The day the judgement is made on (activities after it are not counted); today when left out. */
  asOf: Day.optional(),
});

export const OrgComplianceParams = z.strictObject({ id: z.uuid() });
export const OrgComplianceQuery = ComplianceQuery.omit({ orgId: true });

const Status = z.enum(['green', 'amber', 'red', 'pending']);
const Color = z.enum(['green', 'amber', 'red']).nullable();

export const CheckDto = z.object({
  rule: z.string(),
  activityType: z.string(),
  period: z.string(),
  status: Status,
  /** met · none_held · below_threshold · too_few · due_soon · in_grace · in_progress */
  reason: z.string(),
  shortfall: z.enum(['none_held', 'below_threshold', 'too_few']).nullable(),
  held: z.number().int(),
  qualifying: z.number().int(),
  minCount: z.number().int(),
  thresholdPct: z.number().int().nullable(),
  deadline: Day,
  /** The reason in Chinese as the 通报 prints it ("2024年第三季度 无支部党员大会"). */
  text: z.string(),
});

const ColorCounts = z.object({ total: z.number().int(), green: z.number().int(), amber: z.number().int(), red: z.number().int() });
const CheckCounts = z.object({ checks: z.number().int(), green: z.number().int(), amber: z.number().int(), red: z.number().int(), pending: z.number().int() });

const OrgRef = z.object({ id: z.uuid(), name: z.string(), level: z.string() });

export const ComplianceDto = z.object({
  org: OrgRef,
  /** From the caller's scope root down to the organization (the drill-down trail). */
  trail: z.array(OrgRef),
  period: z.string(),
  asOf: Day,
  /** Organizations bound by at least one rule, by their worst colour. */
  orgs: ColorCounts,
  checks: CheckCounts,
  /** Decided 三会一课 checks met: green / (green + red). */
  threeMeetingsRate: z.number().nullable(),
  byType: z.array(z.object({ activityType: z.string(), rate: z.number().nullable(), ...CheckCounts.shape })),
  /** One row per child organization (its subtree), and the organization itself when a rule binds it. */
  children: z.array(
    z.object({
      orgId: z.uuid(),
      name: z.string(),
      level: z.string(),
      own: z.boolean(),
      hasChildren: z.boolean(),
      /** The organization's own colour when a rule binds it. */
      color: Color,
      orgs: ColorCounts,
      checks: CheckCounts,
      threeMeetingsRate: z.number().nullable(),
    }),
  ),
  /** The organization's own checks when a rule binds it. */
  own: z.object({ color: Color, checks: z.array(CheckDto) }).nullable(),
  /** Red organizations of the subtree with their red checks (the first 200; `total` counts all). */
  red: z.object({
    total: z.number().int(),
    items: z.array(z.object({ orgId: z.uuid(), name: z.string(), level: z.string(), parentName: z.string().nullable(), checks: z.array(CheckDto) })),
  }),
});

export const OrgComplianceDto = z.object({
  org: OrgRef,
  trail: z.array(OrgRef),
  period: z.string(),
  asOf: Day,
  color: Color,
  unitMembers: z.number().int(),
  checks: z.array(
    CheckDto.extend({
      /** The activities counted for the check (drill down to the activity and its attendees). */
      activities: z.array(z.object({ id: z.uuid(), title: z.string(), day: Day, obliged: z.number().int(), attended: z.number().int(), rate: z.number().nullable(), qualifies: z.boolean() })),
    }),
  ),
});

export const RuleDto = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  activityType: z.enum(ACTIVITY_TYPES),
  period: z.enum(RULE_PERIODS),
  minCount: z.number().int().min(1).max(31),
  levels: z.array(z.enum(RULE_LEVELS)).min(1),
  categories: z.array(z.enum(ORG_CATEGORIES)),
  requires: z.enum(RULE_REQUIRES),
  thresholdPct: z.number().int().min(0).max(99).nullable(),
  graceDays: z.number().int().min(0).max(60),
  enabled: z.boolean(),
});

export const RulesDto = z.object({
  rules: z.array(RuleDto),
  /** False: the county uses the defaults of DOMAIN §3. */
  custom: z.boolean(),
  /** Whether the caller may change them (county administrators at the county root). */
  editable: z.boolean(),
});

export const RulesBody = z.strictObject({ rules: z.array(RuleDto).min(1).max(50) });
