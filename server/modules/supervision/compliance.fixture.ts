// A small hand-built county for the rule engine's known answers (tests only): four organizations a
// rule binds in 2025-Q3 with exactly known colours, and the activities they held with their figures
// written straight into the rollup's per-activity keys (the engine reads nothing else).
import { sql } from 'drizzle-orm';
import type { Services } from '../../core/services.ts';
import type { Fixture } from '../../test/fixture.ts';
import { seedOpenActivity } from '../activities/activities.fixture.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { addMembers, addOrg } from '../orgs/orgs.test-kit.ts';
import { orgCommittee } from '../orgs/orgs.tables.ts';
import { uuidv7 } from '../../core/ids.ts';

export type ComplianceCounty = { model: OrgRow; weak: OrgRow; total: OrgRow; sub1: OrgRow; sub2: OrgRow; activity: Record<string, string> };

/** An activity held on a day (10:00 Shanghai) with its 应到 / 实到, counted in the rollup's keys. */
async function held(services: Services, org: OrgRow, type: string, day: string, obliged: number, attended: number, title: string) {
  const startsAt = new Date(`${day}T10:00:00+08:00`);
  const id = await seedOpenActivity(services, org, { type, title, startsAt, endsAt: new Date(startsAt.getTime() + 2 * 3600_000) });
  await services.db.execute(sql`
    INSERT INTO org_activity_day_keys (county_code, activity_id, org_id, day, activity_type, obliged, attended)
    VALUES (${org.countyCode}, ${id}, ${org.id}, ${day}::date, ${type}, ${obliged}, ${attended})`);
  return id;
}

async function committee(services: Services, org: OrgRow, memberIds: string[], n: number) {
  const positions = ['secretary', 'organization', 'propaganda', 'discipline', 'deputy_secretary'];
  for (let i = 0; i < n; i++) {
    await services.db.insert(orgCommittee).values({ countyCode: org.countyCode, id: uuidv7(), orgId: org.id, memberId: memberIds[i], position: positions[i], termStart: '2024-01-01' });
  }
}

/**
 * Under 甲镇 (T1): 模范村 (10 members, committee of 3) held everything in 2025-Q3 — green; 后进村 (6
 * members, only a secretary) held a 党员大会 that half attended (not more than half), no 党课, and no
 * 主题党日 in September — red. Under 乙镇 (T2): 中心村党总支 (no members of its own, committee of 5)
 * holds the 支部 meetings for its two 下设支部 of 12 members each; it held no 支委会 in August — red;
 * both 下设支部 held every 主题党日 — green.
 */
export async function seedComplianceCounty(services: Services, f: Fixture): Promise<ComplianceCounty> {
  const model = await addOrg(services, f.t1, '甲镇模范村党支部', 'branch');
  const weak = await addOrg(services, f.t1, '甲镇后进村党支部', 'branch');
  const total = await addOrg(services, f.t2, '乙镇中心村党总支', 'general_branch');
  const sub1 = await addOrg(services, total, '中心村第一下设支部', 'sub_branch');
  const sub2 = await addOrg(services, total, '中心村第二下设支部', 'sub_branch');
  for (const o of [model, weak, total, sub1, sub2]) {
    await services.db.execute(sql`UPDATE organizations SET established_on = '2020-01-01' WHERE county_code = ${o.countyCode} AND id = ${o.id}`);
  }
  await committee(services, model, await addMembers(services, model, 10), 3);
  await committee(services, weak, await addMembers(services, weak, 6), 1);
  const s1 = await addMembers(services, sub1, 12);
  await addMembers(services, sub2, 12);
  await committee(services, total, s1, 5);

  const activity: Record<string, string> = {};
  activity.modelAssembly = await held(services, model, 'branch_assembly', '2025-09-20', 10, 8, '模范村三季度党员大会');
  for (const m of ['07', '08', '09']) {
    await held(services, model, 'committee', `2025-${m}-10`, 3, 3, `模范村${m}月支委会`);
    await held(services, model, 'theme_day', `2025-${m}-15`, 10, 9, `模范村${m}月主题党日`);
    await held(services, sub1, 'theme_day', `2025-${m}-15`, 12, 11, `第一下设支部${m}月主题党日`);
    await held(services, sub2, 'theme_day', `2025-${m}-15`, 12, 10, `第二下设支部${m}月主题党日`);
  }
  await held(services, model, 'party_lecture', '2025-08-15', 10, 10, '模范村三季度党课');
  activity.weakAssembly = await held(services, weak, 'branch_assembly', '2025-09-25', 6, 3, '后进村三季度党员大会');
  await held(services, weak, 'theme_day', '2025-07-15', 6, 5, '后进村7月主题党日');
  await held(services, weak, 'theme_day', '2025-08-15', 6, 4, '后进村8月主题党日');
  await held(services, total, 'branch_assembly', '2025-09-18', 24, 20, '中心村三季度党员大会');
  await held(services, total, 'committee', '2025-07-08', 5, 5, '中心村7月支委会');
  await held(services, total, 'committee', '2025-09-08', 5, 4, '中心村9月支委会');
  await held(services, total, 'party_lecture', '2025-09-18', 24, 22, '中心村三季度党课');
  return { model, weak, total, sub1, sub2, activity };
}
