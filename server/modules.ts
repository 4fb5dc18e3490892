// The explicit list of Hongyun's modules (no autoload): add a module here to switch it on.
import type { Module } from './core/module.ts';
import { activitiesModule } from './modules/activities/index.ts';
import { activityRecordsModule } from './modules/activity-records/index.ts';
import { accountsModule } from './modules/accounts/index.ts';
import { auditModule } from './modules/audit/index.ts';
import { checkinModule } from './modules/checkin/index.ts';
import { demoModule } from './modules/demo/index.ts';
import { duesModule } from './modules/dues/index.ts';
import { gridModule } from './modules/grid/index.ts';
import { healthModule } from './modules/health/index.ts';
import { importsModule } from './modules/imports/index.ts';
import { jobsModule } from './modules/jobs/index.ts';
import { membersModule } from './modules/members/index.ts';
import { notificationsModule } from './modules/notifications/index.ts';
import { orgsModule } from './modules/orgs/index.ts';
import { participationModule } from './modules/participation/index.ts';
import { pipelineModule } from './modules/pipeline/index.ts';
import { plansModule } from './modules/plans/index.ts';
import { screenModule } from './modules/screen/index.ts';
import { supervisionModule } from './modules/supervision/index.ts';

/** Every module after auth (auth is wired by app.ts because the access gate needs its authenticator). */
export const MODULES: Module[] = [healthModule, orgsModule, accountsModule, auditModule, jobsModule, membersModule, importsModule, pipelineModule, activitiesModule, checkinModule, activityRecordsModule, plansModule, duesModule, notificationsModule, participationModule, supervisionModule, screenModule, gridModule, demoModule];
