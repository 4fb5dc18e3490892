import { z } from 'zod';
import { GRID_ACTION_NAMES, GRID_STATE_NAMES, STAGE_STATES, type StageState } from '../../../common/grid-workflow.ts';
import { PageQuery, pageOf } from '../../core/http/pagination.ts';

export const IdParams = z.strictObject({ id: z.uuid() });
export const GridMemberParams = z.strictObject({ id: z.uuid(), memberId: z.uuid() });
export const LinkParams = z.strictObject({ memberId: z.uuid(), householdId: z.uuid() });

export const GRID_LEVELS = ['township', 'community', 'grid'] as const;
const Name = z.string().trim().min(1).max(100);
const Day = z.iso.date();

// --- GeoJSON (RFC 7946): a Polygon or MultiPolygon; rings closed, at least 4 positions, WGS 84 ranges.
const Position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]).rest(z.number());
const Ring = z
  .array(Position)
  .min(4)
  .refine((r) => r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1], { message: 'ring_not_closed' });
const Polygon = z.strictObject({ type: z.literal('Polygon'), coordinates: z.array(Ring).min(1).max(100) });
const MultiPolygon = z.strictObject({ type: z.literal('MultiPolygon'), coordinates: z.array(z.array(Ring).min(1).max(100)).min(1).max(100) });
/** A grid boundary: GeoJSON Polygon or MultiPolygon (longitude, latitude). */
export const Boundary = z.discriminatedUnion('type', [Polygon, MultiPolygon]);

// --- Grids
export const GridListQuery = PageQuery.extend({
  /** Grids whose organization lies in this organization's subtree. */
  orgId: z.uuid().optional(),
  /** Children of this grid (top-level grids when left out together with orgId). */
  parentId: z.uuid().optional(),
  level: z.enum(GRID_LEVELS).optional(),
});

export const GridCreateBody = z.strictObject({
  /** Null or absent for a township-level grid. */
  parentId: z.uuid().nullish(),
  level: z.enum(GRID_LEVELS),
  name: Name,
  code: z.string().trim().min(1).max(50).nullish(),
  /** The township or village/community Party organization the grid belongs to. */
  orgId: z.uuid(),
  boundary: Boundary.nullish(),
});

export const GridPatchBody = z.strictObject({
  name: Name.optional(),
  code: z.string().trim().min(1).max(50).nullable().optional(),
  boundary: Boundary.nullable().optional(),
});

export const GridDto = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  level: z.enum(GRID_LEVELS),
  name: z.string(),
  code: z.string().nullable(),
  orgId: z.uuid(),
  orgName: z.string(),
  boundary: Boundary.nullable(),
  createdAt: z.date(),
});
export const GridListDto = pageOf(GridDto);

export const GridDetailDto = GridDto.extend({
  /** Names from the township grid down to this one. */
  trail: z.array(z.object({ id: z.uuid(), name: z.string(), level: z.enum(GRID_LEVELS) })),
  workers: z.array(z.object({ accountId: z.uuid(), displayName: z.string(), since: Day })),
  members: z.array(z.object({ memberId: z.uuid(), name: z.string(), since: Day })),
  children: z.number().int(),
  households: z.number().int(),
});

export const WorkersBody = z.strictObject({ accountIds: z.array(z.uuid()).max(200) });
export const MembersBody = z.strictObject({ memberIds: z.array(z.uuid()).min(1).max(500) });

// --- Households and 党员联户
const Phone = z.string().trim().max(20);

export const HouseholdListQuery = PageQuery.extend({
  /** Households of this grid's subtree. */
  gridId: z.uuid().optional(),
  /** Households this member keeps in touch with (the member's 联户 list). */
  memberId: z.uuid().optional(),
});
export const HouseholdCreateBody = z.strictObject({ gridId: z.uuid(), address: z.string().trim().min(1).max(200), headName: Name, phone: Phone.nullish() });
export const HouseholdPatchBody = z.strictObject({ address: z.string().trim().min(1).max(200).optional(), headName: Name.optional(), phone: Phone.nullable().optional() });
export const HouseholdDto = z.object({
  id: z.uuid(),
  gridId: z.uuid(),
  gridName: z.string(),
  address: z.string(),
  headName: z.string(),
  /** Masked (138****5678). */
  phone: z.string().nullable(),
  links: z.array(z.object({ memberId: z.uuid(), name: z.string(), since: Day })),
});
export const HouseholdListDto = pageOf(HouseholdDto);
export const LinkBody = z.strictObject({ memberId: z.uuid(), householdId: z.uuid(), since: Day.optional() });
export const LinkDto = z.object({ memberId: z.uuid(), householdId: z.uuid(), since: Day });

