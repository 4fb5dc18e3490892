import { z } from 'zod';
import { LECTURE_FREQUENCIES, PLAN_ITEM_TYPES, PLAN_RULE_TYPES } from '../../../common/plan-rules.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { IsoDateSchema } from '../orgs/orgs.schemas.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const Title = z.string().trim().min(1).max(100);
const Note = z.string().trim().max(500);
const ThemeDay = z.number().int().min(1).max(28);

/** The county's plan settings. */
export const SettingsDto = z.object({
  /** 主题党日 day of branches that have not fixed their own (1–28). */
  themeDay: z.number().int(),
  /** 党课 per year (1, 2, 4 or 12). */
  lecturesPerYear: z.number().int(),
  /** Days before an item without an activity that a reminder to-do appears. */
  reminderDays: z.number().int(),
  /** The caller may change them (a county administrator at the county root). */
  editable: z.boolean(),
});

/** New county plan settings. */
export const SettingsBody = z.strictObject({
  themeDay: ThemeDay,
  lecturesPerYear: z.union(LECTURE_FREQUENCIES.map((n) => z.literal(n)) as [z.ZodLiteral<1>, z.ZodLiteral<2>, z.ZodLiteral<4>, z.ZodLiteral<12>]),
  reminderDays: z.number().int().min(0).max(30),
});

/** Where an item stands: an activity was created from it and not cancelled (held), its date passed without one (overdue), or neither. */
export const ITEM_STATUSES = ['planned', 'held', 'overdue'] as const;

/** An item of a plan. */
export const PlanItemDto = z.object({
  id: z.string(),
  planId: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  /** activity_types.code */
  type: z.enum(PLAN_ITEM_TYPES),
  plannedOn: z.string(),
  title: z.string(),
  note: z.string().nullable(),
  /** Dated by the rules and not moved by hand since. */
  generated: z.boolean(),
  /** The activity created from it. */
  activityId: z.string().nullable(),
  activityState: z.enum(['planned', 'cancelled']).nullable(),
  activityStartsAt: z.string().nullable(),
  status: z.enum(ITEM_STATUSES),
});

/** The organization a plan belongs to, with what the rules need. */
export const PlanOrgDto = z.object({
  id: z.string(),
  name: z.string(),
  level: z.string(),
  category: z.string().nullable(),
  /** Its own fixed 主题党日 day, or null for the county default. */
  themeDay: z.number().int().nullable(),
  /** The day in effect (its own or the county default). */
  effectiveThemeDay: z.number().int(),
  /** It has 党小组 (or is one): 党小组会 are planned. */
  hasGroups: z.boolean(),
  /** branch (支部 rules), group (党小组会 only) or null (no plan at this level). */
  kind: z.enum(['branch', 'group']).nullable(),
});

/** A yearly plan of an organization with its items and what the rules require. */
export const PlanViewDto = z.object({
  org: PlanOrgDto,
  year: z.number().int(),
  /** Null until generated or an item is added. */
  plan: z.object({ id: z.string(), createdAt: z.string(), updatedAt: z.string() }).nullable(),
  items: z.array(PlanItemDto),
  /** Per required type: how many the rules ask for and how many are planned. */
  requirements: z.array(z.object({ type: z.enum(PLAN_RULE_TYPES), required: z.number().int(), planned: z.number().int() })),
});

/** The plan after generating: how many items were added. */
export const GenerateDto = PlanViewDto.extend({ added: z.number().int() });

/** The plan of one organization for a year. */
export const PlanQuery = z.strictObject({ orgId: z.uuid(), year: Year });

/** Generate (or complete) a yearly plan from the rules. */
export const GenerateBody = z.strictObject({ orgId: z.uuid(), year: z.number().int().min(2000).max(2100) });

/** Fix an organization's 主题党日 day. */
export const ThemeDayBody = z.strictObject({
  orgId: z.uuid(),
  /** 1–28, or null for the county default. */
  themeDay: ThemeDay.nullable(),
  /** Move the future items still on the rules' dates to the new day (default true). */
  moveItems: z.boolean().optional(),
});

/** The organization after the change and how many items moved. */
export const ThemeDayDto = z.object({ org: PlanOrgDto, moved: z.number().int() });

/** Add an item by hand (the plan of the date's year is created when missing). */
export const AddItemBody = z.strictObject({
  orgId: z.uuid(),
  type: z.enum(PLAN_ITEM_TYPES),
  plannedOn: IsoDateSchema,
  title: Title,
  note: Note.optional(),
});

/** Change an item: at least one field. */
export const UpdateItemBody = z
  .strictObject({ type: z.enum(PLAN_ITEM_TYPES).optional(), plannedOn: IsoDateSchema.optional(), title: Title.optional(), note: Note.nullable().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'at least one field' });

/** Create the activity of an item (从计划创建活动). */
export const ItemActivityBody = z.strictObject({
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  /** Defaults to the item's title. */
  title: z.string().trim().min(1).max(200).optional(),
  place: z.string().trim().max(200).optional(),
});

/** The item and the activity created from it. */
export const ItemActivityDto = z.object({ item: PlanItemDto, activityId: z.string() });

/** Path parameter: an item or feed id. */
export const IdParams = z.strictObject({ id: z.uuid() });

/** The plans below an organization (or the whole scope) for a year. */
export const OverviewFilter = z.strictObject({ orgId: z.uuid().optional(), year: Year });
export const OverviewQuery = PageQuery.extend(OverviewFilter.shape);

/** One organization's plan in the overview. */
export const OverviewRowDto = z.object({
  orgId: z.string(),
  orgName: z.string(),
  level: z.string(),
  effectiveThemeDay: z.number().int(),
  hasPlan: z.boolean(),
  /** Items planned in the year. */
  planned: z.number().int(),
  /** Items whose activity exists and is not cancelled. */
  held: z.number().int(),
  /** Items whose date passed without an activity. */
  overdue: z.number().int(),
});

/** The items of a month under an organization (or the whole scope). */
export const MonthFilter = z.strictObject({ orgId: z.uuid().optional(), month: z.string().regex(/^(20\d\d|2100)-(0[1-9]|1[0-2])$/) });
export const MonthQuery = PageQuery.extend(MonthFilter.shape);

/** An organization's iCal feed (the token is shown only when created). */
export const FeedDto = z.object({ id: z.string(), orgId: z.string(), createdAt: z.string(), createdByName: z.string().nullable() });

/** The live feed of an organization, if any. */
export const FeedStatusDto = z.object({ feed: FeedDto.nullable() });

/** The organization of a feed. */
export const FeedQuery = z.strictObject({ orgId: z.uuid() });
export const FeedBody = z.strictObject({ orgId: z.uuid() });

/** A new feed: the token and its path, shown this once. */
export const FeedCreatedDto = z.object({ feed: FeedDto, token: z.string(), path: z.string() });

/** The feed file: `<token>.ics`. */
export const IcalParams = z.strictObject({ file: z.string().max(200) });
