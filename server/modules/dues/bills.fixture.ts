// Test fixture of the dues tests: members with a category, status, admission date and standing, and
// base rows written directly. Not used by the application.
import { and, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../common/roles.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { type TestApp, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, fixturePasswordHash } from '../../test/fixture.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { seedMember, testIdNumber } from '../members/members.fixture.ts';
import { members } from '../members/members.tables.ts';
import { duesBases } from './dues.tables.ts';

type Org = { countyCode: string; id: string; name: string };

/** A member for the dues tests (ID numbers from `seq`, region by county); returns its id. */
export async function seedDuesMember(
  services: Services,
  org: Org,
  v: { seq: number; name: string; status?: 'full' | 'probationary'; joinedOn?: string | null; category?: string | null; standing?: string },
) {
  const status = v.status ?? 'full';
  const joinedOn = v.joinedOn === undefined ? '2005-07-01' : v.joinedOn;
  const id = await seedMember(services, org, {
    name: v.name,
    idNumber: testIdNumber(v.seq, '19800101', org.countyCode),
    status,
    joinedOn,
    confirmedOn: status === 'full' && joinedOn && joinedOn < '2026-01-01' ? `${Number(joinedOn.slice(0, 4)) + 1}${joinedOn.slice(4)}` : null,
    duesCategory: v.category ?? null,
  });
  if (v.standing && v.standing !== 'normal')
    await services.db.update(members).set({ standing: v.standing }).where(and(eq(members.countyCode, org.countyCode), eq(members.id, id)));
  return id;
}

/** A base row written directly (tests only). */
export async function seedBase(services: Services, countyCode: string, memberId: string, effectiveMonth: string, baseFen: number) {
  const id = uuidv7();
  await services.db.insert(duesBases).values({ countyCode, id, memberId, effectiveMonth, baseFen, reason: '测试基数', createdByName: 'fixture' });
  return id;
}

/** The bills of a county and month as [member name, amount, issue, state], by name. */
export async function billsOf(services: Services, countyCode: string, month: string) {
  const r = (await services.db.execute(sql`
    SELECT m.name, b.amount_fen::int AS amount, b.issue, b.state, b.category, b.base_fen::int AS base, b.org_id
      FROM dues_bills b JOIN members m ON m.county_code = b.county_code AND m.id = b.member_id
     WHERE b.county_code = ${countyCode} AND b.month = ${month} ORDER BY m.name`)) as unknown as {
    rows: { name: string; amount: number | null; issue: string | null; state: string; category: string | null; base: number | null; org_id: string }[];
  };
  return r.rows;
}

/** An account with one role granted at an organization, logged in (the dues route tests' treasurers and secretaries). */
export async function accountAt(t: TestApp, username: string, role: Role, org: { countyCode: string; id: string }) {
  const passwordHash = await fixturePasswordHash();
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, { countyCode: org.countyCode, username, displayName: `测试${username}`, orgId: org.id, password: FIXTURE_PASSWORD, passwordHash, roles: [role], mustChangePassword: false }),
  );
  return login(t, username, FIXTURE_PASSWORD);
}