// --- Categories
const Hours = z.number().int().min(1).max(24 * 90);
export const SlaSchema = z.strictObject(Object.fromEntries(STAGE_STATES.map((s) => [s, Hours])) as Record<StageState, typeof Hours>);
export const CategoryDto = z.object({ code: z.string(), parent: z.string().nullable(), zh: z.string(), en: z.string(), sla: SlaSchema });
export const CategoriesDto = z.object({ categories: z.array(CategoryDto), custom: z.boolean(), editable: z.boolean() });
export const CategoriesBody = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        code: z.string().trim().regex(/^[a-z0-9_.-]{1,40}$/),
        parent: z.string().trim().nullable(),
        zh: z.string().trim().min(1).max(40),
        en: z.string().trim().min(1).max(80),
        sla: SlaSchema,
      }),
    )
    .min(1)
    .max(200),
});

// --- Events
const Resident = z.strictObject({ name: Name, phone: Phone });
export const EventCreateBody = z.strictObject({
  /** A second-level (or top-level) category code of the county's tree. */
  category: z.string().trim().min(1).max(40),
  description: z.string().trim().min(1).max(2000),
  gridId: z.uuid(),
  latitude: z.number().min(-90).max(90).nullish(),
  longitude: z.number().min(-180).max(180).nullish(),
  /** A resident reporting through the caller (a grid worker or an administrator); else the caller reports. */
  resident: Resident.nullish(),
});

const boolQuery = z.enum(['true', 'false']).transform((v) => v === 'true');
export const EventListQuery = PageQuery.extend({
  state: z.enum(GRID_STATE_NAMES).optional(),
  /** A category code; a top-level code includes its children. */
  category: z.string().max(40).optional(),
  /** Events of this grid's subtree. */
  gridId: z.uuid().optional(),
  /** Events of this township organization (its 四个平台). */
  townshipOrgId: z.uuid().optional(),
  overdue: boolQuery.optional(),
  supervised: boolQuery.optional(),
  /** Reported on or after this day (Asia/Shanghai). */
  from: Day.optional(),
  /** Reported on or before this day (Asia/Shanghai). */
  to: Day.optional(),
});
export const EventExportQuery = EventListQuery.omit({ page: true, pageSize: true });

export const EventDto = z.object({
  id: z.uuid(),
  category: z.string(),
  categoryName: z.string(),
  description: z.string(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  gridId: z.uuid(),
  gridName: z.string(),
  townshipOrgId: z.uuid(),
  townshipName: z.string(),
  reporterKind: z.enum(['member', 'account', 'resident']),
  reporterName: z.string(),
  /** Masked (138****5678). */
  reporterPhone: z.string().nullable(),
  state: z.enum(GRID_STATE_NAMES),
  stateType: z.enum(['open', 'fixed', 'closed']),
  assigneeOrgId: z.uuid().nullable(),
  assigneeName: z.string().nullable(),
  dueAt: z.date().nullable(),
  /** Computed at read time: the current stage's deadline has passed. */
  overdue: z.boolean(),
  supervised: z.boolean(),
  superviseNote: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const EventListDto = pageOf(EventDto);

export const HistoryDto = z.object({
  seq: z.number().int(),
  at: z.date(),
  action: z.string(),
  fromState: z.string().nullable(),
  toState: z.string(),
  note: z.string().nullable(),
  assigneeOrgId: z.uuid().nullable(),
  actorName: z.string(),
});
export const EventDetailDto = EventDto.extend({
  history: z.array(HistoryDto),
  /** The actions the caller may take now. */
  actions: z.array(z.enum(GRID_ACTION_NAMES)),
});

export const TransitionBody = z.strictObject({
  action: z.enum(GRID_ACTION_NAMES),
  note: z.string().trim().max(1000).nullish(),
  /** The organization to dispatch to (分流交办). */
  assignee: z.uuid().nullish(),
});
