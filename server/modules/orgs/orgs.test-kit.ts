// Helpers shared by the orgs and pipeline tests (not used by the application).
import type { InjectOptions } from 'fastify';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { type Session, type TestApp, as, login } from '../../test/app.ts';
import { FIXTURE_PASSWORD, fixturePasswordHash } from '../../test/fixture.ts';
import { toMemberRow } from '../members/member-row.ts';
import { members } from '../members/members.tables.ts';
import { pipelineIdNumber } from '../pipeline/pipeline.fixture.ts';
import type { OrgRow } from './orgs.repo.ts';
import { organizations } from './orgs.tables.ts';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** A JSON request as a session. */
export const call = (t: TestApp, s: Session | null, method: InjectOptions['method'], url: string, payload?: unknown) =>
  t.app.inject(as(s, payload === undefined ? { method, url } : { method, url, payload: payload as InjectOptions['payload'] }));

/** The error code of an answer. */
export const codeOf = (r: Res) => r.json().error?.code as string | undefined;

let seq = 0;

/** Adds a member through toMemberRow (tests only); returns its id. */
export async function addMember(
  services: Services,
  org: { countyCode: string; id: string },
  v: { name?: string; status?: 'full' | 'probationary'; standing?: string; lostContactSince?: string | null; birth?: string } = {},
) {
  seq++;
  const row = toMemberRow(services.keys, {
    countyCode: org.countyCode,
    orgId: org.id,
    name: v.name ?? `党员${seq}`,
    idNumber: pipelineIdNumber(seq, v.birth ?? '19700101', '330522'),
    status: v.status ?? 'full',
    standing: v.standing ?? 'normal',
    lostContactSince: v.lostContactSince ?? null,
    joinedOn: '2000-07-01',
    confirmedOn: v.status === 'probationary' ? null : '2001-07-01',
  });
  await services.db.insert(members).values(row);
  return row.id!;
}

/** Adds several members. */
export async function addMembers(services: Services, org: { countyCode: string; id: string }, n: number, v: Parameters<typeof addMember>[2] = {}) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await addMember(services, org, v));
  return ids;
}

/** Inserts an organization directly under a parent (tests only). */
export async function addOrg(services: Services, parent: OrgRow, name: string, level: string, category: string | null = 'rural'): Promise<OrgRow> {
  const id = uuidv7();
  const [row] = await services.db
    .insert(organizations)
    .values({ countyCode: parent.countyCode, id, parentId: parent.id, path: `${parent.path}${id}/`, depth: parent.depth + 1, name, level, category })
    .returning();
  return row;
}

/** An account with one role granted at an organization, logged in. */
export async function sessionAt(t: TestApp, username: string, role: Parameters<typeof systemCreateAccount>[2]['roles'][number], org: OrgRow): Promise<Session> {
  const passwordHash = await fixturePasswordHash();
  await t.services.db.transaction((tx) =>
    systemCreateAccount(t.services, tx, { countyCode: org.countyCode, username, displayName: username, orgId: org.id, password: FIXTURE_PASSWORD, passwordHash, roles: [role], mustChangePassword: false }),
  );
  return login(t, username, FIXTURE_PASSWORD);
}
