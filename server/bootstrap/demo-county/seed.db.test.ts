// The demo county seed on a real database (PGlite, and PostgreSQL in CI) at a small scale.
import { and, count, eq, gt } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIdNumber } from '../../../common/id-number.ts';
import { verifyAudit } from '../../core/audit/verify.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import { accounts, grants } from '../../modules/auth/auth.tables.ts';
import { KIOSK_ROUTES } from '../../modules/checkin/devices.ts';
import { memberEvents, members } from '../../modules/members/members.tables.ts';
import { orgCommittee, orgHistory, organizations } from '../../modules/orgs/orgs.tables.ts';
import { type TestApp, login, testApp } from '../../test/app.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, type DemoSeedResult, listDemoAccounts, seedDemo } from '../demo.ts';
import { generateCounty } from './generate-units.ts';

let t: TestApp;
let seeded: DemoSeedResult;
const TODAY = '2026-11-28';

beforeAll(async () => {
  t = await testApp();
  seeded = await seedDemo(t.services, { scale: 0.05, today: TODAY });
}, 180_000);
afterAll(async () => {
  await t?.close();
});

const n = async (table: typeof members | typeof memberEvents | typeof orgCommittee | typeof orgHistory | typeof organizations) => {
  const [r] = await t.services.db.select({ n: count() }).from(table);
  return Number(r.n);
};

