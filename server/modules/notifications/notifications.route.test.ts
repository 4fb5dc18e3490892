import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../common/roles.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type Session, type TestApp, as, login, testApp } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, seedFixture } from '../../test/fixture.ts';
import { accounts } from '../auth/auth.tables.ts';
import { seedMember, testIdNumber } from '../members/members.fixture.ts';
import { type NotificationInput, notify } from './notify.ts';

let t: TestApp;
let f: Fixture;
let county: string;
let memberA: string;
let memberB: string;
let accA: string;
let a: Session; // member A at B1
let b: Session; // member B at B1
let secB1: Session;
let comB1: Session;
let secB2: Session;
let townT1: Session;

/** An account with one role at an organization (and a member record when given), logged in. */
async function accountAt(username: string, role: Role, org: { countyCode: string; id: string }, memberId?: string) {
  const id = await t.services.db.transaction(async (tx) => {
    const accountId = await systemCreateAccount(t.services, tx, {
      countyCode: org.countyCode, username, displayName: `测试${username}`, orgId: org.id, password: FIXTURE_PASSWORD, roles: [role], mustChangePassword: false,
    });
    if (memberId) await tx.update(accounts).set({ memberId }).where(and(eq(accounts.countyCode, org.countyCode), eq(accounts.id, accountId)));
    return accountId;
  });
  return { id, session: await login(t, username, FIXTURE_PASSWORD) };
}

const item = (over: Partial<NotificationInput> & Pick<NotificationInput, 'recipient' | 'dedupeKey'>): NotificationInput => ({
  countyCode: county,
  kind: 'test.notice',
  title: { 'zh-CN': '测试通知', en: 'Test notice' },
  body: { 'zh-CN': '正文', en: 'Body' },
  ...over,
});

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const get = (s: Session, url: string, headers: Record<string, string> = {}) => t.app.inject(as(s, { method: 'GET', url, headers }));
const post = (s: Session, url: string) => t.app.inject(as(s, { method: 'POST', url, payload: {} }));
const titles = (r: Res) => (r.json().items as { title: string }[]).map((x) => x.title);
const unread = async (s: Session) => (await get(s, '/api/notifications/unread-count')).json().count as number;

beforeAll(async () => {
  t = await testApp();
  f = await seedFixture(t.services);
  county = f.root.countyCode;
  memberA = await seedMember(t.services, f.b1, { name: '通知甲', idNumber: testIdNumber(701), joinedOn: '2005-07-01', confirmedOn: '2006-07-01' });
  memberB = await seedMember(t.services, f.b1, { name: '通知乙', idNumber: testIdNumber(702), joinedOn: '2005-07-01', confirmedOn: '2006-07-01' });
  const ma = await accountAt('nt_member_a', 'member', f.b1, memberA);
  accA = ma.id;
  a = ma.session;
  b = (await accountAt('nt_member_b', 'member', f.b1, memberB)).session;
  secB1 = (await accountAt('nt_sec_b1', 'branch_secretary', f.b1)).session;
  comB1 = (await accountAt('nt_com_b1', 'branch_committee', f.b1)).session;
  secB2 = (await accountAt('nt_sec_b2', 'branch_secretary', f.b2)).session;
  townT1 = (await accountAt('nt_town_t1', 'township_admin', f.t1)).session;
  const made = await notify(t.services.db, [
    item({ recipient: { kind: 'member', memberId: memberA }, dedupeKey: 'a:1', title: { 'zh-CN': '甲的提醒', en: 'A reminder' }, kind: 'dues.reminder', params: { month: '2026-05' }, link: '/my?tab=dues', severity: 'warning' }),
    item({ recipient: { kind: 'account', accountId: accA }, dedupeKey: 'a:2', title: { 'zh-CN': '甲的账号通知', en: 'A account notice' } }),
    item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'b:1', title: { 'zh-CN': '乙的提醒', en: 'B reminder' } }),
    item({ recipient: { kind: 'org', orgId: f.b1.id }, dedupeKey: 'b1:1', title: { 'zh-CN': '一村欠费预警', en: 'B1 arrears' }, kind: 'dues.arrears_3', severity: 'danger', link: '/dues/bills?month=2026-05' }),
    item({ recipient: { kind: 'org', orgId: f.b2.id }, dedupeKey: 'b2:1', title: { 'zh-CN': '乙镇一村欠费预警', en: 'B2 arrears' } }),
  ]);
  expect(made).toBe(5);
}, 60_000);
afterAll(() => t.close());

