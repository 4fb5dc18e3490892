// Test fixture: a member at every target organization of the authorization matrix (used by
// server/test/matrix-fixture.ts and this module's tests). Not used by the application.
import { and, eq } from 'drizzle-orm';
import { idCheckChar } from '../../../common/id-number.ts';
import { systemCreateAccount } from '../../bootstrap/accounts.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { FIXTURE_PASSWORD, fixturePasswordHash } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { loginKeyOf } from '../auth/auth.service.ts';
import { accounts } from '../auth/auth.tables.ts';
import { type MemberDraft, validateMemberInput } from './member-validate.ts';
import { correctionRequests } from './members.tables.ts';
import { systemRegisterMembers } from './registry.service.ts';

/** A valid 18-digit ID number: region + birth date + sequence + check character. */
export function testIdNumber(seq: number, birth = '19800101', region = '330522'): string {
  const first17 = `${region}${birth}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

/** The ID number of the fixture member at a target (each target's index in TARGETS). */
export const targetIdNumber = (t: Target) => testIdNumber(100 + TARGETS.indexOf(t));

/** Registers one member without scope checks (tests only); returns its id. */
export async function seedMember(services: Services, org: { countyCode: string; id: string; name: string }, draft: MemberDraft) {
  const v = validateMemberInput({ status: 'full', ...draft });
  if (!v.ok) throw new Error(`fixture member invalid: ${JSON.stringify(v.problems)}`);
  const [id] = await services.db.transaction((tx) =>
    systemRegisterMembers(tx, services.keys, { actorId: null, actorName: 'fixture' }, [{ countyCode: org.countyCode, orgId: org.id, orgName: org.name, values: v.value }]),
  );
  return id;
}

/**
 * At every target organization: a member (目标党员<target>) who already has a login (the fixture
 * `member` account at `own`, a member account elsewhere) and an already-decided correction
 * request, so write routes answer 409 in scope and 404 outside it without changing state.
 */
export async function seedMatrixMembers(services: Services, f: Fixture) {
  const targetMember = {} as Record<Target, string>;
  const targetCorrection = {} as Record<Target, string>;
  for (const t of TARGETS) {
    const org = f.orgOf[t];
    const idNumber = targetIdNumber(t);
    targetMember[t] = await seedMember(services, org, {
      name: `目标党员${t}`, idNumber, phone: `1380000010${TARGETS.indexOf(t)}`, joinedOn: '2005-07-01', confirmedOn: '2006-07-01', cardNo: `MATRIX-${t}`,
    });
    await services.db.transaction(async (tx) => {
      const accountId =
        t === 'own'
          ? (f.accounts.member as string)
          : await systemCreateAccount(services, tx, {
              countyCode: org.countyCode, username: `member_${t}`, displayName: `目标党员${t}`, orgId: org.id, password: FIXTURE_PASSWORD,
              passwordHash: await fixturePasswordHash(), roles: ['member'], mustChangePassword: false, kind: 'member', loginKey: loginKeyOf(services, idNumber),
            });
      await tx.update(accounts).set({ memberId: targetMember[t] }).where(and(eq(accounts.countyCode, org.countyCode), eq(accounts.id, accountId)));
      targetCorrection[t] = uuidv7();
      await tx.insert(correctionRequests).values({
        countyCode: org.countyCode, id: targetCorrection[t], memberId: targetMember[t], orgId: org.id, field: 'other', requestedValue: '矩阵测试', reason: '矩阵测试用的更正申请',
        status: 'rejected', decidedByName: 'fixture', decidedAt: new Date(), decisionNote: '已处理',
      });
    });
  }
  return { targetMember, targetCorrection };
}
