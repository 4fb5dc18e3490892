import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { accounts } from '../../modules/auth/auth.tables.ts';
import { counties, organizations } from '../../modules/orgs/orgs.tables.ts';
import { testDatabase } from '../../test/db.ts';
import { generateKeyRingJson, parseKeyRing } from '../crypto/keys.ts';
import type { Database } from '../db/client.ts';
import { uuidv7 } from '../ids.ts';
import type { Services } from '../services.ts';
import { type AuditActor, appendAudit, GENESIS } from './audit.ts';
import { auditLog } from './audit.tables.ts';
import { verifyAudit } from './verify.ts';

const keys = parseKeyRing(generateKeyRingJson());
const who: AuditActor = { actorId: null, actorName: 'tester', roles: 'county_admin', ip: '10.0.0.1' };
const open: Database[] = [];
afterAll(async () => {
  for (const d of open) await d.close();
});

/** A fresh database with `n` audit rows in each county. */
async function chain(n: number, countyCodes = ['330522']) {
  const d = await testDatabase();
  open.push(d);
  for (let i = 1; i <= n; i++)
    for (const c of countyCodes)
      await d.db.transaction((tx) =>
        appendAudit(tx, keys, c, who, { action: 'org.update', result: 'success', objectType: 'org', objectId: `o${i}`, detail: { i, z: '雉城', a: { y: [1, 2], b: null } } }),
      );
  return d;
}
/** Runs `script` with the append-only triggers disabled, the way someone with owner rights would. */
const tamper = (d: Database, script: string) =>
  d.exec(`ALTER TABLE audit_log DISABLE TRIGGER USER; ${script}; ALTER TABLE audit_log ENABLE TRIGGER USER;`);

describe('appending and verifying', () => {
  it('numbers rows 1..n, links each to the previous, and verifies with the count', async () => {
    const d = await chain(5);
    const rows = await d.query<{ seq: number; prev_hash: string; hash: string }>('SELECT seq::int AS seq, prev_hash, hash FROM audit_log ORDER BY seq');
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(rows[0].prev_hash).toBe(GENESIS);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(new Set(rows.map((r) => r.hash)).size).toBe(5);
    expect(await verifyAudit(d, keys)).toEqual({ ok: true, checked: 5 });
    const [head] = await d.query<{ seq: number; hash: string }>('SELECT seq::int AS seq, hash FROM audit_heads');
    expect(head).toEqual({ seq: 5, hash: rows[4].hash });
  });

  it('keeps a separate chain per county', async () => {
    const d = await chain(3, ['330522', '330523']);
    const rows = await d.query<{ county_code: string; seq: number; prev_hash: string }>('SELECT county_code, seq::int AS seq, prev_hash FROM audit_log ORDER BY county_code, seq');
    expect(rows.map((r) => `${r.county_code}#${r.seq}`)).toEqual(['330522#1', '330522#2', '330522#3', '330523#1', '330523#2', '330523#3']);
    expect(rows.filter((r) => r.prev_hash === GENESIS).map((r) => r.county_code)).toEqual(['330522', '330523']);
    expect(await verifyAudit(d, keys)).toEqual({ ok: true, checked: 6 });
  });

  it('verifies an empty trail', async () => {
    expect(await verifyAudit(await chain(0), keys)).toEqual({ ok: true, checked: 0 });
  });

  it('fails verification under another audit key (the chain is keyed, not a plain hash)', async () => {
    const d = await chain(2);
    const r = await verifyAudit(d, parseKeyRing(generateKeyRingJson()));
    expect(r).toMatchObject({ ok: false, brokenAt: { seq: 1, reason: 'hash' } });
  });
});

describe('the database refuses changes to audit rows (SECURITY.md 17)', () => {
  let d: Database;
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    d = await chain(3);
    await expect(d.query(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 2`)).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(d.query('DELETE FROM audit_log WHERE seq = 3')).rejects.toThrow(/append-only: DELETE refused/);
    await expect(d.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(d.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only: TRUNCATE refused/);
    await expect(d.db.update(auditLog).set({ reason: 'x' }).where(eq(auditLog.seq, 1))).rejects.toThrow();
    expect(await verifyAudit(d, keys)).toEqual({ ok: true, checked: 3 });
    const [{ n }] = await d.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE actor_name = 'tester'`);
    expect(n).toBe(3);
  });
});