describe('who sees what', () => {
  it('a member sees the notifications to their member record and account, newest first, and nobody else’s', async () => {
    const r = await get(a, '/api/notifications');
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(2);
    expect(titles(r).sort()).toEqual(['甲的提醒', '甲的账号通知'].sort());
    const reminder = r.json().items.find((x: { title: string }) => x.title === '甲的提醒');
    expect(reminder).toMatchObject({ kind: 'dues.reminder', severity: 'warning', link: '/my?tab=dues', params: { month: '2026-05' }, recipientKind: 'member', read: false, readAt: null, body: '正文' });
    expect(titles(await get(b, '/api/notifications'))).toEqual(['乙的提醒']);
  });

  it('shows an organization’s notification to its secretary and committee, not to another branch, the township or its members', async () => {
    const r = await get(secB1, '/api/notifications');
    expect(titles(r)).toEqual(['一村欠费预警']);
    expect(r.json().items[0]).toMatchObject({ recipientKind: 'org', orgName: f.b1.name, severity: 'danger', link: '/dues/bills?month=2026-05' });
    expect(titles(await get(comB1, '/api/notifications'))).toEqual(['一村欠费预警']);
    expect(titles(await get(secB2, '/api/notifications'))).toEqual(['乙镇一村欠费预警']);
    expect(titles(await get(townT1, '/api/notifications'))).toEqual([]);
    expect(titles(await get(a, '/api/notifications'))).not.toContain('一村欠费预警');
  });

  it('answers the texts in the caller’s language', async () => {
    const r = await get(secB1, '/api/notifications', { 'accept-language': 'en' });
    expect(r.json().items[0]).toMatchObject({ title: 'B1 arrears', body: 'Body' });
  });
});

