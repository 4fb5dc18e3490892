import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { importFile, loadXlsx, memberRow, sheetRows, upload, waitDone } from './import-kit.ts';
import { MEMBER_HEADERS, makeIdNumber, syntheticMember, xlsxOf } from './test-workbook.ts';

// Whole-file problems (not an xlsx, wrong headers), the templates, the error workbook, who may
// see an import, and valid-only mode.

let t: TestApp;
let f: Fixture;
let township: Session;
const B1 = '甲镇一村党支部';

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, { countyCode: f.root.countyCode, username: 'other_township', displayName: '乙镇管理员', orgId: f.t2.id, password: FIXTURE_PASSWORD, roles: ['township_admin'], mustChangePassword: false }),
  );
}, 120_000);
afterAll(() => t.close());

const get = (s: Session, url: string) => t.app.inject(as(s, { method: 'GET', url }));

describe('whole-file problems', () => {
  it('names the missing and unknown headers', async () => {
    const headers = MEMBER_HEADERS.filter((h) => h !== '身份证号').concat('籍贯');
    const res = await upload(t, township, 'members', await xlsxOf(headers, [['张三']]));
    expect(res.statusCode).toBe(400);
    const e = res.json().error;
    expect(e.code).toBe('IMPORT_BAD_HEADERS');
    expect(e.message).toContain('缺少的列：身份证号');
    expect(e.message).toContain('无法识别的列：籍贯');
    expect(e.fields).toEqual([
      { path: 'header.身份证号', code: 'IMPORT_HEADER_MISSING', message: '缺少必填列“身份证号”' },
      { path: 'header.籍贯', code: 'IMPORT_HEADER_UNKNOWN', message: '无法识别的列“籍贯”' },
    ]);
    const en = await t.app.inject(as(township, { method: 'POST', url: '/api/imports/members', payload: await xlsxOf(['名字'], [['x']]), headers: { 'content-type': 'application/octet-stream', 'accept-language': 'en' } }));
    expect(en.json().error.message).toMatch(/^The headers do not match the import template\. Missing: 姓名、身份证号/);
  });

  it('refuses what is not an xlsx with a clear code', async () => {
    const json = await t.app.inject(as(township, { method: 'POST', url: '/api/imports/members', payload: { a: 1 } }));
    expect([json.statusCode, json.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const csv = await upload(t, township, 'members', '姓名,身份证号\n张三,1', '', 'text/csv');
    expect([csv.statusCode, csv.json().error.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    const garbage = await upload(t, township, 'members', Buffer.from('姓名,身份证号\n张三,1'));
    expect([garbage.statusCode, garbage.json().error.code]).toEqual([400, 'IMPORT_NOT_XLSX']);
    const xls = await upload(t, township, 'members', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
    expect([xls.statusCode, xls.json().error.code]).toEqual([400, 'IMPORT_LEGACY_XLS']);
    expect(xls.json().error.message).toContain('另存为 .xlsx');
    const empty = await upload(t, township, 'members', Buffer.alloc(0));
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'IMPORT_NOT_XLSX']);
    const noRows = await upload(t, township, 'members', await xlsxOf(MEMBER_HEADERS, []));
    expect([noRows.statusCode, noRows.json().error.code]).toEqual([400, 'IMPORT_EMPTY']);
  });

  it('answers 4xx (or 202) and never 5xx to damaged workbooks and random bytes', async () => {
    const good = await xlsxOf(MEMBER_HEADERS, Array.from({ length: 30 }, (_, i) => syntheticMember(700_000 + i, B1)));
    const damaged = fc.oneof(
      fc.uint8Array({ minLength: 0, maxLength: 2000 }).map((a) => Buffer.from(a)),
      fc.integer({ min: 1, max: good.length - 1 }).map((n) => good.subarray(0, n)),
      fc.array(fc.tuple(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const b = Buffer.from(good);
        for (const [at, v] of flips) b[at] = v;
        return b;
      }),
    );
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(damaged, async (body) => {
        const res = await upload(t, township, 'members', body);
        statuses.add(res.statusCode);
        if (res.statusCode === 202) await waitDone(t, township, res.json().id);
        return res.statusCode < 500 && (res.statusCode === 202 || res.json().error.code.length > 0);
      }),
      { numRuns: 60, seed: 20261128 },
    );
    expect([...statuses].every((s) => s === 202 || (s >= 400 && s < 500))).toBe(true);
  }, 120_000);

  it('caps the upload size and the row count', async () => {
    const small = await fixtureApp({ IMPORT_MAX_BYTES: '20000', IMPORT_MAX_ROWS: '3' });
    try {
      const s = await login(small.t, 'township_admin', FIXTURE_PASSWORD);
      const four = await xlsxOf(MEMBER_HEADERS, Array.from({ length: 4 }, (_, i) => syntheticMember(i, B1)));
      const big = await upload(small.t, s, 'members', Buffer.concat([four, Buffer.alloc(25_000)]));
      expect([big.statusCode, big.json().error.code]).toEqual([413, 'BODY_TOO_LARGE']);
      const many = await upload(small.t, s, 'members', four);
      expect([many.statusCode, many.json().error.code, many.json().error.message]).toEqual([400, 'IMPORT_TOO_MANY_ROWS', '数据超过 3 行，请拆分后再导入']);
    } finally {
      await small.t.close();
    }
  });
});

describe('templates', () => {
  it('the members template has the Chinese headers, the allowed values with codes, drop-downs and only organizations in scope', async () => {
    const res = await get(township, '/api/imports/templates/members.xlsx');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = await loadXlsx(res.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['党员信息', '可选值', '组织列表', '填写说明']);
    const [data, values, orgs] = wb.worksheets;
    expect(sheetRows(data)[0]).toEqual(MEMBER_HEADERS);
    const valueCells = sheetRows(values).flat();
    expect(valueCells).toEqual(expect.arrayContaining(['本科', 'bachelor', '离退休', 'retired', '预备党员', 'probationary', '汉族']));
    const orgNames = sheetRows(orgs).map((r) => r[0]);
    expect(orgNames).toEqual(expect.arrayContaining(['甲镇党委', B1]));
    expect(orgNames).not.toContain('乙镇一村党支部');
    const dv = (data as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(dv.F2).toMatchObject({ type: 'list', formulae: [expect.stringContaining('可选值')] });
    expect(dv.L2).toMatchObject({ type: 'list', formulae: [expect.stringContaining('组织列表')] });
  });

  it('a filled-in template imports as it is; the organizations template is for administrators only', async () => {
    const wb = await loadXlsx((await get(township, '/api/imports/templates/members.xlsx')).rawPayload);
    wb.worksheets[0].addRow(memberRow({ name: '模板填写', id: makeIdNumber('330522', '19880808', 21), education: '本科', dues: '在职', status: '正式党员', org: B1, joined: '2010-07-01', confirmed: '2011-07-01' }));
    const done = await importFile(t, township, 'members', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(done.result).toMatchObject({ ok: true, written: 1 });
    const secretary = await login(t, 'branch_secretary', FIXTURE_PASSWORD);
    expect((await get(secretary, '/api/imports/templates/members.xlsx')).statusCode).toBe(200);
    expect((await get(secretary, '/api/imports/templates/organizations.xlsx')).statusCode).toBe(403);
    const orgsTpl = await loadXlsx((await get(township, '/api/imports/templates/organizations.xlsx')).rawPayload);
    expect(sheetRows(orgsTpl.worksheets[0])[0]).toEqual(['名称', '上级组织', '层级', '类别', '地址', '联系人', '联系电话', '简称', '组织代码']);
  });
});

describe('error workbook, access and modes', () => {
  let id = '';
  const rows = [
    syntheticMember(500_000, B1),
    memberRow({ name: '错误行', id: '330522199001011230', gender: '女', phone: '123', education: '高小', status: '正式党员', org: B1, joined: '2030-01-01' }),
    syntheticMember(500_001, B1),
  ];

  it('has the uploaded rows, an added 错误 column and the cells at fault highlighted', async () => {
    const done = await importFile(t, township, 'members', await xlsxOf(MEMBER_HEADERS, rows));
    id = done.id;
    expect(done.result!.errors.map((e) => e.column)).toEqual(expect.arrayContaining(['身份证号', '手机号', '学历']));
    const res = await get(township, `/api/imports/${id}/errors.xlsx`);
    expect(res.statusCode).toBe(200);
    const ws = (await loadXlsx(res.rawPayload)).worksheets[0];
    const cells = sheetRows(ws);
    expect(cells[0]).toEqual([...MEMBER_HEADERS, '错误']);
    expect(cells).toHaveLength(4);
    const err = cells[2][MEMBER_HEADERS.length];
    expect(err).toContain('身份证号：');
    expect(err).toContain('学历：“高小”不是可选值');
    expect(cells[1][MEMBER_HEADERS.length] ?? '').toBe('');
    const fill = ws.getRow(3).getCell(2).fill as { fgColor?: { argb?: string } };
    expect(fill.fgColor?.argb).toBe('FFFFC7CE');
    const only = sheetRows((await loadXlsx((await get(township, `/api/imports/${id}/errors.xlsx?rows=errors`)).rawPayload)).worksheets[0]);
    expect(only.map((r) => r.at(-1))).toEqual(['原行号', '3']);
    const [a] = await t.services.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'export' AND object_type = 'import_errors' AND object_id = $1`, [id]);
    expect(a.n).toBe(2);
  });

  it('the corrected error workbook imports as it is (the 错误 column is ignored)', async () => {
    const wb = await loadXlsx((await get(township, `/api/imports/${id}/errors.xlsx`)).rawPayload);
    const fixed = memberRow({ name: '改正行', id: makeIdNumber('330522', '19900101', 122), gender: '女', phone: '13900001111', education: '高中', status: '正式党员', org: B1, joined: '2015-01-01' });
    wb.worksheets[0].getRow(3).values = [...fixed, '身份证号：旧的错误说明'] as (string | number | Date | null)[];
    const done = await importFile(t, township, 'members', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(done.result).toMatchObject({ ok: true, written: 3 });
    expect((await get(township, `/api/imports/${done.id}/errors.xlsx`)).json().error.code).toBe('IMPORT_NO_ERRORS');
  });

  it('only the importer and accounts whose scope covers the importer’s may see an import', async () => {
    expect((await get(await login(t, 'root_admin', FIXTURE_PASSWORD), `/api/imports/${id}`)).statusCode).toBe(200);
    expect((await get(await login(t, 'branch_secretary', FIXTURE_PASSWORD), `/api/imports/${id}`)).statusCode).toBe(200);
    const other = await login(t, 'other_township', FIXTURE_PASSWORD);
    expect((await get(other, `/api/imports/${id}`)).statusCode).toBe(404);
    expect((await get(other, `/api/imports/${id}/errors.xlsx`)).statusCode).toBe(404);
    expect((await get(await login(t, 'grid_worker', FIXTURE_PASSWORD), `/api/imports/${id}`)).statusCode).toBe(404);
    expect((await get(township, '/api/imports/0190d5a6-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });

  it('valid-only writes the valid rows and reports the others; a gender that contradicts the ID number is an error', async () => {
    const file = [syntheticMember(600_000, B1), memberRow({ name: '性别错', id: makeIdNumber('330522', '19850505', 31), gender: '女', status: '正式党员', org: B1 }), syntheticMember(600_001, B1)];
    const res = await upload(t, township, 'members', await xlsxOf(MEMBER_HEADERS, file), '?mode=valid-only');
    const done = await waitDone(t, township, res.json().id);
    expect(done.result).toMatchObject({ ok: false, total: 3, valid: 2, written: 2, errorRows: 1 });
    expect(done.result!.errors).toEqual([expect.objectContaining({ row: 3, column: '性别', code: 'IMPORT_GENDER_MISMATCH', message: '性别与身份证号不符（按身份证号应为男）' })]);
    expect((await upload(t, township, 'members', await xlsxOf(MEMBER_HEADERS, file), '?mode=partial')).statusCode).toBe(400);
  });
});
