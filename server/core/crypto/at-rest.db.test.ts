import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idCheckChar } from '../../../common/id-number.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { loginKeyOf } from '../../modules/auth/auth.service.ts';
import { totpAt, totpStep } from '../../modules/auth/totp.ts';
import { as, login, type TestApp, } from '../../test/app.ts';
import { FIXTURE_PASSWORD, type Fixture, fixtureApp } from '../../test/fixture.ts';
import { blindIndex, decryptField, encryptField } from './field-crypto.ts';

// SECURITY.md 10: ID numbers, phones and second-factor secrets are encrypted at rest; a dump of
// every table matched against the ID-number and phone patterns finds nothing.

// Digits next to letters or digits belong to hashes, UUIDs or base64, not to a stored number.
const ID_PATTERN = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const PHONE_PATTERN = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** A valid ID number whose check character is X, to exercise the upper-casing. */
function idEndingInX(): string {
  for (let n = 0; ; n++) {
    const first17 = `33052219850315${String(n).padStart(3, '0')}`;
    if (idCheckChar(first17) === 'X') return first17 + 'X';
  }
}
const MEMBER_ID = idEndingInX();
const PEOPLE = [
  { id: '330522198001011234'.slice(0, 17) + idCheckChar('33052219800101123'), phone: '13812345678' },
  { id: '330522199912310021'.slice(0, 17) + idCheckChar('33052219991231002'), phone: '15957212345' },
  { id: MEMBER_ID, phone: '18905720000' },
];

let t: TestApp;
let f: Fixture;
let totpSecret = '';
beforeAll(async () => {
  ({ t, f } = await fixtureApp());
});
afterAll(() => t?.close());

