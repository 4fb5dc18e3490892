import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxText, pdfText } from '../../core/documents/read-back.ts';
import { type Session, type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { call } from '../members/test-kit.ts';
import type { OrgRow } from '../orgs/orgs.repo.ts';
import { bulletinJob } from './bulletin.service.ts';
import { type ComplianceCounty, seedComplianceCounty } from './compliance.fixture.ts';

let t: TestApp;
let f: Fixture;
let admin: Session;
let township: Session;
let c: ComplianceCounty;
let id: string;

/** The September attendance of the fixture's organizations in the day rollup (实到 / 应到). */
async function attendance(o: OrgRow, day: string, type: string, obliged: number, attended: number) {
  await t.services.db.execute(sql`
    INSERT INTO org_activity_days (county_code, org_id, day, activity_type, held, obliged, attended)
    VALUES (${o.countyCode}, ${o.id}, ${day}::date, ${type}, 1, ${obliged}, ${attended})`);
}

beforeAll(async () => {
  ({ t, f } = await fixtureApp());
  admin = await login(t, 'root_admin', FIXTURE_PASSWORD);
  township = await login(t, 'township_admin', FIXTURE_PASSWORD);
  c = await seedComplianceCounty(t.services, f);
  // September as the rollup has it: 模范村 27/30, 后进村 3/6, 总支 20/24 + 4/5 + 22/24, 下设支部 11/12 and 10/12.
  await attendance(c.model, '2025-09-10', 'committee', 3, 3);
  await attendance(c.model, '2025-09-15', 'theme_day', 10, 9);
  await attendance(c.model, '2025-09-20', 'branch_assembly', 17, 15);
  await attendance(c.weak, '2025-09-25', 'branch_assembly', 6, 3);
  await attendance(c.total, '2025-09-18', 'branch_assembly', 24, 20);
  await attendance(c.total, '2025-09-08', 'committee', 5, 4);
  await attendance(c.total, '2025-09-19', 'party_lecture', 24, 22);
  await attendance(c.sub1, '2025-09-15', 'theme_day', 12, 11);
  await attendance(c.sub2, '2025-09-15', 'theme_day', 12, 10);
  const put = await call(t, admin, 'PUT', '/api/supervision/settings', { minRankedMembers: 8, issuer: '中共测试县委组织部' });
  expect(put.statusCode, put.body).toBe(200);
}, 60_000);
afterAll(() => t.close());

type Branch = { orgId: string; score: number | null; rank: number | null; color: string | null };

describe('the monthly 通报 (known answers on the hand-built county)', () => {
  it('ranks organizations by the weighted score and leaves out those with too few members', async () => {
    const r = await call(t, admin, 'POST', '/api/supervision/bulletins', { month: '2025-09' });
    expect(r.statusCode, r.body).toBe(201);
    const b = r.json();
    id = b.id;
    expect(b).toMatchObject({ month: '2025-09', version: 1, serial: '2025年第9期', issuer: '中共测试县委组织部', asOf: '2025-10-06', scope: 'county', minRankedMembers: 8 });
    expect(b.title).toMatch(/^关于2025年9月.*基层党组织组织生活情况的通报$/);
    const by = (o: OrgRow) => b.branches.find((x: Branch) => x.orgId === o.id);
    // 40/20/20/20 over the indicators that apply (no dues billed: left out of the denominator).
    expect(by(c.model)).toMatchObject({ score: 97.5, rank: 1, color: 'green' });
    expect(by(c.sub1)).toMatchObject({ score: 95.83, rank: 2 });
    expect(by(c.total)).toMatchObject({ score: 95.6, rank: 3, color: 'green' });
    expect(by(c.sub2)).toMatchObject({ score: 91.67, rank: 4 });
    // 6 members < 8: scored, not ranked.
    expect(by(c.weak)).toMatchObject({ score: 12.5, rank: null, color: 'red' });
    const t1 = b.townships.find((x: { orgId: string }) => x.orgId === f.t1.id);
    const t2 = b.townships.find((x: { orgId: string }) => x.orgId === f.t2.id);
    // 甲镇 has one ranked organization (< 3): not ranked itself.
    expect(t1).toMatchObject({ rank: null, score: 97.5, orgs: { total: 2, green: 1, amber: 0, red: 1 }, threeMeetingsRate: 0.6, themeDayRequired: 2, themeDayHeld: 1 });
    expect(t2).toMatchObject({ rank: 1, score: 94.37, orgs: { total: 3, green: 3, red: 0 }, themeDayAttendanceRate: 0.875 });
    expect(b.county.orgs).toEqual({ total: 5, green: 4, amber: 0, red: 1 });
    expect(b.redList).toEqual([
      { orgId: c.weak.id, name: '甲镇后进村党支部', townshipName: '甲镇党委', reasons: expect.arrayContaining(['2025年9月 无主题党日', '2025年第三季度 无党课', '2025年第三季度 支部党员大会到会率均未超过50%']) },
    ]);
  });

  it('keeps every version, lists them newest first and publishes each to the notification centre', async () => {
    const again = await call(t, admin, 'POST', '/api/supervision/bulletins', { month: '2025-09' });
    expect(again.json().version).toBe(2);
    const list = (await call(t, admin, 'GET', '/api/supervision/bulletins?year=2025')).json();
    expect(list.canGenerate).toBe(true);
    expect(list.items.map((x: { month: string; version: number }) => `${x.month}#${x.version}`)).toEqual(['2025-09#2', '2025-09#1']);
    const n = await t.services.db.execute(sql`SELECT count(*)::int AS n FROM notifications WHERE county_code = ${f.root.countyCode} AND kind = 'supervision.bulletin' AND org_id = ${f.t1.id}`);
    expect((n as unknown as { rows: { n: number }[] }).rows[0].n).toBe(2);
  });

  it('exports a formal document in PDF, Word and Excel whose text carries the header, the ranking and the red list', async () => {
    const pdf = await call(t, admin, 'GET', `/api/supervision/bulletins/${id}/export?format=pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain("filename*=UTF-8''");
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    for (const s of ['中共测试县委组织部', '2025年第9期', '甲镇模范村党支部', '甲镇后进村党支部', '无党课', '不参加排名']) expect(text).toContain(s);
    const docx = await call(t, admin, 'GET', `/api/supervision/bulletins/${id}/export?format=docx`);
    expect(docx.headers['content-type']).toMatch(/wordprocessingml/);
    const words = (await docxText(docx.rawPayload)).replace(/\s+/g, '');
    for (const s of ['中共测试县委组织部', '2025年9月', '乙镇党委', '97.50', '2025年第三季度支部党员大会到会率均未超过50%']) expect(words).toContain(s);
    const xlsx = await call(t, admin, 'GET', `/api/supervision/bulletins/${id}/export?format=xlsx`);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    expect((await call(t, admin, 'GET', `/api/supervision/bulletins/${id}/export?format=odt`)).statusCode).toBe(400);
  });

  it('shows a township administrator only their township, in the view and the document', async () => {
    const b = (await call(t, township, 'GET', `/api/supervision/bulletins/${id}`)).json();
    expect(b.scope).toBe('part');
    expect(b.county).toBeNull();
    expect(b.townships.map((x: { orgId: string }) => x.orgId)).toEqual([f.t1.id]);
    expect(b.branches.map((x: Branch) => x.orgId).sort()).toEqual([c.model.id, c.weak.id].sort());
    const docx = await call(t, township, 'GET', `/api/supervision/bulletins/${id}/export?format=docx`);
    const words = (await docxText(docx.rawPayload)).replace(/\s+/g, '');
    expect(words).toContain('甲镇模范村党支部');
    expect(words).not.toContain('中心村');
    expect((await call(t, township, 'POST', '/api/supervision/bulletins', { month: '2025-08' })).statusCode).toBe(403);
  });

  it('refuses a month not yet ended and bad settings, naming the field', async () => {
    const open = await call(t, admin, 'POST', '/api/supervision/bulletins', { month: '2099-01' });
    expect(open.statusCode).toBe(400);
    expect(open.json().error.code).toBe('SUPERVISION_BULLETIN_MONTH_OPEN');
    const bad = await call(t, admin, 'PUT', '/api/supervision/settings', { bulletinDay: 31, weights: { rural: { threeMeetings: 50, themeDay: 50, attendance: 0, dues: 0 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((x: { path: string }) => x.path).sort()).toEqual(['body.bulletinDay', 'body.weights.*']);
  });

  it('is generated by the job on the configured day only, once per month', async () => {
    expect(await bulletinJob(t.services, '2025-09-05')).toEqual([]);
    const made = await bulletinJob(t.services, '2025-09-06');
    // Every county of the node: the fixture's and the other county.
    expect(made).toContainEqual({ countyCode: f.root.countyCode, month: '2025-08', id: expect.any(String) });
    expect(made).toHaveLength(2);
    expect(await bulletinJob(t.services, '2025-09-06')).toEqual([]);
  });

  it('keeps the 综合考核: scores by month with the year’s score, an organization’s history, weights per category', async () => {
    const a = (await call(t, admin, 'GET', `/api/supervision/assessment?orgId=${f.root.id}&year=2025`)).json();
    const model = a.rows.find((x: { orgId: string }) => x.orgId === c.model.id);
    expect(model.scores[8]).toBe(97.5);
    expect(model.ranks[8]).toBe(1);
    const h = (await call(t, admin, 'GET', `/api/supervision/assessment/orgs/${c.weak.id}`)).json();
    expect(h.weights).toEqual({ threeMeetings: 40, themeDay: 20, attendance: 20, dues: 20 });
    expect(h.history.find((x: { month: string }) => x.month === '2025-09')).toMatchObject({ score: 12.5, rank: null, members: 6, indicators: { threeMeetings: 0, themeDay: 0, attendance: 0.5, dues: null } });
    // Rural organizations weighted on 三会一课 only: the weak branch's next 通报 scores 0.
    const put = await call(t, admin, 'PUT', '/api/supervision/settings', {
      weights: { '*': { threeMeetings: 40, themeDay: 20, attendance: 20, dues: 20 }, rural: { threeMeetings: 100, themeDay: 0, attendance: 0, dues: 0 } },
    });
    expect(put.statusCode, put.body).toBe(200);
    const b = (await call(t, admin, 'POST', '/api/supervision/bulletins', { month: '2025-09' })).json();
    expect(b.branches.find((x: Branch) => x.orgId === c.weak.id).score).toBe(0);
    expect(b.branches.find((x: Branch) => x.orgId === c.model.id).score).toBe(100);
    expect((await call(t, township, 'GET', `/api/supervision/assessment/orgs/${c.total.id}`)).statusCode).toBe(404);
    const x = await call(t, township, 'GET', '/api/supervision/assessment/export?year=2025');
    expect(x.statusCode, x.body).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const text = JSON.stringify(wb.worksheets[0].getSheetValues());
    expect(text).toContain('甲镇模范村党支部');
    expect(text).not.toContain('中心村');
  });
});