describe('read state', () => {
  it('is per account: the secretary’s read leaves the committee member’s unread', async () => {
    const [n] = (await get(secB1, '/api/notifications')).json().items;
    expect(await unread(secB1)).toBe(1);
    const r = await post(secB1, `/api/notifications/${n.id}/read`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: n.id, read: true });
    expect(r.json().readAt).toEqual(expect.any(String));
    // Again: still read, the same time.
    const again = await post(secB1, `/api/notifications/${n.id}/read`);
    expect(again.json().readAt).toBe(r.json().readAt);
    expect(await unread(secB1)).toBe(0);
    expect((await get(secB1, '/api/notifications')).json().items[0]).toMatchObject({ read: true });
    expect((await get(secB1, '/api/notifications?unread=true')).json()).toEqual({ items: [], total: 0 });
    expect(await unread(comB1)).toBe(1);
    expect((await get(comB1, '/api/notifications?unread=true')).json().items[0]).toMatchObject({ id: n.id, read: false });
  });

  it('marks all of mine read at once, and only mine', async () => {
    expect(await unread(a)).toBe(2);
    const r = await post(a, '/api/notifications/read-all');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ marked: 2 });
    expect(await unread(a)).toBe(0);
    expect((await post(a, '/api/notifications/read-all')).json()).toEqual({ marked: 0 });
    expect(await unread(b)).toBe(1);
    const audited = (await t.services.db.execute(sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'notification.read_all'`)) as unknown as { rows: { n: number }[] };
    expect(audited.rows[0].n).toBe(1);
  });

  it('answers 404 for someone else’s notification or a missing one, 400 for a malformed id', async () => {
    const [other] = (await get(b, '/api/notifications')).json().items;
    const r = await post(a, `/api/notifications/${other.id}/read`);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
    expect(await unread(b)).toBe(1);
    expect((await post(secB2, `/api/notifications/${(await get(comB1, '/api/notifications')).json().items[0].id}/read`)).statusCode).toBe(404);
    expect((await post(a, '/api/notifications/01890000-0000-7000-8000-000000000000/read')).statusCode).toBe(404);
    for (const bad of ['not-a-uuid', '1', "x'%20or%201=1"]) {
      const res = await post(a, `/api/notifications/${bad}/read`);
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error.fields?.[0]?.path ?? '', bad).toContain('id');
    }
  });

  it('refuses bad list queries with 400, never 500', async () => {
    for (const q of ['unread=yes', 'page=0', 'pageSize=1000', 'other=1']) expect((await get(a, `/api/notifications?${q}`)).statusCode, q).toBe(400);
    expect((await t.app.inject(as(a, { method: 'POST', url: '/api/notifications/read-all', payload: { all: true } }))).statusCode).toBe(400);
  });
});

describe('notify()', () => {
  it('is idempotent by dedupe key: a second call writes nothing', async () => {
    const again = [item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'b:twice' })];
    expect(await notify(t.services.db, again)).toBe(1);
    expect(await notify(t.services.db, again)).toBe(0);
    // The same key twice in one call is one row too.
    expect(await notify(t.services.db, [item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'b:dup' }), item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'b:dup' })])).toBe(1);
    expect((await get(b, '/api/notifications')).json().total).toBe(3);
    expect(await unread(b)).toBe(3);
  });

  it('writes thousands in a few statements, inside the caller’s transaction (nothing when it rolls back)', async () => {
    const many = Array.from({ length: 4500 }, (_, i) => item({ recipient: { kind: 'org', orgId: f.b2.id }, dedupeKey: `bulk:${i}` }));
    await expect(
      t.services.db.transaction(async (tx) => {
        expect(await notify(tx, many)).toBe(4500);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await get(secB2, '/api/notifications')).json().total).toBe(1);
    expect(await t.services.db.transaction((tx) => notify(tx, many))).toBe(4500);
    expect((await get(secB2, '/api/notifications?pageSize=5')).json().total).toBe(4501);
    expect((await get(secB2, '/api/notifications/unread-count')).json()).toEqual({ count: 999, capped: true });
  });

  it('refuses an invalid item before writing anything', async () => {
    const ok = item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'b:never' });
    for (const bad of [
      item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: '' }),
      item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'x', link: 'https://example.com/' }),
      item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'x', link: '//example.com/' }),
      item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'x', kind: 'Dues Arrears' }),
      item({ recipient: { kind: 'member', memberId: memberB }, dedupeKey: 'x', title: { 'zh-CN': '', en: 'x' } }),
    ])
      await expect(notify(t.services.db, [ok, bad])).rejects.toThrow(RangeError);
    expect(await notify(t.services.db, [])).toBe(0);
    expect((await get(b, '/api/notifications')).json().total).toBe(3);
    // The table refuses the same mistakes (a link to another site, two recipients).
    const raw = (link: string, extra = '') =>
      t.services.database.query(
        `INSERT INTO notifications (county_code, id, recipient_kind, member_id, kind, title_zh, title_en, link, dedupe_key${extra ? ', org_id' : ''})
         VALUES ($1, gen_random_uuid(), 'member', $2, 'test.raw', '标题', 'Title', $3, 'raw:' || $3${extra ? ', $4' : ''})`,
        extra ? [county, memberB, link, extra] : [county, memberB, link],
      );
    await expect(raw('//example.com')).rejects.toThrow();
    await expect(raw('/\\example.com')).rejects.toThrow();
    await expect(raw('/my', f.b1.id)).rejects.toThrow();
    await raw('/my?tab=dues');
    expect((await get(b, '/api/notifications')).json().total).toBe(4);
  });
});

describe('export', () => {
  it('answers an xlsx of my notifications with my read state', async () => {
    const r = await get(secB1, '/api/notifications/export');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(2).values).toContain('标题');
    const row = (ws.getRow(3).values as unknown[]).map(String);
    expect(row).toContain('一村欠费预警');
    expect(row).toContain('已读');
    const unreadOnly = await get(secB1, '/api/notifications/export?unread=true');
    expect(unreadOnly.statusCode).toBe(200);
    expect((await get(secB1, '/api/notifications/export?unread=maybe')).statusCode).toBe(400);
  });
});
