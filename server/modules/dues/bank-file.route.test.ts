import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { multipartFile } from '../activity-records/test-files.ts';
import { call, codeOf, sheetRows } from '../members/test-kit.ts';
import { billsOf, seedBase, seedDuesMember } from './bills.fixture.ts';
import { addMonthsTo, currentMonth } from './bills.rules.ts';
import { generateBills } from './bills.ts';

// Bank deduction files (银费通) written by the test as real files (UTF-8 CSV, GBK CSV, .xlsx): every
// outcome of the reconciliation, the stored report and its export, and a re-import that changes nothing.

let t: TestApp;
let f: Fixture;
let town: Session;
let secB2: Session;
const NOW = currentMonth();
const PREV = addMonthsTo(NOW, -1);
const HEADER = '卡号,姓名,月份,金额(元),交易流水号,状态';

/** GBK bytes of a text (the test builds the table from the runtime's GBK decoder). */
function gbk(text: string): Buffer {
  const dec = new TextDecoder('gbk');
  const table = new Map<string, number[]>();
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      const ch = dec.decode(Uint8Array.of(hi, lo));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else out.push(...(table.get(ch) ?? []));
  }
  return Buffer.from(out);
}

async function xlsx(rows: (string | number)[][]): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  const ws = wb.addWorksheet('扣款结果');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (s: Session, file: Buffer, name: string, type = 'text/csv') =>
  t.app.inject(as(s, { method: 'POST', url: '/api/dues/bank-files', ...multipartFile(file, name, type) }));

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  town = await login(t, 'township_admin', FIXTURE_PASSWORD);
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, { countyCode: f.b2.countyCode, username: 'bank_sec_b2', displayName: '乙支书', orgId: f.b2.id, password: FIXTURE_PASSWORD, roles: ['branch_secretary' as Role], mustChangePassword: false }),
  );
  secB2 = await login(t, 'bank_sec_b2', FIXTURE_PASSWORD);
  const s = t.services;
  const county = f.root.countyCode;
  const ids = [
    await seedDuesMember(s, f.b1, { seq: 21, name: '甲工资', category: 'employed' }),
    await seedDuesMember(s, f.b1, { seq: 22, name: '乙农民', category: 'farmer' }),
    await seedDuesMember(s, f.b1, { seq: 23, name: '丙学生', category: 'student' }),
    await seedDuesMember(s, f.b1, { seq: 24, name: '丁退休', category: 'retired' }),
  ];
  await seedBase(s, county, ids[0], '2020-01', 350_000);
  await seedBase(s, county, ids[3], '2020-01', 400_000);
  for (const [i, id] of ids.entries()) await t.database.query(`UPDATE members SET card_no = $1 WHERE id = $2`, [`62220000000000${i + 1}`, id]);
  for (const month of [PREV, NOW]) await generateBills(s, { countyCode: county, month });
  // 丙's bill of this month was paid at the branch already.
  await t.database.query(`UPDATE dues_bills SET state = 'paid', paid_fen = amount_fen WHERE member_id = $1 AND month = $2`, [ids[2], NOW]);
});
afterAll(() => t.close());

const outcomes = (body: { items: { lineNo: number; outcome: string }[] }) => body.items.map((l) => [l.lineNo, l.outcome]);

