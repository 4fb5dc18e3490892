// Types of the foundation API (docs/API-FOUNDATION.md), shared by the api/* modules and pages.

import type { OrgCategory, OrgLevel } from '../../../common/org';
import type { Role } from '../../../common/roles';

// Roles, levels and categories are data shared with the server (common/); labels live in the locale files.
export { ROLES, type Role } from '../../../common/roles';
export { canNest, ORG_CATEGORIES, ORG_LEVEL_NAMES, type OrgCategory, type OrgLevel } from '../../../common/org';

/** Why a session is limited to the account page. */
export type Restriction = null | 'password_change' | 'totp_enrol';

/** The signed-in user, as answered by /api/auth/me and /api/auth/login. */
export type Me = {
  account: {
    id: string;
    kind: 'admin' | 'member';
    username: string;
    displayName: string;
    countyCode: string;
    orgId: string | null;
    mustChangePassword: boolean;
    totpEnabled: boolean;
    isDemo: boolean;
  };
  roles: Role[];
  grants: { id: string; role: Role; orgId: string; orgName: string }[];
  permissions: string[];
  restricted: Restriction;
  csrfToken: string;
  mode: 'demo' | 'production';
};

/** GET /api/health. */
export type Health = {
  status: string;
  db: 'pglite' | 'postgres';
  version: string;
  mode: 'demo' | 'production';
  county: { code: string; name: string };
};

/** An organization (also a tree node when hasChildren is present). */
export type Org = {
  id: string;
  parentId: string | null;
  name: string;
  shortName: string | null;
  level: OrgLevel;
  category: OrgCategory | null;
  countyCode: string;
  depth: number;
  status: string;
  /** Statistical code (townships), when known. */
  code?: string | null;
  hasChildren?: boolean;
  /** Members with an active standing in the whole subtree (tree nodes). */
  memberCount?: number;
};

/** A login account as listed by /api/accounts. */
export type Account = {
  id: string;
  username: string;
  displayName: string;
  kind: 'admin' | 'member';
  orgId: string | null;
  orgName: string | null;
  status: 'active' | 'disabled';
  totpEnabled: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
  roles: Role[];
};

/** A role given to an account over an organization subtree. */
export type Grant = { id: string; accountId: string; role: Role; orgId: string; orgName: string; createdAt: string };

/** Outcome recorded in an audit row. */
export type AuditResult = 'success' | 'failure' | 'denied';

/** One row of the audit trail. */
export type AuditRow = {
  seq: number;
  at: string;
  actorName: string;
  /** Comma-separated role names at the time of the event. */
  roles: string;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  orgId: string | null;
  result: AuditResult;
  reason: string | null;
  detail: unknown;
};

/** Background job status. */
export type JobStatus = 'pending' | 'running' | 'done' | 'failed';

/** One background job. */
export type Job = {
  id: number;
  name: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
};

/** A page of a list endpoint. */
/** A page of a list; `totalCapped`: there are more than `total` (the server counts exactly only up to it). */
export type Page<T> = { items: T[]; total: number; totalCapped?: boolean };

/** A registered API client (kiosk or other government system), as listed by /api/api-clients. */
export type ApiClient = {
  id: string;
  keyId: string;
  name: string;
  orgId: string;
  orgName: string;
  /** Routes it may call, as "METHOD /url". */
  routes: string[];
  status: 'active' | 'disabled';
  createdAt: string;
  lastUsedAt: string | null;
};
