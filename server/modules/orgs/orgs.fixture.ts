// Test fixture: committee entries and to-dos at every target organization of the authorization
// matrix (used by server/test/matrix-fixture.ts and this module's tests). Not used by the application.
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import type { Fixture, Target } from '../../test/fixture.ts';
import { TARGETS } from '../../test/matrix.ts';
import { orgCommittee, orgTodos } from './orgs.tables.ts';

/** What the orgs rows of the matrix need besides the fixture. */
export type OrgsMatrixData = { targetCommitteeEntry: Record<Target, string>; targetTodo: Record<Target, string> };

/**
 * At every target organization: the target member as 委员 (an active committee entry), and an open
 * 停止党籍 proposal for them. The matrix appoints the same member to the same position again (no
 * change), ends the entry (ending it again changes nothing) and dismisses the proposal (dismissing
 * again changes nothing), so every caller in scope gets the same answer.
 */
export async function seedOrgsMatrix(services: Services, f: Fixture & { targetMember: Record<Target, string> }): Promise<OrgsMatrixData> {
  const targetCommitteeEntry = {} as Record<Target, string>;
  const targetTodo = {} as Record<Target, string>;
  await services.db.transaction(async (tx) => {
    for (const t of TARGETS) {
      const org = f.orgOf[t];
      targetCommitteeEntry[t] = uuidv7();
      await tx.insert(orgCommittee).values({ countyCode: org.countyCode, id: targetCommitteeEntry[t], orgId: org.id, memberId: f.targetMember[t], position: 'member', termStart: '2024-01-01' });
      targetTodo[t] = uuidv7();
      await tx.insert(orgTodos).values({
        countyCode: org.countyCode, id: targetTodo[t], orgId: org.id, kind: 'suspend_proposal', memberId: f.targetMember[t], title: `目标党员${t}失联已满 6 个月，提议停止党籍`,
        detail: { lostContactSince: '2024-01-01' }, dedupeKey: `suspend:${f.targetMember[t]}`,
      });
    }
  });
  return { targetCommitteeEntry, targetTodo };
}
