// 组织生活 endpoints (server/modules/activities, server/modules/checkin): activity types, activities,
// attendance and its live stream, leaves, 补签, the rotating activity QR, kiosk devices and card revocations.
import { api, toQueryString } from './client';
import type { Page } from './types';

/** An activity type (reference data; the names come from the server). */
export type ActivityTypeInfo = {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Part of 三会一课. */
  threeMeetings: boolean;
  /** Has the 5+X / 4+X checklist (主题党日). */
  hasChecklist: boolean;
  /** Obliged members are expected (应到). */
  countsAttendance: boolean;
};

/** GET /api/activity-types. */
export const listActivityTypes = () => api.get<{ items: ActivityTypeInfo[] }>('/api/activity-types').then((r) => r.items);

/** planned → cancelled. */
export type ActivityState = 'planned' | 'cancelled';

/** An activity in a list, with its attendance counters. */
export type ActivityItem = {
  id: string;
  orgId: string;
  orgName: string;
  type: string;
  title: string;
  startsAt: string;
  endsAt: string;
  place: string | null;
  state: ActivityState;
  /** The record was submitted: the activity's fields are locked. */
  locked: boolean;
  presentCount: number;
  guestCount: number;
  remoteCount: number;
  manualCount: number;
};

/** An invited member or organization. */
export type ActivityInvite = { kind: 'member' | 'org'; id: string; name: string };

/** One activity with everything the detail page shows. */
export type Activity = ActivityItem & {
  agenda: string | null;
  checkinFrom: string;
  checkinUntil: string;
  stationOrgId: string | null;
  stationName: string | null;
  hostName: string | null;
  recorderName: string | null;
  lecturer: string | null;
  remoteAllowed: boolean;
  cancelReason: string | null;
  invites: ActivityInvite[];
  canEdit: boolean;
};

/** Filters of the list and the export. */
export type ActivityFilter = {
  orgId?: string;
  includeSubtree?: boolean;
  type?: string;
  /** YYYY-MM-DD (Asia/Shanghai). */
  from?: string;
  to?: string;
  state?: ActivityState;
};

const filterQuery = (f: ActivityFilter) => ({
  ...f,
  includeSubtree: f.includeSubtree === undefined ? undefined : String(f.includeSubtree),
});

/** GET /api/activities. */
export const listActivities = (filter: ActivityFilter, page: number, pageSize: number) =>
  api.get<Page<ActivityItem>>('/api/activities', { ...filterQuery(filter), page, pageSize });

/** The URL of the Excel export for the same filters. */
export const activitiesExportUrl = (filter: ActivityFilter) => `/api/activities/export${toQueryString(filterQuery(filter))}`;

/** Fields of a create or an update (an update sends only what changed and never the organization). */
export type ActivityInput = {
  orgId?: string;
  type?: string;
  title?: string;
  agenda?: string | null;
  startsAt?: string;
  endsAt?: string;
  checkinFrom?: string;
  checkinUntil?: string;
  place?: string | null;
  stationOrgId?: string | null;
  hostName?: string | null;
  recorderName?: string | null;
  lecturer?: string | null;
  remoteAllowed?: boolean;
  inviteMemberIds?: string[];
  inviteOrgIds?: string[];
};

const path = (id: string) => `/api/activities/${encodeURIComponent(id)}`;

/** POST /api/activities. */
export const createActivity = (input: ActivityInput) => api.post<Activity>('/api/activities', input);

/** GET /api/activities/:id. */
export const getActivity = (id: string) => api.get<Activity>(path(id));

/** PATCH /api/activities/:id. */
export const updateActivity = (id: string, input: ActivityInput) => api.patch<Activity>(path(id), input);

/** POST /api/activities/:id/cancel. */
export const cancelActivity = (id: string, reason: string) => api.post<Activity>(`${path(id)}/cancel`, { reason });

/** A member's status at an activity ('elsewhere': checked in at another organization's activity of the type). */
export type AttendanceRowStatus = 'present' | 'elsewhere' | 'leave' | 'absent' | 'excluded' | 'guest';

/** The statuses, in the order the filter offers them. */
export const ATTENDANCE_STATUSES: readonly AttendanceRowStatus[] = ['present', 'elsewhere', 'guest', 'leave', 'absent', 'excluded'];

/** How a check-in came in. */
export type CheckinChannel = 'card' | 'chip' | 'member_qr' | 'activity_qr' | 'remote' | 'manual';

/** One member of the attendance list (names only; no ID numbers). */
export type AttendanceRow = {
  memberId: string;
  name: string;
  orgName: string;
  affiliated: boolean;
  status: AttendanceRowStatus;
  channel?: string | null;
  at?: string | null;
  leaveId?: string | null;
};