describe('demo county seed (scale 0.05)', () => {
  it('loads exactly what the generator produces', async () => {
    expect(seeded.status).toBe('seeded');
    if (seeded.status !== 'seeded') return;
    const [root] = await t.services.db.select().from(organizations).where(eq(organizations.depth, 0));
    const expected = generateCounty({ seed: 42, scale: 0.05, today: TODAY, countyCode: root.countyCode, root: { id: root.id, path: root.path, depth: 0 } });
    const expectedMembers = expected.units.reduce((s, u) => s + u.members.length, 0);
    expect(seeded.members).toBe(expectedMembers);
    expect(await n(members)).toBe(expectedMembers);
    expect(await n(organizations)).toBe(seeded.organizations);
    expect(seeded.organizations).toBe(1 + expected.headers.length + expected.units.reduce((s, u) => s + u.orgs.length, 0));
    expect(await n(orgHistory)).toBe(seeded.organizations - 1);
    expect(await n(orgCommittee)).toBe(seeded.committee);
    expect(await n(memberEvents)).toBe(seeded.events);
    expect(seeded.events).toBeGreaterThan(expectedMembers * 1.9);
    // the same people: names and decrypted ID numbers
    const rows = await t.services.db.select({ id: members.id, name: members.name, enc: members.idNumberEnc, tail: members.idNumberTail }).from(members);
    const byId = new Map(expected.units.flatMap((u) => u.members).map((m) => [m.id, m]));
    for (const r of rows.slice(0, 200)) {
      const m = byId.get(r.id)!;
      expect(r.name).toBe(m.name);
      expect(decryptField(t.services.keys, r.enc)).toBe(m.idNumber);
      expect(r.tail).toBe(m.idNumber.slice(-4));
    }
  });

  it('writes each member a joined entry and each 正式党员 a confirmed entry, positions for committee seats', async () => {
    const [joined] = await t.services.db.select({ n: count() }).from(memberEvents).where(eq(memberEvents.type, 'joined'));
    const [full] = await t.services.db.select({ n: count() }).from(members).where(eq(members.status, 'full'));
    const [confirmed] = await t.services.db.select({ n: count() }).from(memberEvents).where(eq(memberEvents.type, 'confirmed'));
    const [positions] = await t.services.db.select({ n: count() }).from(memberEvents).where(eq(memberEvents.section, 'position'));
    expect(Number(joined.n)).toBe(await n(members));
    expect(Number(confirmed.n)).toBe(Number(full.n));
    expect(Number(positions.n)).toBe(await n(orgCommittee));
  });

  it('adds to the electronic file an entry for each attendee of a submitted record (the rest are 入党, 转正 and positions, and dues review cases)', async () => {
    const bySource = await t.services.db.select({ source: memberEvents.source, n: count() }).from(memberEvents).groupBy(memberEvents.source);
    const of = Object.fromEntries(bySource.map((r) => [r.source, Number(r.n)]));
    expect(Object.keys(of).sort()).toEqual(['activity-records', 'demo-seed', 'dues']);
    expect(of['activity-records']).toBeGreaterThan(of['demo-seed']);
    // the 自行脱党 review cases the warning run opened after the seed (a few members six months behind)
    const [cases] = await t.services.db.select({ n: count() }).from(memberEvents).where(eq(memberEvents.type, 'lapse_review_opened'));
    expect(of.dues).toBe(Number(cases.n));
    expect(of.dues).toBeLessThan(of['demo-seed'] / 20);
    expect(of['activity-records'] + of['demo-seed'] + of.dues).toBe(seeded.status === 'seeded' ? seeded.events : -1);
  });

  it('registers the kiosks as API clients limited to the kiosk routes, which the security administrator sees', async () => {
    const s = await login(t, 'security', DEMO_PASSWORD);
    const res = await t.app.inject({ method: 'GET', url: '/api/api-clients?pageSize=50', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    const items = (res.json() as { items: { name: string; routes: string[]; status: string }[] }).items;
    expect(items).toHaveLength(3);
    for (const c of items) {
      expect(c.name).toMatch(/党群服务中心签到机$/);
      expect(c.routes).toEqual(KIOSK_ROUTES);
      expect(c.status).toBe('active');
    }
  });

  it('creates the demo accounts, each able to log in without restriction', async () => {
    const list = await listDemoAccounts(t.services);
    expect(list.map((a) => a.username).slice(0, DEMO_ACCOUNTS.length)).toEqual(DEMO_ACCOUNTS.map((a) => a.username));
    const memberAccounts = list.filter((a) => a.kind === 'member');
    expect(memberAccounts).toHaveLength(2);
    for (const a of list) {
      const s = await login(t, a.username, DEMO_PASSWORD);
      expect(s.status, a.username).toBe(200);
      const me = s.body as { restricted: string | null; roles: string[]; account: { kind: string; isDemo: boolean } };
      expect(me.restricted, a.username).toBeNull();
      expect(me.account.isDemo).toBe(true);
      expect(me.roles).toEqual([a.role]);
      expect(me.account.kind).toBe(a.kind);
    }
  });

  it('lets the two members log in with their ID numbers (also with a lower-case check character)', async () => {
    const list = (await listDemoAccounts(t.services)).filter((a) => a.kind === 'member');
    for (const a of list) {
      expect(parseIdNumber(a.username).ok).toBe(true);
      expect((await login(t, ` ${a.username.toLowerCase()} `, DEMO_PASSWORD)).status).toBe(200);
      expect((await login(t, a.username, 'Wrong#Pass2026')).status).toBe(401);
    }
  });

  it('makes secretary.a the committee secretary of the branch holding the first member account', async () => {
    const rows = await t.services.db
      .select({ loginKey: accounts.loginKey, memberId: accounts.memberId, kind: accounts.kind, displayName: accounts.displayName, orgId: grants.orgId })
      .from(accounts)
      .innerJoin(grants, eq(grants.accountId, accounts.id))
      .where(eq(accounts.isDemo, true));
    for (const who of ['secretary.a', 'secretary.b']) {
      const sec = rows.find((r) => r.loginKey === `u:${who}`)!;
      const [seat] = await t.services.db.select().from(orgCommittee).where(and(eq(orgCommittee.orgId, sec.orgId), eq(orgCommittee.position, 'secretary')));
      const [person] = await t.services.db.select().from(members).where(eq(members.id, seat.memberId));
      expect(person.orgId).toBe(sec.orgId);
      expect(sec.displayName.startsWith(`${person.name}（`)).toBe(true);
      expect(sec.memberId).toBeNull();
      const memberAccount = rows.filter((r) => r.kind === 'member' && r.orgId === sec.orgId);
      expect(memberAccount).toHaveLength(1);
      const [m] = await t.services.db.select().from(members).where(eq(members.id, memberAccount[0].memberId!));
      expect(m.orgId).toBe(sec.orgId);
      expect(m.status).toBe('full');
    }
  });

  it('lists the accounts on GET /api/demo/accounts', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/demo/accounts' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { password: string; accounts: { username: string; kind: string }[] };
    expect(body.password).toBe(DEMO_PASSWORD);
    expect(body.accounts).toHaveLength(DEMO_ACCOUNTS.length + 2);
    expect(body.accounts.filter((a) => a.kind === 'member').every((a) => /^\d{17}[\dX]$/.test(a.username))).toBe(true);
  });

  it('keeps the audit chain intact', async () => {
    const r = await verifyAudit(t.database, t.services.keys);
    expect(r.ok).toBe(true);
  });

  it('does nothing the second time, and leaves a county with other data alone', async () => {
    const before = await n(members);
    expect((await seedDemo(t.services, { scale: 0.05, today: TODAY })).status).toBe('present');
    expect(await n(members)).toBe(before);
    // without the demo accounts the county is not empty: still nothing is seeded
    await t.services.db.delete(grants);
    await t.services.db.delete(accounts).where(eq(accounts.isDemo, true));
    expect((await seedDemo(t.services, { scale: 0.05, today: TODAY })).status).toBe('not_empty');
    const [orgs] = await t.services.db.select({ n: count() }).from(organizations).where(gt(organizations.depth, 0));
    expect(Number(orgs.n)).toBe((seeded.status === 'seeded' ? seeded.organizations : 0) - 1);
  });
});
