import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blindIndex } from '../../core/crypto/field-crypto.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { importFile, memberRow, upload, waitDone } from './import-kit.ts';
import { MEMBER_HEADERS, makeIdNumber, syntheticMember, xlsxOf } from './test-workbook.ts';

// Members import over HTTP on a real database: every row validated, all-or-nothing by default,
// row errors naming row, column and reason, scope enforced per row.

let t: TestApp;
let f: Fixture;
let township: Session;
const B1 = '甲镇一村党支部';

const count = async (where = '') => (await t.services.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM members ${where}`))[0].n;
const indexOf = (id: string) => blindIndex(t.services.keys, 'id', id);

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
}, 120_000);
afterAll(() => t.close());

describe('members import', () => {
  it('imports a valid file: members registered with file events and one audit row, found by the registry search', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => syntheticMember(100_000 + i, B1));
    const res = await upload(t, township, 'members', await xlsxOf(MEMBER_HEADERS, rows), '?fileName=%E5%85%9A%E5%91%98.xlsx');
    expect(res.statusCode).toBe(202);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(['queued', 'validating', 'writing', 'done']).toContain(res.json().status);
    const done = await waitDone(t, township, res.json().id);
    expect(done.result).toMatchObject({ ok: true, total: 50, valid: 50, written: 50, errorCount: 0, errors: [] });
    expect(done.percent).toBe(100);
    expect(await count(`WHERE org_id = '${f.b1.id}'`)).toBe(50);
    const events = await t.services.database.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM member_events WHERE source = 'imports' GROUP BY type ORDER BY type`);
    expect(events).toEqual([
      { type: 'confirmed', n: rows.filter((r) => r[9]).length },
      { type: 'imported', n: 50 },
      { type: 'joined', n: 50 },
    ]);
    const [a] = await t.services.database.query<{ detail: Record<string, unknown>; result: string }>(`SELECT detail, result FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1`);
    expect(a).toMatchObject({ result: 'success', detail: { kind: 'members', total: 50, written: 50, fileName: '党员.xlsx' } });
    const id = String(rows[7][1]);
    const found = await t.app.inject(as(township, { method: 'GET', url: `/api/members?q=${id}` }));
    expect(found.statusCode).toBe(200);
    expect(found.json().items.map((m: { name: string }) => m.name)).toEqual([rows[7][0]]);
  });

  it('with 1 % bad rows writes nothing and names row, column and reason of each', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => syntheticMember(200_000 + i, B1));
    const goodId = String(rows[49][1]);
    rows[49][1] = `${goodId.slice(0, 17)}${goodId[17] === '0' ? '1' : '0'}`; // wrong check character, Excel row 51
    rows[119][4] = '1380013800'; // 10-digit phone, Excel row 121
    const before = await count();
    const done = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, rows));
    expect(done.result).toMatchObject({ ok: false, total: 200, valid: 198, written: 0, errorRows: 2 });
    expect(done.result!.errors).toEqual([
      { row: 51, column: '身份证号', field: 'idNumber', code: 'ID_NUMBER_CHECK_DIGIT', message: expect.stringContaining('校验位') },
      { row: 121, column: '手机号', field: 'phone', code: 'PHONE_INVALID', message: expect.stringContaining('手机号') },
    ]);
    expect(await count()).toBe(before);
    const [a] = await t.services.database.query<{ result: string; detail: Record<string, unknown> }>(`SELECT result, detail FROM audit_log WHERE action = 'import' ORDER BY seq DESC LIMIT 1`);
    expect(a).toMatchObject({ result: 'failure', detail: { total: 200, written: 0, errorRows: 2 } });
  });

  it('refuses duplicate ID numbers inside the file and against the registry, and duplicate card numbers', async () => {
    const registered = syntheticMember(100_003, B1); // imported by the first test
    const a = syntheticMember(300_000, B1);
    const b = syntheticMember(300_001, B1);
    b[1] = String(a[1]).toLowerCase(); // same person (a lower-case x would still be the same)
    const c = syntheticMember(300_002, B1);
    c[12] = registered[12]; // card number already used
    const done = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, [a, b, registered, c]));
    const codes = done.result!.errors.map((e) => [e.row, e.column, e.code]);
    expect(codes).toEqual(
      expect.arrayContaining([
        [2, '身份证号', 'IMPORT_DUPLICATE_IN_FILE'],
        [3, '身份证号', 'IMPORT_DUPLICATE_IN_FILE'],
        [4, '身份证号', 'MEMBER_ID_DUPLICATE'],
        [4, '党员卡号', 'MEMBER_CARD_DUPLICATE'],
        [5, '党员卡号', 'MEMBER_CARD_DUPLICATE'],
      ]),
    );
    expect(done.result!.errors.find((e) => e.row === 2)!.message).toBe('与第 3 行的身份证号重复');
    expect(done.result!.written).toBe(0);
  });

  it('answers "组织不在您的管理范围内" for a foreign organization on its row, and 404 only for a foreign ?orgId', async () => {
    const rows = [
      syntheticMember(400_000, '乙镇一村党支部'),
      syntheticMember(400_001, f.b2.id),
      syntheticMember(400_002, f.xb.id),
      syntheticMember(400_003, '不存在的支部'),
      syntheticMember(400_004, f.b1.id),
    ];
    const done = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, rows));
    expect(done.result!.errors.map((e) => [e.row, e.column, e.code, e.message])).toEqual([
      [2, '所在组织', 'ORG_OUT_OF_SCOPE', '组织不在您的管理范围内'],
      [3, '所在组织', 'ORG_OUT_OF_SCOPE', '组织不在您的管理范围内'],
      [4, '所在组织', 'ORG_OUT_OF_SCOPE', '组织不在您的管理范围内'],
      [5, '所在组织', 'IMPORT_ORG_NOT_FOUND', '组织“不存在的支部”不存在'],
    ]);
    const file = await xlsxOf(MEMBER_HEADERS, [syntheticMember(400_005, null as unknown as string)]);
    expect((await upload(t, township, 'members', file, `?orgId=${f.b2.id}`)).statusCode).toBe(404);
    const ok = await importFile(t, township, 'members', file, `?orgId=${f.b1.id}`);
    expect(ok.result).toMatchObject({ ok: true, written: 1 });
  });

  it('upgrades a 15-digit ID number, accepts a lower-case x, reads the usual date spellings, refuses a future birth date', async () => {
    // An even sequence (female) whose check character is X.
    let seq = 2;
    while (!makeIdNumber('330522', '19700101', seq).endsWith('X')) seq += 2;
    const withX = makeIdNumber('330522', '19700101', seq);
    const rows = [
      memberRow({ name: '老号码', id: '330522580101153', status: '正式党员', org: B1, joined: '1980/7/1', confirmed: '1981年7月1日' }),
      memberRow({ name: '小写叉', id: withX.toLowerCase(), gender: '女', status: '预备', org: B1, joined: new Date(Date.UTC(2025, 0, 15)) }),
      memberRow({ name: '序列日期', id: makeIdNumber('330522', '19800202', 11), status: 'full', org: B1, joined: 38_000, confirmed: 20_050_101 }),
      memberRow({ name: '无入党日期', id: makeIdNumber('330522', '19750303', 41), status: '正式党员', org: B1 }),
    ];
    const done = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, rows));
    expect(done.result?.errors).toEqual([]);
    const got = await t.services.database.query<{ name: string; id_number_index: string; gender: string; birth_date: string; joined_on: string; confirmed_on: string | null; status: string }>(
      `SELECT name, id_number_index, gender, birth_date::text, joined_on::text, confirmed_on::text, status FROM members WHERE name IN ('老号码','小写叉','序列日期') ORDER BY name`,
    );
    const by = Object.fromEntries(got.map((g) => [g.name, g]));
    expect(by.老号码).toMatchObject({ id_number_index: indexOf(makeIdNumber('330522', '19580101', 153)), gender: 'male', birth_date: '1958-01-01', joined_on: '1980-07-01', confirmed_on: '1981-07-01', status: 'full' });
    expect(by.小写叉).toMatchObject({ id_number_index: indexOf(withX), status: 'probationary', joined_on: '2025-01-15' });
    expect(by.序列日期).toMatchObject({ joined_on: '2004-01-14', confirmed_on: '2005-01-01' });
    const timeline = await t.services.database.query<{ name: string; type: string; title: string; occurred_on: string | null }>(
      `SELECT m.name, e.type, e.title, e.occurred_on::text FROM member_events e JOIN members m ON m.county_code = e.county_code AND m.id = e.member_id
        WHERE m.name IN ('老号码', '无入党日期') AND e.section = 'development' ORDER BY m.name, e.occurred_on`,
    );
    expect(timeline).toEqual([
      { name: '老号码', type: 'joined', title: '入党（预备党员）', occurred_on: '1980-07-01' },
      { name: '老号码', type: 'confirmed', title: '转为正式党员', occurred_on: '1981-07-01' },
    ]);

    const future = makeIdNumber('330522', '20900101', 5);
    const bad = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, [memberRow({ name: '未来人', id: future, status: '正式党员', org: B1 })]));
    expect(bad.result!.errors).toEqual([expect.objectContaining({ row: 2, column: '身份证号', code: 'ID_NUMBER_BIRTH_DATE' })]);
  });
});
