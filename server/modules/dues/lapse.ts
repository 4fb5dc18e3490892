// Accepting a 自行脱党 review case (org_todos kind 'lapse_review', opened by the dues warnings after 6
// consecutive months of arrears): the branch has reviewed the case and decided to handle the member as
// having left the Party (自行脱党). Only a person does this, by accepting the to-do; it is refused when
// the member is no longer 6 months in a row behind (paid meanwhile) or no longer has a normal standing.
import { and, eq, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import { audit } from '../../core/audit/audit.ts';
import { conflict } from '../../core/errors/app-error.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { members } from '../members/members.tables.ts';
import { type TodoAcceptor, onTodoAccept } from '../orgs/todos.ts';
import { currentMonth } from './bills.rules.ts';
import { LAPSE_REVIEW_MONTHS, unpaidRun } from './monitoring.rules.ts';
import { LAPSE_TODO } from './warnings.ts';

const acceptLapse: TodoAcceptor = async (ctx, tx, t, note) => {
  const [m] = await tx
    .select()
    .from(members)
    .where(and(eq(members.countyCode, t.countyCode), eq(members.id, t.memberId!)))
    .for('update');
  const now = currentMonth();
  const unpaid = (await tx.execute(sql`
    SELECT month FROM dues_bills WHERE county_code = ${t.countyCode} AND member_id = ${t.memberId} AND state IN ('due', 'partially_paid')
       AND amount_fen IS NOT NULL AND month < ${now}`)) as unknown as { rows: { month: string }[] };
  const run = unpaidRun(unpaid.rows.map((r) => r.month), now);
  if (!m || !['normal', 'restored'].includes(m.standing) || run < LAPSE_REVIEW_MONTHS) throw conflict('DUES_LAPSE_STALE', { run });
  await tx.update(members).set({ standing: 'lapsed', updatedAt: new Date() }).where(and(eq(members.countyCode, m.countyCode), eq(members.id, m.id)));
  await appendFileEvents(tx, fileActor(ctx), [
    {
      countyCode: m.countyCode, memberId: m.id, section: 'basic', type: 'standing_changed', title: `按自行脱党处理（连续 ${run} 个月不交纳党费，经支部审查）`, occurredOn: todayIn(), orgId: m.orgId, source: 'dues',
      detail: { from: m.standing, to: 'lapsed', reason: 'dues_arrears', run, todoId: t.id, ...(note ? { note } : {}) },
    },
  ]);
  await audit(ctx, tx, { action: 'member.standing', result: 'success', objectType: 'member', objectId: m.id, orgId: m.orgId, reason: note, detail: { from: m.standing, to: 'lapsed', run, todoId: t.id } });
};

/** Registers the acceptor (called once by the dues module). */
export const registerLapseReview = () => onTodoAccept(LAPSE_TODO, acceptLapse);
