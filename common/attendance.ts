// Attendance rules of DOMAIN §3: who is expected (应到), who counts as present (实到), the rate, and
// the period in which a check-in at another organization (非隶属签到) satisfies a member's own obligation.

/** Activity type codes (table activity_types). */
export const ACTIVITY_TYPES = [
  'branch_assembly',
  'committee',
  'group_meeting',
  'party_lecture',
  'theme_day',
  'life_meeting',
  'evaluation',
  'volunteer',
  'other',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** How often an obligation recurs, per type (DOMAIN §3); null = no obligation (volunteering, other). */
export const OBLIGATION_PERIOD: Record<ActivityType, 'month' | 'quarter' | 'year' | null> = {
  branch_assembly: 'quarter',
  committee: 'month',
  group_meeting: 'month',
  party_lecture: 'quarter',
  theme_day: 'month',
  life_meeting: 'year',
  evaluation: 'year',
  volunteer: null,
  other: null,
};

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The obligation period (Asia/Shanghai calendar) that an activity of `type` starting at `at` falls
 * in, as [from, to) instants; null for types without an obligation.
 */
export function obligationPeriod(type: ActivityType, at: Date): { from: Date; to: Date } | null {
  const unit = OBLIGATION_PERIOD[type];
  if (!unit) return null;
  const local = new Date(at.getTime() + SHANGHAI_OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  const [startMonth, months] = unit === 'month' ? [m, 1] : unit === 'quarter' ? [m - (m % 3), 3] : [0, 12];
  const from = new Date(Date.UTC(y, startMonth, 1) - SHANGHAI_OFFSET_MS);
  const to = new Date(Date.UTC(y, startMonth + months, 1) - SHANGHAI_OFFSET_MS);
  return { from, to };
}

/** One obliged member of the host organization (or an invitee) with what is known about them. */
export type ObligedMember = {
  id: string;
  /** 不计到会率 (with reason and approver on the member record). */
  excluded: boolean;
};

/** The attendance status of a member at an activity. */
export type AttendanceStatus = 'present' | 'elsewhere' | 'leave' | 'excluded' | 'absent' | 'guest';

/** Counters of an activity's attendance. */
export type AttendanceCounts = {
  /** 应到: obliged members minus 不计到会率 and approved leave (but someone on leave who came counts). */
  expected: number;
  /** 实到 among the expected: checked in here, or at another organization's activity of the same type and period. */
  present: number;
  /** Of `present`, those who checked in elsewhere (非隶属签到 at another organization). */
  elsewhere: number;
  leave: number;
  excluded: number;
  absent: number;
  /** Non-members of the host who checked in here (shown separately, never in the rate). */
  guests: number;
  /** 实到 / 应到, or null when nobody is expected. */
  rate: number | null;
};

/**
 * Classifies the obliged members of an activity and counts its attendance (DOMAIN §3):
 * - a member who checked in here is present, even when excluded or on leave (they came);
 * - otherwise one who checked in at another organization's activity of the same type in the same
 *   period counts as present for this obligation ("elsewhere");
 * - otherwise 不计到会率 members are excluded and approved leave is leave, both outside 应到;
 * - everyone else obliged is absent.
 * Check-ins of people who are not obliged here are guests.
 */
export function classifyAttendance(
  obliged: readonly ObligedMember[],
  checkedInHere: ReadonlySet<string>,
  checkedInElsewhere: ReadonlySet<string>,
  approvedLeave: ReadonlySet<string>,
): { statuses: Map<string, AttendanceStatus>; counts: AttendanceCounts } {
  const statuses = new Map<string, AttendanceStatus>();
  let present = 0;
  let elsewhere = 0;
  let leave = 0;
  let excluded = 0;
  let absent = 0;
  for (const m of obliged) {
    if (statuses.has(m.id)) continue;
    let s: AttendanceStatus;
    if (checkedInHere.has(m.id)) s = 'present';
    else if (checkedInElsewhere.has(m.id)) s = 'elsewhere';
    else if (m.excluded) s = 'excluded';
    else if (approvedLeave.has(m.id)) s = 'leave';
    else s = 'absent';
    statuses.set(m.id, s);
    if (s === 'present') present++;
    else if (s === 'elsewhere') {
      present++;
      elsewhere++;
    }
    else if (s === 'leave') leave++;
    else if (s === 'excluded') excluded++;
    else absent++;
  }
  let guests = 0;
  for (const id of checkedInHere)
    if (!statuses.has(id)) {
      statuses.set(id, 'guest');
      guests++;
    }
  const expected = present + absent;
  return { statuses, counts: { expected, present, elsewhere, leave, excluded, absent, guests, rate: expected === 0 ? null : present / expected } };
}
