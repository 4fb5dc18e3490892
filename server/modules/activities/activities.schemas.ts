import { z } from 'zod';
import { ACTIVITY_TYPES } from '../../../common/attendance.ts';
import { PageQuery } from '../../core/http/pagination.ts';
import { IsoDateSchema } from '../orgs/orgs.schemas.ts';

const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Optional = (max: number) => z.string().trim().max(max).nullable().optional();

export const IdParams = z.strictObject({ id: z.uuid() });

/** An activity type (reference data). */
export const ActivityTypeDto = z.object({
  code: z.enum(ACTIVITY_TYPES),
  nameZh: z.string(),
  nameEn: z.string(),
  threeMeetings: z.boolean(),
  hasChecklist: z.boolean(),
  countsAttendance: z.boolean(),
});

const ActivityFields = {
  type: z.enum(ACTIVITY_TYPES),
  title: Text(200),
  agenda: Optional(5000),
  startsAt: Instant,
  endsAt: Instant,
  /** Check-in opens (default: 30 minutes before the start). */
  checkinFrom: Instant.optional(),
  /** Check-in closes (default: the end). */
  checkinUntil: Instant.optional(),
  place: Optional(200),
  /** A 红色驿站 (an organization of that level) where it takes place. */
  stationOrgId: z.uuid().nullable().optional(),
  hostName: Optional(50),
  recorderName: Optional(50),
  lecturer: Optional(50),
  remoteAllowed: z.boolean().optional(),
  /** Invited members and organizations (their members) are added to 应到. */
  inviteMemberIds: z.array(z.uuid()).max(500).optional(),
  inviteOrgIds: z.array(z.uuid()).max(100).optional(),
};

export const CreateActivityBody = z.strictObject({ orgId: z.uuid(), ...ActivityFields });
export const UpdateActivityBody = z.strictObject({
  ...Object.fromEntries(Object.entries(ActivityFields).map(([k, v]) => [k, (v as z.ZodType).optional()])),
} as { [K in keyof typeof ActivityFields]: z.ZodOptional<(typeof ActivityFields)[K]> });
export const CancelBody = z.strictObject({ reason: Text(500) });

export const ActivityFilterQuery = z.strictObject({
  orgId: z.uuid().optional(),
  includeSubtree: z.enum(['true', 'false']).optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  /** Start date range (Asia/Shanghai calendar days, inclusive). */
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  state: z.enum(['planned', 'cancelled']).optional(),
});
export const ActivityListQuery = ActivityFilterQuery.extend(PageQuery.shape);

/** An activity in a list. */
export const ActivityItemDto = z.object({
  id: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  state: z.enum(['planned', 'cancelled']),
  locked: z.boolean(),
  presentCount: z.number().int(),
  guestCount: z.number().int(),
  remoteCount: z.number().int(),
  manualCount: z.number().int(),
});

/** One activity in full. */
export const ActivityDto = ActivityItemDto.extend({
  agenda: z.string().nullable(),
  checkinFrom: z.string(),
  checkinUntil: z.string(),
  stationOrgId: z.string().nullable(),
  stationName: z.string().nullable(),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  lecturer: z.string().nullable(),
  remoteAllowed: z.boolean(),
  cancelReason: z.string().nullable(),
  invites: z.array(z.object({ kind: z.enum(['member', 'org']), id: z.string(), name: z.string() })),
  /** The caller may change it (write permission, not cancelled, record not submitted). */
  canEdit: z.boolean(),
});

export const ATTENDANCE_STATUSES = ['present', 'elsewhere', 'leave', 'excluded', 'absent', 'guest'] as const;

/** The attendance of an activity: counters (DOMAIN §3) and one row per obliged member or guest. */
export const AttendanceDto = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  elsewhere: z.number().int(),
  guests: z.number().int(),
  remote: z.number().int(),
  manual: z.number().int(),
  leave: z.number().int(),
  excluded: z.number().int(),
  absent: z.number().int(),
  rate: z.number().nullable(),
  rows: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      orgName: z.string(),
      affiliated: z.boolean(),
      status: z.enum(ATTENDANCE_STATUSES),
      channel: z.string().nullable(),
      at: z.string().nullable(),
      leaveId: z.string().nullable(),
    }),
  ),
});

export const LeaveDto = z.object({
  id: z.string(),
  activityId: z.string(),
  memberId: z.string(),
  name: z.string(),
  reason: z.string(),
  state: z.enum(['pending', 'approved', 'rejected']),
  requestedAt: z.string(),
  decidedName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
});
export const LeaveBody = z.strictObject({ memberId: z.uuid(), reason: Text(500) });
export const SelfLeaveBody = z.strictObject({ reason: Text(500) });
export const DecideLeaveBody = z.strictObject({ approve: z.boolean(), note: Optional(500) });
export const ManualCheckinBody = z.strictObject({ memberId: z.uuid(), reason: Text(500) });
