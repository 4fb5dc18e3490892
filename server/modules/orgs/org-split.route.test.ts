import ExcelJS from 'exceljs';
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { members } from '../members/members.tables.ts';
import type { OrgRow } from './orgs.repo.ts';
import { addMembers, addOrg, call, codeOf } from './orgs.test-kit.ts';

// GET /api/orgs/:id/split-suggestion and its export: a branch of 62 in three village groups.

let t: TestApp;
let f: Fixture;
let township: Session;
let secretary: Session;
let branch: OrgRow;
let canary: OrgRow;

/** Gives members addresses in a village group, `perHousehold` members per house number. */
async function live(ids: string[], group: string, perHousehold = 1) {
  for (let i = 0; i < ids.length; i++)
    await t.services.db.update(members).set({ address: `浙江省长兴县和平镇吴山村${group}${Math.floor(i / perHousehold) + 1}号` }).where(inArray(members.id, [ids[i]]));
}

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
  branch = await addOrg(t.services, f.t1, '吴山村党支部', 'branch', 'rural');
  // 1组 12 + 2组 10 = 22 together; 3组 40 in households of 2 → split in two at a household boundary.
  await live(await addMembers(t.services, branch, 12), '1组');
  await live(await addMembers(t.services, branch, 10), '二组');
  await live(await addMembers(t.services, branch, 40), '3组', 2);
  // A member who left (transferred out) is not counted.
  await addMembers(t.services, branch, 1, { standing: 'transferred_out' });
  canary = await addOrg(t.services, f.t2, '乙镇金丝雀党支部', 'branch', 'rural');
  await addMembers(t.services, canary, 30);
});
afterAll(() => t.close());

type Suggestion = { total: number; feasible: boolean; reason?: string; reasonMessage?: string; groupsSplit: number; householdsSplit: number; units: { label: string; size: number; groupKeys: string[]; members: { id: string; name: string; group: string }[] }[] };
const get = async (s: Session, id: string, qs = '') => call(t, s, 'GET', `/api/orgs/${id}/split-suggestion${qs}`);

describe('split suggestion route', () => {
  it('suggests units of 20–25 by village group, households whole', async () => {
    const res = await get(township, branch.id, '?min=20&max=25');
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as Suggestion;
    expect(s.total).toBe(62);
    expect(s.feasible).toBe(true);
    expect(s.units.map((u) => [u.size, u.groupKeys, u.label])).toEqual([
      [22, ['吴山村1组', '吴山村2组'], '第 1 单元：吴山村1组、吴山村2组'],
      [s.units[1].size, ['吴山村3组'], '第 2 单元：吴山村3组（部分）'],
      [40 - s.units[1].size, ['吴山村3组'], '第 3 单元：吴山村3组（部分）'],
    ]);
    expect(s.units.every((u) => u.size >= 20 && u.size <= 25)).toBe(true);
    expect([s.householdsSplit, s.groupsSplit]).toEqual([0, 1]);
    expect(s.units[0].members[0]).toEqual({ id: expect.any(String), name: expect.any(String), group: '吴山村1组' });
    // the branch secretary (granted at T1) reads it too; the defaults are 20–25
    expect((await get(secretary, branch.id)).json().units).toHaveLength(3);
  });

  it('says why when no split exists, and validates the range', async () => {
    const tight = (await get(township, branch.id, '?min=32&max=35')).json() as Suggestion;
    expect(tight).toMatchObject({ feasible: false, reason: 'NO_UNIT_COUNT', units: [] });
    expect(tight.reasonMessage).toBe('62 名党员无法分成若干个 32–35 人的单元：1 个单元最多容纳 35 人，2 个单元至少需要 64 人');
    const wide = (await get(township, branch.id, '?min=10&max=60')).json() as Suggestion;
    expect(wide.units.every((u) => u.size >= 10 && u.size <= 60)).toBe(true);
    const bad = await get(township, branch.id, '?min=26&max=20');
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('ORG_SPLIT_RANGE');
    expect((await get(township, branch.id, '?min=0')).statusCode).toBe(400);
    expect((await get(township, branch.id, '?min=abc')).statusCode).toBe(400);
  });

  it('is scoped: 404 outside the caller’s subtree', async () => {
    expect((await get(township, canary.id)).statusCode).toBe(404);
    const county = await login(t, 'root_admin', FIXTURE_PASSWORD);
    expect((await get(county, canary.id)).json()).toMatchObject({ total: 30, feasible: false, reason: 'NO_UNIT_COUNT' });
  });

  it('exports the suggestion, one row per member, watermarked and audited', async () => {
    const res = await call(t, township, 'GET', `/api/orgs/${branch.id}/split-suggestion/export`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0][0]).toContain('测试township_admin');
    expect(rows[1]).toEqual(['单元', '村民小组/网格', '单元人数', '姓名', '所属小组']);
    expect(rows.slice(2)).toHaveLength(62);
    expect(rows[2].slice(0, 3)).toEqual(['第 1 单元', '吴山村1组、吴山村2组', '22']);
    expect(rows.at(-1)![4]).toBe('吴山村3组');
    const audit = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND object_type = 'org-split-suggestion'");
    expect(audit[0].n).toBe(1);
  });
});