describe('tamper detection', () => {
  it('an altered row is reported at its seq with reason hash', async () => {
    const d = await chain(5);
    await tamper(d, `UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3`);
    expect(await verifyAudit(d, keys)).toEqual({ ok: false, checked: 2, brokenAt: { countyCode: '330522', seq: 3, reason: 'hash' } });
  });

  it('an altered detail or time is reported too', async () => {
    const d = await chain(4);
    await tamper(d, `UPDATE audit_log SET detail = jsonb_set(detail, '{i}', '99') WHERE seq = 2`);
    expect((await verifyAudit(d, keys)).brokenAt).toEqual({ countyCode: '330522', seq: 2, reason: 'hash' });
    const e = await chain(4);
    await tamper(e, `UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 4`);
    expect((await verifyAudit(e, keys)).brokenAt).toEqual({ countyCode: '330522', seq: 4, reason: 'hash' });
  });

  it('a re-linked row is reported with reason prev_hash', async () => {
    const d = await chain(4);
    await tamper(d, `UPDATE audit_log SET prev_hash = '${'f'.repeat(64)}' WHERE seq = 3`);
    expect((await verifyAudit(d, keys)).brokenAt).toEqual({ countyCode: '330522', seq: 3, reason: 'prev_hash' });
  });

  it('a deleted middle row is reported with reason gap', async () => {
    const d = await chain(5);
    await tamper(d, 'DELETE FROM audit_log WHERE seq = 3');
    expect(await verifyAudit(d, keys)).toEqual({ ok: false, checked: 2, brokenAt: { countyCode: '330522', seq: 3, reason: 'gap' } });
  });

  it('a deleted last row is reported with reason head', async () => {
    const d = await chain(5);
    await tamper(d, 'DELETE FROM audit_log WHERE seq = 5');
    expect(await verifyAudit(d, keys)).toMatchObject({ ok: false, checked: 4, brokenAt: { countyCode: '330522', reason: 'head' } });
  });

  it('a break in one county is found even when another county is intact', async () => {
    const d = await chain(3, ['330522', '330523']);
    await tamper(d, `UPDATE audit_log SET result = 'failure' WHERE county_code = '330523' AND seq = 2`);
    expect((await verifyAudit(d, keys)).brokenAt).toEqual({ countyCode: '330523', seq: 2, reason: 'hash' });
  });

  it('removing a county\'s head does not hide its chain from the verifier', async () => {
    // audit_heads is writable by the application role, so this needs no owner rights.
    const d = await chain(3, ['330522', '330523']);
    await d.query(`DELETE FROM audit_heads WHERE county_code = '330523'`);
    expect(await verifyAudit(d, keys)).toEqual({ ok: false, checked: 6, brokenAt: { countyCode: '330523', seq: 4, reason: 'head' } });
  });

  it('a row inserted outside the chain (seq 0) is not accepted silently', async () => {
    const d = await chain(2);
    await d.query(
      `INSERT INTO audit_log (county_code, seq, at, actor_name, action, result, prev_hash, hash)
       VALUES ('330522', 0, now(), 'forger', 'auth.login', 'success', $1, $1)`,
      [GENESIS],
    );
    expect(await verifyAudit(d, keys)).toEqual({ ok: false, checked: 0, brokenAt: { countyCode: '330522', seq: 1, reason: 'gap' } });
  });
});

describe('if writing the audit row fails, the operation fails (SECURITY.md 18)', () => {
  /** Occupies seq 1 of a county with a row written around appendAudit, so the next append collides. */
  async function blockedCounty(d: Database, code: string) {
    await d.db.insert(counties).values({ code, name: '测试县' });
    await d.query(
      `INSERT INTO audit_log (county_code, seq, at, actor_name, action, result, prev_hash, hash) VALUES ($1, 1, now(), 'x', 'x', 'success', $2, $2)`,
      [code, GENESIS],
    );
  }

  it('rolls back the organization written in the same transaction', async () => {
    const d = await testDatabase();
    open.push(d);
    await blockedCounty(d, '330599');
    const id = uuidv7();
    await expect(
      d.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ countyCode: '330599', id, path: `/${id}/`, depth: 0, name: '中共测试县委员会', level: 'county_committee' });
        await appendAudit(tx, keys, '330599', who, { action: 'org.create', result: 'success', objectType: 'org', objectId: id });
      }),
    ).rejects.toThrow();
    expect(await d.db.select().from(organizations).where(eq(organizations.id, id))).toEqual([]);
    const [{ n }] = await d.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_heads WHERE county_code = '330599'`);
    expect(n).toBe(0);
  });

  it('rolls back when the audit row itself is refused by the database (NUL byte in a text field)', async () => {
    const d = await testDatabase();
    open.push(d);
    await d.db.insert(counties).values({ code: '330598', name: '测试县' });
    const id = uuidv7();
    await expect(
      d.db.transaction(async (tx) => {
        await tx.insert(organizations).values({ countyCode: '330598', id, path: `/${id}/`, depth: 0, name: '中共测试县委员会', level: 'county_committee' });
        await appendAudit(tx, keys, '330598', { ...who, actorName: 'bad\u0000name' }, { action: 'org.create', result: 'success' });
      }),
    ).rejects.toThrow();
    expect(await d.db.select().from(organizations).where(eq(organizations.id, id))).toEqual([]);
    expect(await verifyAudit(d, keys)).toEqual({ ok: true, checked: 0 });
  });

  it('creating an account leaves no account and no grant behind when its audit row fails', async () => {
    const d = await testDatabase();
    open.push(d);
    await blockedCounty(d, '330597');
    const orgId = uuidv7();
    await d.db.insert(organizations).values({ countyCode: '330597', id: orgId, path: `/${orgId}/`, depth: 0, name: '县委', level: 'county_committee' });
    const services = { keys, db: d.db, database: d } as unknown as Services;
    await expect(
      d.db.transaction((tx) =>
        systemCreateAccount(services, tx, { countyCode: '330597', username: 'newadmin', displayName: '新管理员', orgId, password: 'Fixture#Pass2026', roles: ['county_admin'], mustChangePassword: true }),
      ),
    ).rejects.toThrow();
    expect(await d.db.select().from(accounts).where(eq(accounts.countyCode, '330597'))).toEqual([]);
    const [{ n }] = await d.query<{ n: number }>(`SELECT count(*)::int AS n FROM grants WHERE county_code = '330597'`);
    expect(n).toBe(0);
  });
});