describe('POST /api/dues/bank-files', () => {
  let firstId = '';
  const csv = [
    HEADER,
    `622200000000001,甲工资,${NOW},35.00,TX001,成功`,
    `622200000000002,乙农民,${NOW.replace('-', '')},0.20,TX002,成功`,
    `622200000000003,丙学生,${NOW},0.20,TX003,成功`,
    `999999999999999,无此人,${NOW},0.20,TX004,成功`,
    `622200000000004,丁退休,${NOW},30.00,TX005,成功`,
    `622200000000001,甲工资,${NOW},35.00,TX001,成功`,
    `622200000000001,甲工资,${PREV},abc,TX006,成功`,
    `622200000000002,乙农民,${PREV},0.20,TX007,失败`,
    `622200000000002,乙农民,2026-13,0.20,TX008,成功`,
  ].join('\r\n');

  it('reconciles a UTF-8 CSV line by line into a stored report, paying only the matched bills', async () => {
    const r = await upload(town, Buffer.from(csv, 'utf8'), '党费扣款结果.csv');
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    firstId = body.file.id;
    expect(body.file).toMatchObject({ format: 'csv', encoding: 'utf-8', lines: 9, matched: 2, matchedFen: 3520, fileName: '党费扣款结果.csv' });
    expect(outcomes(body)).toEqual([
      [2, 'matched'],
      [3, 'matched'],
      [4, 'already_paid'],
      [5, 'unknown_card'],
      [6, 'amount_mismatch'],
      [7, 'duplicate'],
      [8, 'malformed'],
      [9, 'bank_failed'],
      [10, 'malformed'],
    ]);
    expect(body.items[4].reason).toBe('扣款 30.00 元，应缴 20.00 元');
    expect(body.items[6].reason).toContain('金额');
    expect(body.items[8].reason).toContain('月份');
    const bills = await billsOf(t.services, f.root.countyCode, NOW);
    expect(bills.map((b) => [b.name, b.state])).toEqual([
      ['丁退休', 'due'],
      ['丙学生', 'paid'],
      ['乙农民', 'paid'],
      ['甲工资', 'paid'],
    ]);
    const pays = await t.database.query<{ n: number; fen: string }>(`SELECT count(*)::int AS n, sum(amount_fen)::text AS fen FROM dues_payments WHERE channel = 'bank'`);
    expect(pays[0]).toEqual({ n: 2, fen: '3520' });
    const file = await t.database.query<{ title: string }>(`SELECT title FROM member_events WHERE type = 'payment' ORDER BY title`);
    expect(file.map((x) => x.title)).toContain(`缴纳党费 ${NOW} 共 35.00 元（银行代扣，流水号 TX001）`);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await billsOf(t.services, f.root.countyCode, NOW);
    const r = await upload(town, Buffer.from(csv, 'utf8'), '党费扣款结果.csv');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file.matched).toBe(0);
    expect(r.json().file.outcomes.already_imported).toBe(2);
    expect(await billsOf(t.services, f.root.countyCode, NOW)).toEqual(before);
    const pays = await t.database.query<{ n: number }>(`SELECT count(*)::int AS n FROM dues_payments WHERE channel = 'bank'`);
    expect(pays[0].n).toBe(2);
  });

  it('detects a GBK file and reads its Chinese headers and names', async () => {
    const text = [HEADER, `622200000000004,丁退休,${NOW},20.00,TXG01,成功`, `622200000000004,丁退休,${PREV},20.00,TXG02,扣款成功`].join('\n');
    const r = await upload(town, gbk(text), 'gbk.csv');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({ encoding: 'gbk', matched: 2, matchedFen: 4000 });
  });

  it('reads an .xlsx result file', async () => {
    const buf = await xlsx([
      ['卡号', '姓名', '月份', '金额(元)', '交易流水号', '状态'],
      ['622200000000001', '甲工资', PREV, 35, 'TXX01', '成功'],
      ['622200000000002', '李四', PREV, 0.2, 'TXX02', '成功'],
    ]);
    const r = await upload(town, buf, 'bank.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().file).toMatchObject({ format: 'xlsx', encoding: null, matched: 1 });
    expect(outcomes(r.json())).toEqual([
      [2, 'matched'],
      [3, 'name_mismatch'],
    ]);
  });

  it('refuses a file without the required columns, and stores and exports the report for the scope only', async () => {
    const bad = await upload(town, Buffer.from('卡号,姓名\n1,2\n', 'utf8'), 'x.csv');
    expect(bad.statusCode).toBe(400);
    expect(codeOf(bad)).toBe('DUES_BANK_FILE_HEADER');
    expect(bad.json().error.message).toContain('月份');
    const got = await call(t, town, 'GET', `/api/dues/bank-files/${firstId}?outcome=matched`);
    expect(got.statusCode).toBe(200);
    expect(got.json().total).toBe(2);
    expect((await call(t, secB2, 'GET', `/api/dues/bank-files/${firstId}`)).statusCode).toBe(404);
    const exp = await call(t, town, 'GET', `/api/dues/bank-files/${firstId}/export`);
    expect(exp.statusCode).toBe(200);
    const rows = await sheetRows(exp.rawPayload);
    expect(rows.some((r) => r.includes('金额不符'))).toBe(true);
    // A secretary of another branch reconciles against their branch only: 甲's card is unknown there.
    const other = await upload(secB2, Buffer.from([HEADER, `622200000000004,丁退休,${PREV},20.00,TXB01,成功`].join('\n'), 'utf8'), 'b2.csv');
    expect(outcomes(other.json())).toEqual([[2, 'unknown_card']]);
  });
});
