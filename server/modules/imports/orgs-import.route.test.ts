import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { importFile, upload } from './import-kit.ts';
import { ORG_HEADERS, xlsxOf } from './test-workbook.ts';

// Organizations import: parents by name, code or id, or rows of the same file; the tree's rules
// (levels, one name per parent, no cycles) and the importer's scope on every row.

let t: TestApp;
let f: Fixture;
let township: Session;

const orgFile = (rows: unknown[][]) => xlsxOf(ORG_HEADERS, rows, { sheetName: '组织信息' });
const orgs = (where: string) =>
  t.services.database.query<{ id: string; name: string; parent_id: string; path: string; depth: number; level: string; category: string | null; contact_phone: string | null }>(
    `SELECT id, name, parent_id, path, depth, level, category, contact_phone FROM organizations WHERE ${where} ORDER BY depth, name`,
  );

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
}, 120_000);
afterAll(() => t.close());

describe('organizations import', () => {
  it('creates a general branch and, under it, branches named in the same file; history and audit recorded', async () => {
    const done = await importFile(
      t,
      township,
      'organizations',
      await orgFile([
        ['东村党支部', '东村党总支', '党支部', null, '东村村委会', '王书记', '0572-6012345'],
        ['东村党总支', '甲镇党委', '党总支', '农村'],
        ['西村党支部', '东村党总支', '支部', '村', null, null, '13800138000'],
      ]),
    );
    expect(done.result).toMatchObject({ ok: true, total: 3, written: 3, errors: [] });
    const [general, ...branches] = await orgs(`name IN ('东村党总支', '东村党支部', '西村党支部')`);
    expect(general).toMatchObject({ parent_id: f.t1.id, path: `${f.t1.path}${general.id}/`, depth: f.t1.depth + 1, level: 'general_branch', category: 'rural' });
    expect(branches.map((b) => [b.name, b.parent_id, b.level, b.category, b.path])).toEqual([
      ['东村党支部', general.id, 'branch', 'rural', `${general.path}${branches[0].id}/`],
      ['西村党支部', general.id, 'branch', 'rural', `${general.path}${branches[1].id}/`],
    ]);
    expect(branches[1].contact_phone).toBe('13800138000');
    const history = await t.services.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM org_history WHERE action = 'create' AND org_id = ANY($1)`, [[general.id, ...branches.map((b) => b.id)]]);
    expect(history[0].n).toBe(3);
    const [a] = await t.services.database.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'import' AND object_type = 'organizations' ORDER BY seq DESC LIMIT 1`);
    expect(a.detail).toMatchObject({ total: 3, written: 3 });
  });

  it('checks levels, names, cycles and scope on every row, and writes nothing when one row is wrong', async () => {
    const before = (await orgs('true')).length;
    const done = await importFile(
      t,
      township,
      'organizations',
      await orgFile([
        ['北村党委', f.b1.id, '党委'], // 2: a 党委 cannot sit under a 支部 (parent by id)
        ['甲镇一村党支部', '甲镇党委', '党支部'], // 3: the name exists under 甲镇党委
        ['南村党支部', '乙镇党委', '党支部'], // 4: outside the importer's scope
        ['环一', '环二', '党小组'], // 5, 6: a cycle
        ['环二', '环一', '党小组'],
        ['子支部', '北村党委', '党支部'], // 7: its parent row is wrong
        ['中村党支部', '甲镇党委', '大队'], // 8: unknown level
        ['中村党支部', '甲镇党委', '党支部', null, null, null, '12345'], // 9: bad phone; 8 and 9 share a name
        ['好支部', '甲镇党委', '党支部'], // 10: valid on its own
      ]),
    );
    const got = done.result!.errors.map((e) => [e.row, e.column, e.code]);
    expect(got).toEqual(
      expect.arrayContaining([
        [2, '层级', 'IMPORT_LEVEL_NESTING'],
        [3, '名称', 'IMPORT_NAME_TAKEN'],
        [4, '上级组织', 'ORG_OUT_OF_SCOPE'],
        [5, '上级组织', 'IMPORT_PARENT_CYCLE'],
        [6, '上级组织', 'IMPORT_PARENT_CYCLE'],
        [7, '上级组织', 'IMPORT_PARENT_INVALID'],
        [8, '层级', 'IMPORT_INVALID_VALUE'],
        [8, '名称', 'IMPORT_DUPLICATE_IN_FILE'],
        [9, '联系电话', 'IMPORT_CONTACT_PHONE'],
      ]),
    );
    expect(got.some(([row]) => row === 10)).toBe(false);
    expect(done.result!.errors.find((e) => e.row === 2)!.message).toBe('“党委”不能设在“党支部”之下');
    expect(done.result!.errors.find((e) => e.row === 4)!.message).toBe('组织不在您的管理范围内');
    expect(done.result).toMatchObject({ ok: false, written: 0, valid: 1 });
    expect((await orgs('true')).length).toBe(before);
  });

  it('takes the parent from ?orgId for rows that leave it empty; only administrators import organizations', async () => {
    const done = await importFile(t, township, 'organizations', await orgFile([['默认上级党小组', null, '党小组']]), `?orgId=${f.b1.id}`);
    expect(done.result).toMatchObject({ ok: true, written: 1 });
    expect((await orgs(`name = '默认上级党小组'`))[0].parent_id).toBe(f.b1.id);
    expect((await upload(t, township, 'organizations', await orgFile([['x', null, '党小组']]), `?orgId=${f.b2.id}`)).statusCode).toBe(404);
    const secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    expect((await upload(t, secretary, 'organizations', await orgFile([['某党小组', '甲镇一村党支部', '党小组']]))).statusCode).toBe(403);
  });
});
