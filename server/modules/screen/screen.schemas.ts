// The big screen's answers (docs/SCREEN.md): aggregates only — counts, sums, rates and organization
// names. Nothing here names a member, an ID number or a phone; the response schemas strip anything else.
import { z } from 'zod';

/** Every screen endpoint: about one organization's subtree (in the caller's screen.view scope; their first scope root when left out). */
export const ScreenQuery = z.strictObject({ orgId: z.uuid().optional() });

const Org = z.object({ id: z.uuid(), name: z.string(), level: z.string() });
/** 实到 ÷ 应到 (4 decimals), null when nobody was expected. */
const Rate = z.number().nullable();
/** A share in basis points (10000 = 100 %), null when there is nothing to share. */
const ShareBp = z.number().int().nullable();

/** One block per child organization of the screen's organization (乡镇 / 部门党委 at the county root). */
export const ScreenBlockDto = z.object({
  orgId: z.uuid(),
  name: z.string(),
  level: z.string(),
  /** Active organizations of its subtree (itself included; 红色驿站 and 党小组 are not counted) and the 党支部 among them. */
  organizations: z.number().int(),
  branches: z.number().int(),
  /** Members in an active standing (normal, retained, restored) in its subtree. */
  members: z.number().int(),
  /** This month so far (org_activity_days): activities held, 应到, 实到, rate. */
  held: z.number().int(),
  obliged: z.number().int(),
  attended: z.number().int(),
  rate: Rate,
  /** This month's dues (dues_org_months): organizations with bills, those 月月清 (paid in full within the month), their share; the paid share of the bills. */
  duesOrgs: z.number().int(),
  duesClearOrgs: z.number().int(),
  duesClearShareBp: ShareBp,
  duesPaidShareBp: ShareBp,
});

export const ScreenOverviewDto = z.object({
  org: Org,
  /** YYYY-MM-DD (Asia/Shanghai) and YYYY-MM. */
  today: z.string(),
  month: z.string(),
  totals: ScreenBlockDto.omit({ orgId: true, name: true, level: true }),
  blocks: z.array(ScreenBlockDto),
});

export const ScreenLiveDto = z.object({
  org: Org,
  today: z.string(),
  /** The server's time of the answer (ISO). */
  at: z.string(),
  /** Check-ins recorded today (server time, Asia/Shanghai) at activities of the subtree (members and guests). */
  checkins: z.number().int(),
  /** The same by hour of the day, 24 entries (0 = 00:00–00:59). */
  byHour: z.array(z.number().int()).length(24),
  /** Activities of the subtree starting today (not cancelled), those started so far, those under way now. */
  activities: z.number().int(),
  started: z.number().int(),
  underWay: z.number().int(),
  /** Per child organization: today's check-ins and activities under way. */
  children: z.array(z.object({ orgId: z.uuid(), checkins: z.number().int(), underWay: z.number().int() })),
});

const TypeFigures = z.object({ held: z.number().int(), obliged: z.number().int(), attended: z.number().int(), rate: Rate });

export const ScreenActivityDto = z.object({
  org: Org,
  month: z.string(),
  /** The 12 months ending with this one: activities held, 应到 / 实到 and the attendance rate (all types). */
  trend: z.array(z.object({ month: z.string(), held: z.number().int(), obliged: z.number().int(), attended: z.number().int(), rate: Rate })),
  /** This month by activity type (三会一课, 主题党日, …): held, 应到, 实到, rate. */
  thisMonth: z.record(z.string(), TypeFigures),
  /** 三会一课 (branch_assembly, committee, group_meeting, party_lecture) this month and over the 12 months. */
  threeMeetings: z.object({ month: TypeFigures, year: TypeFigures }),
  /** Volunteer service (type 'volunteer') this month and by month: activities held and people who took part (实到 + other check-ins). */
  volunteer: z.object({
    held: z.number().int(),
    people: z.number().int(),
    trend: z.array(z.object({ month: z.string(), held: z.number().int(), people: z.number().int() })),
  }),
});

const DuesMonth = z.object({
  month: z.string(),
  /** Organizations with bills; those 月月清, paid in full after the month ended (补清), still open. */
  orgs: z.number().int(),
  clearOrgs: z.number().int(),
  lateOrgs: z.number().int(),
  openOrgs: z.number().int(),
  clearShareBp: ShareBp,
  /** Bills that must be collected and those paid in full; the paid share. */
  due: z.number().int(),
  paid: z.number().int(),
  paidShareBp: ShareBp,
});

export const ScreenDuesDto = z.object({
  org: Org,
  month: z.string(),
  current: DuesMonth,
  trend: z.array(DuesMonth),
});

const Colours = { green: z.number().int(), amber: z.number().int(), red: z.number().int() };

/** This month's compliance with the rules of organizational life (the supervision rule engine): green met, amber at risk, red not met. */
export const ScreenComplianceDto = z.object({
  org: Org,
  month: z.string(),
  orgs: z.object({ total: z.number().int(), ...Colours }),
  byType: z.record(z.string(), z.object({ checks: z.number().int(), ...Colours })),
  /** Per child organization: its subtree's organizations bound by a rule, by their worst colour. */
  children: z.array(z.object({ orgId: z.uuid(), total: z.number().int(), ...Colours })),
});