/** Every row of every table of the public schema, as JSON text. */
async function dump(): Promise<{ table: string; text: string }[]> {
  const tables = await t.database.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const out: { table: string; text: string }[] = [];
  for (const { table_name } of tables) {
    const rows = await t.database.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM "${table_name}" x`);
    for (const r of rows) out.push({ table: table_name, text: r.j });
  }
  return out;
}
const findings = (rows: { table: string; text: string }[]) =>
  rows.flatMap((r) => [...(r.text.match(ID_PATTERN) ?? []), ...(r.text.match(PHONE_PATTERN) ?? [])].map((m) => `${r.table}: ${m}`));

describe('sensitive data at rest', () => {
  it('the scanner finds plaintext ID numbers and phones (control)', () => {
    const leaked = [{ table: 'x', text: JSON.stringify({ id: PEOPLE[0].id, phone: '13812345678', note: `电话${PEOPLE[1].phone}，身份证${MEMBER_ID.toLowerCase()}` }) }];
    expect(findings(leaked)).toHaveLength(4);
  });

  it('stores people as ciphertext plus a keyed blind index, and finds them by the index', async () => {
    const k = t.services.keys;
    await t.database.exec(`CREATE TABLE people_at_rest (county_code text NOT NULL, n integer NOT NULL, id_number_enc text NOT NULL,
      id_number_idx text NOT NULL, phone_enc text NOT NULL, phone_idx text NOT NULL, detail jsonb, PRIMARY KEY (county_code, n))`);
    for (const [n, p] of PEOPLE.entries())
      await t.database.query(
        `INSERT INTO people_at_rest VALUES ('330522', $1, $2, $3, $4, $5, $6)`,
        [n, encryptField(k, p.id), blindIndex(k, 'id', p.id), encryptField(k, p.phone), blindIndex(k, 'phone', p.phone), JSON.stringify({ phone: encryptField(k, p.phone) })],
      );
    const [hit] = await t.database.query<{ n: number; id_number_enc: string; phone_enc: string }>(
      `SELECT n, id_number_enc, phone_enc FROM people_at_rest WHERE phone_idx = $1`,
      [blindIndex(k, 'phone', '15957212345')],
    );
    expect(hit.n).toBe(1);
    expect(decryptField(k, hit.id_number_enc)).toBe(PEOPLE[1].id);
    expect(decryptField(k, hit.phone_enc)).toBe('15957212345');
  });

  it('a member logs in with an ID number that is stored only as a blind index', async () => {
    await t.services.db.transaction((tx) =>
      systemCreateAccount(t.services, tx, {
        countyCode: f.root.countyCode, username: MEMBER_ID, displayName: '党员甲', orgId: f.b1.id, password: FIXTURE_PASSWORD,
        roles: ['member'], mustChangePassword: false, kind: 'member', loginKey: loginKeyOf(t.services, MEMBER_ID),
      }),
    );
    const [acc] = await t.database.query<{ login_key: string }>(`SELECT login_key FROM accounts WHERE kind = 'member'`);
    expect(acc.login_key).toBe(`id:${blindIndex(t.services.keys, 'id', MEMBER_ID)}`);
    // Typed with a lower-case x, and in a failed attempt, and as an unknown number.
    expect((await login(t, MEMBER_ID.toLowerCase(), FIXTURE_PASSWORD)).status).toBe(200);
    expect((await login(t, MEMBER_ID, 'Wrong#Pass2026')).status).toBe(401);
    expect((await login(t, PEOPLE[0].id, 'Wrong#Pass2026')).status).toBe(401);
    expect((await login(t, '13812345678', 'Wrong#Pass2026')).status).toBe(401);
  });

  it('keeps the TOTP secret encrypted (POST /api/auth/totp/setup, then enable)', async () => {
    const s = await login(t, 'county_admin', FIXTURE_PASSWORD);
    expect(s.status).toBe(200);
    const res = await t.app.inject(as(s, { method: 'POST', url: '/api/auth/totp/setup', payload: {} }));
    expect(res.statusCode).toBe(200);
    totpSecret = res.json().secret;
    expect(totpSecret).toMatch(/^[A-Z2-7]{32}$/);
    const [row] = await t.database.query<{ totp_secret: string }>(`SELECT totp_secret FROM accounts WHERE login_key = 'u:county_admin'`);
    expect(row.totp_secret).not.toContain(totpSecret);
    expect(row.totp_secret).toMatch(/^v\d+\./);
    expect(decryptField(t.services.keys, row.totp_secret)).toBe(totpSecret);
    const code = totpAt(totpSecret, totpStep());
    const en = await t.app.inject(as(s, { method: 'POST', url: '/api/auth/totp/enable', payload: { code } }));
    expect(en.statusCode).toBe(200);
    const again = await t.database.query<{ totp_secret: string }>(`SELECT totp_secret FROM accounts WHERE login_key = 'u:county_admin'`);
    expect(decryptField(t.services.keys, again[0].totp_secret)).toBe(totpSecret);
  });

  it('a dump of every table holds no ID number, phone or TOTP secret in clear', async () => {
    expect(totpSecret).not.toBe('');
    const rows = await dump();
    const tables = new Set(rows.map((r) => r.table));
    for (const tbl of ['accounts', 'audit_log', 'sessions', 'people_at_rest']) expect(tables, tbl).toContain(tbl);
    expect(findings(rows)).toEqual([]);
    const all = rows.map((r) => r.text).join('\n');
    for (const p of PEOPLE) {
      expect(all).not.toContain(p.id);
      expect(all).not.toContain(p.id.toLowerCase());
      expect(all).not.toContain(p.phone);
      // Nor the birth date part that masking hides.
      expect(all).not.toContain(p.id.slice(6, 14));
    }
    expect(all).not.toContain(totpSecret);
    expect(all).not.toContain(totpSecret.toLowerCase());
    expect(all).not.toContain(FIXTURE_PASSWORD);
  });

  it('records the member logins in the audit trail with the ID number masked', async () => {
    const rows = await t.database.query<{ actor_name: string; result: string }>(
      `SELECT actor_name, result FROM audit_log WHERE action = 'auth.login' AND actor_name LIKE '3305%' ORDER BY seq`,
    );
    expect(rows.map((r) => r.actor_name)).toEqual([
      `${MEMBER_ID.slice(0, 4)}**********${MEMBER_ID.slice(-4)}`,
      `${MEMBER_ID.slice(0, 4)}**********${MEMBER_ID.slice(-4)}`,
      `${PEOPLE[0].id.slice(0, 4)}**********${PEOPLE[0].id.slice(-4)}`,
    ]);
    expect(rows.map((r) => r.result)).toEqual(['success', 'failure', 'failure']);
    // A phone number typed as the username is masked the same way.
    const phone = await t.database.query<{ actor_name: string }>(`SELECT actor_name FROM audit_log WHERE actor_name LIKE '138%'`);
    expect(phone.map((r) => r.actor_name)).toEqual(['138****5678']);
  });
});
