// The one drizzle schema: every table of every module, listed explicitly (no autoload).
import * as audit from './core/audit/audit.tables.ts';
import * as jobs from './core/jobs/jobs.tables.ts';
import * as activities from './modules/activities/activities.tables.ts';
import * as activityRecords from './modules/activity-records/activity-records.tables.ts';
import * as apiClients from './modules/api-clients/api-clients.tables.ts';
import * as auth from './modules/auth/auth.tables.ts';
import * as checkin from './modules/checkin/checkin.tables.ts';
import * as dues from './modules/dues/dues.tables.ts';
import * as duesMonitoring from './modules/dues/monitoring.tables.ts';
import * as duesOnline from './modules/dues/online.tables.ts';
import * as duesReductions from './modules/dues/reductions.tables.ts';
import * as grid from './modules/grid/grid.tables.ts';
import * as members from './modules/members/members.tables.ts';
import * as notifications from './modules/notifications/notifications.tables.ts';
import * as orgs from './modules/orgs/orgs.tables.ts';
import * as pipeline from './modules/pipeline/pipeline.tables.ts';
import * as plans from './modules/plans/plans.tables.ts';
import * as supervision from './modules/supervision/supervision.tables.ts';

/** All tables, passed to drizzle so relational queries and the schema drift test see them. */
export const schema = { ...orgs, ...auth, ...apiClients, ...audit, ...jobs, ...members, ...pipeline, ...activities, ...checkin, ...activityRecords, ...plans, ...dues, ...duesReductions, ...duesOnline, ...duesMonitoring, ...notifications, ...supervision, ...grid };