/** The counters of an activity (应到, 实到, …) and its rate (0..1, null without anyone expected). */
export type AttendanceCounts = {
  expected: number;
  present: number;
  guests: number;
  remote: number;
  manual: number;
  leave: number;
  rate: number | null;
};

/** GET /api/activities/:id/attendance. */
export type Attendance = AttendanceCounts & { elsewhere?: number; excluded: number; absent: number; rows: AttendanceRow[] };

/** The URL of the attendance's Excel export. */
export const attendanceExportUrl = (id: string) => `${path(id)}/attendance/export`;

/** GET /api/activities/:id/attendance. */
export const getAttendance = (id: string) => api.get<Attendance>(`${path(id)}/attendance`);

/** The latest check-in, as the live stream reports it. */
export type LiveCheckin = { name: string; affiliated: boolean; channel: CheckinChannel | string; at: string };

/** One `attendance` event of GET /api/activities/:id/live (`gone`: the activity no longer exists). */
export type LiveAttendance = AttendanceCounts & { absent?: number; elsewhere?: number; last?: LiveCheckin | null; gone?: boolean };

/** The URL of the live stream (Server-Sent Events). */
export const liveUrl = (id: string) => `${path(id)}/live`;

/** A leave request. */
export type Leave = {
  id: string;
  memberId: string;
  name: string;
  reason: string;
  state: 'pending' | 'approved' | 'rejected';
  requestedAt: string;
  decidedName?: string | null;
  decidedAt?: string | null;
  decisionNote?: string | null;
};

/** GET /api/activities/:id/leaves. */
export const listLeaves = (id: string) => api.get<{ items: Leave[] }>(`${path(id)}/leaves`).then((r) => r.items);

/** POST /api/activities/:id/leaves: a leave request for a member. */
export const requestLeave = (id: string, memberId: string, reason: string) =>
  api.post<Leave>(`${path(id)}/leaves`, { memberId, reason });

/** POST /api/leaves/:id/decide. */
export const decideLeave = (leaveId: string, approve: boolean, note?: string) =>
  api.post<Leave>(`/api/leaves/${encodeURIComponent(leaveId)}/decide`, note ? { approve, note } : { approve });

/** POST /api/activities/:id/manual-checkin (补签, audited). */
export const manualCheckin = (id: string, memberId: string, reason: string) =>
  api.post<unknown>(`${path(id)}/manual-checkin`, { memberId, reason });

/** The rotating activity code the host shows. */
export type ActivityQr = { code: string; expiresAt: string; refreshInSeconds: number };

/** GET /api/activities/:id/qr. */
export const getActivityQr = (id: string) => api.get<ActivityQr>(`${path(id)}/qr`);

/** A kiosk (an API client bound to an organization and a place). */
export type CheckinDevice = {
  id: string;
  name: string;
  keyId: string;
  orgId: string;
  orgName: string;
  place: string | null;
  stationOrgId: string | null;
  stationName: string | null;
  status: 'active' | 'disabled';
  createdAt: string;
  lastUsedAt: string | null;
};

/** GET /api/checkin-devices. */
export const listDevices = (query: { page: number; pageSize: number }) => api.get<Page<CheckinDevice>>('/api/checkin-devices', query);

/** Body of POST /api/checkin-devices. */
export type DeviceInput = { name: string; orgId: string; place?: string; stationOrgId?: string };

/** A new device with its credential (the secret is shown once). */
export type DeviceIssued = { device: CheckinDevice; keyId: string; secret: string };

/** POST /api/checkin-devices. */
export const registerDevice = (input: DeviceInput) => api.post<DeviceIssued>('/api/checkin-devices', input);

/** POST /api/checkin-devices/:id/disable. */
export const disableDevice = (id: string) => api.post<CheckinDevice>(`/api/checkin-devices/${encodeURIComponent(id)}/disable`, {});

/** A revoked member card (the number masked). */
export type CardRevocation = { cardNo: string; memberId: string | null; memberName: string | null; reason: string; revokedAt: string };

/** GET /api/card-revocations. */
export const listRevocations = (query: { page: number; pageSize: number }) =>
  api.get<Page<CardRevocation>>('/api/card-revocations', query);

/** POST /api/members/:id/card/revoke: the member's card is refused everywhere from now on. */
export const revokeCard = (memberId: string, reason: string) =>
  api.post<unknown>(`/api/members/${encodeURIComponent(memberId)}/card/revoke`, { reason });

/** The permission to manage kiosks (county and township administrators). */
export const DEVICE_PERMISSION = 'checkin.device.manage';

/** The permission to revoke a member's card (POST /api/members/:id/card/revoke). */
export const CARD_REVOKE_PERMISSION = 'member.write';

/** The permission to list revoked cards (GET /api/card-revocations). */
export const REVOCATIONS_PERMISSION = 'member.read';
