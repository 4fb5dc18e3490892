import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import type { OrgRow } from './orgs.repo.ts';
import { addMembers, addOrg, call } from './orgs.test-kit.ts';

let t: TestApp;
let f: Fixture;
let township: Session;
let county: Session;
let small: OrgRow;
let big: OrgRow;
let general: OrgRow;
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  county = await login(t, 'root_admin', FIXTURE_PASSWORD);
  // Under T1: a general branch (30 members in its branches) with a small branch (2) and a big one (51);
  // under T2 (outside T1's scope) a small branch as a canary.
  general = await addOrg(t.services, f.t1, '甲镇某村党总支', 'general_branch', 'rural');
  small = await addOrg(t.services, general, '甲镇某村第一党支部', 'branch', 'rural');
  big = await addOrg(t.services, general, '甲镇某村第二党支部', 'branch', 'rural');
  await addMembers(t.services, small, 2);
  await addMembers(t.services, big, 51);
  await addMembers(t.services, await addOrg(t.services, f.t2, '乙镇金丝雀党支部', 'branch', 'rural'), 1);
});
afterAll(() => t.close());

type Item = { org: { id: string; name: string }; warnings: { code: string }[]; subtreeMemberCount: number };
const list = async (s: Session, qs = '') => (await call(t, s, 'GET', `/api/orgs/warnings${qs}`)).json() as { items: Item[]; total: number };

describe('warnings list', () => {
  it('lists organizations in scope with their warnings, most serious first, filtered by code', async () => {
    const all = await list(township, '?pageSize=100');
    const names = all.items.map((i) => i.org.name);
    expect(names).toEqual(expect.arrayContaining(['甲镇某村第一党支部', '甲镇某村第二党支部', '甲镇某村党总支']));
    expect(names).not.toContain('乙镇金丝雀党支部');
    expect(all.total).toBe(all.items.length);
    // The big branch has an error (≥ 7 正式党员 without a committee), so it comes first.
    expect(all.items[0].org.name).toBe('甲镇某村第二党支部');
    const gb = all.items.find((i) => i.org.id === general.id)!;
    expect(gb.subtreeMemberCount).toBe(53);
    // 53 members in its branches: inside 50–100, so no size warning (direct members alone would be 0).
    expect(gb.warnings.map((w) => w.code)).toEqual(['NO_SECRETARY']);

    const over = await list(township, '?code=BRANCH_OVER_50');
    expect(over.items.map((i) => i.org.id)).toEqual([big.id]);
    const few = await list(township, `?code=LESS_THAN_3_FULL&orgId=${general.id}`);
    expect(few.items.map((i) => i.org.id)).toEqual([small.id]);
    const page = await list(township, '?pageSize=1&page=2');
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(all.total);
    expect((await call(t, township, 'GET', `/api/orgs/warnings?orgId=${f.t2.id}`)).statusCode).toBe(404);
    // The county sees the canary too.
    expect((await list(county, '?code=LESS_THAN_3_FULL&pageSize=100')).items.map((i) => i.org.name)).toContain('乙镇金丝雀党支部');
  });

  it('exports one row per warning with Chinese labels, watermarked and audited', async () => {
    const res = await call(t, township, 'GET', '/api/orgs/warnings/export?code=BRANCH_OVER_50');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows: string[][] = [];
    wb.worksheets[0].eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0][0]).toContain('测试township_admin');
    expect(rows[1]).toEqual(['组织', '层级', '类别', '正式党员', '预备党员', '党员总数', '级别', '预警内容']);
    expect(rows.slice(2)).toEqual([['甲镇某村第二党支部', '党支部', '农村', '51', '0', '51', '提醒', '支部党员 51 名，超过 50 名，宜分设支部或成立党总支']]);
    const audit = await t.database.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND object_type = 'org-warnings'");
    expect(audit[0].n).toBe(1);
  });
});

describe('tree with member counts', () => {
  it('each node of a level carries its subtree member count; roots and search too', async () => {
    const level = (await call(t, township, 'GET', `/api/orgs/tree?parentId=${general.id}`)).json().items;
    expect(level.map((o: { name: string; memberCount: number }) => [o.name, o.memberCount])).toEqual([
      ['甲镇某村第一党支部', 2],
      ['甲镇某村第二党支部', 51],
    ]);
    const t1Level = (await call(t, township, 'GET', `/api/orgs/tree?parentId=${f.t1.id}`)).json().items;
    expect(t1Level.find((o: { id: string }) => o.id === general.id).memberCount).toBe(53);
    const roots = (await call(t, township, 'GET', '/api/orgs/tree')).json().items;
    expect(roots).toEqual([expect.objectContaining({ id: f.t1.id, memberCount: 53, hasChildren: true })]);
    const search = (await call(t, township, 'GET', `/api/orgs/tree?q=${encodeURIComponent('某村')}`)).json().items;
    expect(search.map((o: { memberCount: number }) => o.memberCount)).toEqual([53, 2, 51]);
  });

  it('stays fast with 1,700 organizations and thousands of members (one grouped query per level)', async () => {
    const township2 = await addOrg(t.services, f.root, '丙镇党委', 'township_committee', null);
    // 1,700 branches under one township in one statement, and 5,000 members spread over them.
    const rows = await t.database.query<{ id: string }>(
      `INSERT INTO organizations (county_code, id, parent_id, path, depth, name, level, category)
       SELECT $1, x.id, $2, $3 || x.id || '/', 2, '丙镇第' || x.n || '党支部', 'branch', 'rural'
         FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, 1700) n) x RETURNING id`,
      [township2.countyCode, township2.id, township2.path],
    );
    expect(rows).toHaveLength(1700);
    await t.database.query(
      `INSERT INTO members (county_code, id, org_id, name, gender, birth_date, id_number_enc, id_number_index, id_number_tail, status)
       SELECT $1, gen_random_uuid(), o.id, '成员' || n, 'male', '1980-01-01', 'x', 'idx-' || n, '0000', 'full'
         FROM generate_series(1, 5000) n
         JOIN (SELECT id, (row_number() OVER (ORDER BY id)) - 1 AS k FROM organizations WHERE parent_id = $2) o ON o.k = n % 1700`,
      [township2.countyCode, township2.id],
    );
    const started = performance.now();
    const level = await call(t, county, 'GET', `/api/orgs/tree?parentId=${township2.id}`);
    const levelMs = performance.now() - started;
    expect(level.json().items).toHaveLength(1700);
    expect(level.json().items.reduce((s: number, o: { memberCount: number }) => s + o.memberCount, 0)).toBe(5000);
    const s2 = performance.now();
    const top = await call(t, county, 'GET', `/api/orgs/tree?parentId=${f.root.id}`);
    const topMs = performance.now() - s2;
    expect(top.json().items.find((o: { id: string }) => o.id === township2.id).memberCount).toBe(5000);
    const s3 = performance.now();
    const warnings = await call(t, county, 'GET', '/api/orgs/warnings?code=NO_SECRETARY');
    const warnMs = performance.now() - s3;
    expect(warnings.json().total).toBeGreaterThan(1700);
    // Generous bounds for slow CI machines; typical figures are far lower.
    expect(levelMs).toBeLessThan(2000);
    expect(topMs).toBeLessThan(1000);
    expect(warnMs).toBeLessThan(3000);
  });
});
