// Every module's authorization matrix rows, listed explicitly like server/modules.ts.
import { apiClientsMatrix } from '../modules/api-clients/api-clients.matrix.ts';
import { accountsMatrix } from '../modules/accounts/accounts.matrix.ts';
import { activitiesMatrix } from '../modules/activities/activities.matrix.ts';
import { activityRecordsMatrix } from '../modules/activity-records/activity-records.matrix.ts';
import { auditMatrix } from '../modules/audit/audit.matrix.ts';
import { authMatrix } from '../modules/auth/auth.matrix.ts';
import { checkinMatrix } from '../modules/checkin/checkin.matrix.ts';
import { demoMatrix } from '../modules/demo/demo.matrix.ts';
import { duesMatrix } from '../modules/dues/dues.matrix.ts';
import { duesMonitoringMatrix } from '../modules/dues/dues-monitoring.matrix.ts';
import { duesOnlineMatrix } from '../modules/dues/dues-online.matrix.ts';
import { duesReductionsMatrix } from '../modules/dues/dues-reductions.matrix.ts';
import { gridMatrix } from '../modules/grid/grid.matrix.ts';
import { importsMatrix } from '../modules/imports/imports.matrix.ts';
import { jobsMatrix } from '../modules/jobs/jobs.matrix.ts';
import { membersMatrix } from '../modules/members/members.matrix.ts';
import { notificationsMatrix } from '../modules/notifications/notifications.matrix.ts';
import { orgsMatrix } from '../modules/orgs/orgs.matrix.ts';
import { participationMatrix } from '../modules/participation/participation.matrix.ts';
import { pipelineMatrix } from '../modules/pipeline/pipeline.matrix.ts';
import { plansMatrix } from '../modules/plans/plans.matrix.ts';
import { screenMatrix } from '../modules/screen/screen.matrix.ts';
import { supervisionMatrix } from '../modules/supervision/supervision.matrix.ts';
import { publicMatrix } from '../core/http/http.matrix.ts';
import type { MatrixCase } from './matrix.ts';

/** The whole matrix; a registered route with no case here fails the matrix test. */
export const MATRIX: MatrixCase[] = [...publicMatrix, ...authMatrix, ...orgsMatrix, ...accountsMatrix, ...apiClientsMatrix, ...auditMatrix, ...jobsMatrix, ...membersMatrix, ...importsMatrix, ...pipelineMatrix, ...activitiesMatrix, ...checkinMatrix, ...activityRecordsMatrix, ...plansMatrix, ...duesMatrix, ...duesMonitoringMatrix, ...duesOnlineMatrix, ...duesReductionsMatrix, ...notificationsMatrix, ...participationMatrix, ...supervisionMatrix, ...screenMatrix, ...gridMatrix, ...demoMatrix];
