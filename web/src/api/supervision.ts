// 组织生活督查 endpoints (server/modules/supervision, the 条例 rule engine): the judgement of an
// organization's subtree for a period, one organization's checks with the activities counted, the
// Excel export and the county's rules. The rules, periods and reason codes are shared data
// (common/org-life-rules.ts); labels live in the locale files.
import type { OrgLifeRule, ReasonCode } from '../../../common/org-life-rules';
import { api, toQueryString } from './client';

export { ACTIVITY_TYPES } from '../../../common/attendance';
export { todayIn } from '../../../common/calendar';
export {
  RULE_LEVELS,
  RULE_PERIODS,
  RULE_REQUIRES,
  THREE_MEETINGS,
  isPeriodKey,
  periodLabelZh,
  periodRange,
  periodUnit,
  type OrgLifeRule,
  type ReasonCode,
  type RulePeriod,
} from '../../../common/org-life-rules';

/** Reading the judgement is reading activities in scope. */
export const COMPLIANCE_READ = 'activity.read';

/** An organization's colour: its worst check; null when no rule binds it. */
export type Color = 'green' | 'amber' | 'red';
/** A check's status (pending: time left, no colour of its own). */
export type CheckStatus = Color | 'pending';

export type OrgRef = { id: string; name: string; level: string };
export type ColorCounts = { total: number; green: number; amber: number; red: number };
export type CheckCounts = { checks: number; green: number; amber: number; red: number; pending: number };

/** One rule judged for one organization and period. */
export type ComplianceCheck = {
  rule: string;
  activityType: string;
  period: string;
  status: CheckStatus;
  reason: ReasonCode;
  shortfall: 'none_held' | 'below_threshold' | 'too_few' | null;
  held: number;
  qualifying: number;
  minCount: number;
  thresholdPct: number | null;
  deadline: string;
  /** The reason in Chinese as the 通报 prints it. */
  text: string;
};

export type ComplianceChild = {
  orgId: string;
  name: string;
  level: string;
  /** The organization itself (本级), not a child. */
  own: boolean;
  hasChildren: boolean;
  color: Color | null;
  orgs: ColorCounts;
  checks: CheckCounts;
  threeMeetingsRate: number | null;
};

export type RedItem = { orgId: string; name: string; level: string; parentName: string | null; checks: ComplianceCheck[] };

export type Compliance = {
  org: OrgRef;
  trail: OrgRef[];
  period: string;
  asOf: string;
  orgs: ColorCounts;
  checks: CheckCounts;
  threeMeetingsRate: number | null;
  byType: (CheckCounts & { activityType: string; rate: number | null })[];
  children: ComplianceChild[];
  own: { color: Color | null; checks: ComplianceCheck[] } | null;
  red: { total: number; items: RedItem[] };
};

/** An activity counted for a check (its page lists the attendees). */
export type CountedActivity = { id: string; title: string; day: string; obliged: number; attended: number; rate: number | null; qualifies: boolean };

export type OrgCompliance = {
  org: OrgRef;
  trail: OrgRef[];
  period: string;
  asOf: string;
  color: Color | null;
  unitMembers: number;
  checks: (ComplianceCheck & { activities: CountedActivity[] })[];
};

/** What the view is asked for (the scope root and this month / today when left out). */
export type ComplianceQuery = { orgId?: string; period?: string; asOf?: string };

export type Rule = OrgLifeRule;
export type Rules = { rules: Rule[]; custom: boolean; editable: boolean };

const query = (q: ComplianceQuery) => ({ orgId: q.orgId, period: q.period, asOf: q.asOf });

/** GET /api/supervision/compliance. */
export const getCompliance = (q: ComplianceQuery) => api.get<Compliance>('/api/supervision/compliance', query(q));

/** GET /api/supervision/compliance/orgs/:id. */
export const getOrgCompliance = (id: string, q: Omit<ComplianceQuery, 'orgId'>) =>
  api.get<OrgCompliance>(`/api/supervision/compliance/orgs/${encodeURIComponent(id)}`, { period: q.period, asOf: q.asOf });

/** The URL of the Excel export of the same view. */
export const complianceExportUrl = (q: ComplianceQuery) => `/api/supervision/compliance/export${toQueryString(query(q))}`;

/** GET /api/supervision/rules. */
export const getRules = () => api.get<Rules>('/api/supervision/rules');
/** PUT /api/supervision/rules (the whole list). */
export const putRules = (rules: Rule[]) => api.put<Rules>('/api/supervision/rules', { rules });
/** DELETE /api/supervision/rules (back to the defaults). */
export const resetRules = () => api.del<Rules>('/api/supervision/rules');
