import { systemCreateAccount } from '../bootstrap/accounts.ts';
import { uuidv7 } from '../core/ids.ts';
import type { Services } from '../core/services.ts';
import { seedActivitiesMatrix } from '../modules/activities/activities.fixture.ts';
import { grants } from '../modules/auth/auth.tables.ts';
import { seedRecordsMatrix } from '../modules/activity-records/activity-records.fixture.ts';
import { seedMatrixMembers } from '../modules/members/members.fixture.ts';
import { seedOrgsMatrix } from '../modules/orgs/orgs.fixture.ts';
import { seedPipelineMatrix } from '../modules/pipeline/pipeline.fixture.ts';
import { seedPlansMatrix } from '../modules/plans/plans.fixture.ts';
import { seedApiClient } from './api-client-fixture.ts';
import { FIXTURE_PASSWORD, type Target, fixturePasswordHash, seedFixture } from './fixture.ts';
import type { MatrixFixture } from './matrix.ts';
import { TARGETS } from './matrix.ts';

/** The fixture plus, at every target organization, one plain account with one grant. */
export async function seedMatrixFixture(services: Services): Promise<MatrixFixture> {
  const f = await seedFixture(services);
  const targetAccount = {} as Record<Target, string>;
  const targetGrant = {} as Record<Target, string>;
  const targetClient = {} as Record<Target, string>;
  const passwordHash = await fixturePasswordHash();
  await services.db.transaction(async (tx) => {
    for (const t of TARGETS) {
      const org = f.orgOf[t];
      targetAccount[t] = await systemCreateAccount(services, tx, {
        countyCode: org.countyCode, username: `target_${t}`, displayName: `目标账号${t}`, orgId: org.id, password: FIXTURE_PASSWORD, passwordHash, roles: [], mustChangePassword: false,
      });
      targetGrant[t] = uuidv7();
      await tx.insert(grants).values({ countyCode: org.countyCode, id: targetGrant[t], accountId: targetAccount[t], role: 'grid_worker', orgId: org.id });
    }
  });
  for (const t of TARGETS) targetClient[t] = (await seedApiClient(services, f.orgOf[t], ['GET /api/orgs/tree'], `目标客户端${t}`)).id;
  const members = await seedMatrixMembers(services, f);
  // Committee entries, to-dos and pipeline records at every target (typed in the modules' matrix files).
  const orgsData = await seedOrgsMatrix(services, { ...f, ...members });
  const pipelineData = await seedPipelineMatrix(services, f);
  const activitiesData = await seedActivitiesMatrix(services, { ...f, ...members });
  const recordsData = await seedRecordsMatrix(services, { ...f, ...members });
  const plansData = await seedPlansMatrix(services, f);
  return { ...f, targetAccount, targetGrant, targetClient, ...members, ...orgsData, ...pipelineData, ...activitiesData, ...recordsData, ...plansData };
}
