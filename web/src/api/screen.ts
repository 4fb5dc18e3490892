// 大屏 endpoints (server/modules/screen): aggregates of an organization's subtree for the wall display.
import { api } from './client';

/** The permission of the big screen (county and township administrators). */
export const SCREEN_PERMISSION = 'screen.view';
/** 三会一课 activity types, in the screen's order. */
export const THREE_MEETINGS = ['branch_assembly', 'committee', 'group_meeting', 'party_lecture'] as const;

export type ScreenOrg = { id: string; name: string; level: string };

/** A child organization's block (or the totals). */
export type ScreenFigures = {
  organizations: number;
  branches: number;
  members: number;
  held: number;
  obliged: number;
  attended: number;
  rate: number | null;
  duesOrgs: number;
  duesClearOrgs: number;
  duesClearShareBp: number | null;
  duesPaidShareBp: number | null;
};
export type ScreenBlock = ScreenFigures & { orgId: string; name: string; level: string };
export type ScreenOverview = { org: ScreenOrg; today: string; month: string; totals: ScreenFigures; blocks: ScreenBlock[] };

export type ScreenLive = {
  org: ScreenOrg;
  today: string;
  at: string;
  checkins: number;
  byHour: number[];
  activities: number;
  started: number;
  underWay: number;
  children: { orgId: string; checkins: number; underWay: number }[];
};

export type TypeFigures = { held: number; obliged: number; attended: number; rate: number | null };
export type ScreenActivity = {
  org: ScreenOrg;
  month: string;
  trend: (TypeFigures & { month: string })[];
  thisMonth: Record<string, TypeFigures>;
  threeMeetings: { month: TypeFigures; year: TypeFigures };
  volunteer: { held: number; people: number; trend: { month: string; held: number; people: number }[] };
};

export type DuesMonth = {
  month: string;
  orgs: number;
  clearOrgs: number;
  lateOrgs: number;
  openOrgs: number;
  clearShareBp: number | null;
  due: number;
  paid: number;
  paidShareBp: number | null;
};
export type ScreenDues = { org: ScreenOrg; month: string; current: DuesMonth; trend: DuesMonth[] };

const q = (orgId?: string) => ({ orgId });
/** GET /api/screen/overview. */
export const getScreenOverview = (orgId?: string) => api.get<ScreenOverview>('/api/screen/overview', q(orgId));
/** GET /api/screen/live. */
export const getScreenLive = (orgId?: string) => api.get<ScreenLive>('/api/screen/live', q(orgId));
/** GET /api/screen/activity. */
export const getScreenActivity = (orgId?: string) => api.get<ScreenActivity>('/api/screen/activity', q(orgId));
/** GET /api/screen/dues. */
export const getScreenDues = (orgId?: string) => api.get<ScreenDues>('/api/screen/dues', q(orgId));

/** Colour counts of the rule engine: green met, amber at risk, red not met. */
export type Colours = { green: number; amber: number; red: number };
export type ScreenCompliance = {
  org: ScreenOrg;
  month: string;
  orgs: Colours & { total: number };
  byType: Record<string, Colours & { checks: number }>;
  children: (Colours & { orgId: string; total: number })[];
};
/** GET /api/screen/compliance. */
export const getScreenCompliance = (orgId?: string) => api.get<ScreenCompliance>('/api/screen/compliance', q(orgId));
