import { and, eq } from 'drizzle-orm';
import type { ApplicantDates } from '../../../common/pipeline-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import { conflict } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { appendFileEvents, type FileEvent, fileActor } from '../members/member-file.ts';
import { toMemberRow } from '../members/member-row.ts';
import { members } from '../members/members.tables.ts';
import type { applicants } from './pipeline.tables.ts';

type Row = typeof applicants.$inferSelect;

const event = (a: Row, type: string, title: string, occurredOn: string | null, detail?: Record<string, unknown>): FileEvent => ({
  countyCode: a.countyCode, memberId: a.memberId!, section: 'development', type, title, occurredOn, orgId: a.orgId, source: 'pipeline', detail: { applicantId: a.id, ...detail },
});

/** The development history of an applicant as 培养发展 file events, oldest first. */
export function developmentEvents(a: Row & ApplicantDates): FileEvent[] {
  const out: FileEvent[] = [event(a, 'applied', '递交入党申请书', a.appliedOn)];
  if (a.talkedOn) out.push(event(a, 'talked', '党组织派人谈话', a.talkedOn));
  if (a.activistOn) out.push(event(a, 'activist', '确定为入党积极分子', a.activistOn));
  if (a.candidateOn)
    out.push(
      event(a, 'candidate', '确定为发展对象', a.candidateOn, {
        trainingDoneOn: a.trainingDoneOn, politicalReviewOn: a.politicalReviewOn, publicityStart: a.publicityStart, publicityEnd: a.publicityEnd,
      }),
    );
  if (a.admittedOn) out.push(event(a, 'admitted', '支部大会讨论通过，接收为预备党员', a.admittedOn));
  if (a.approvedOn) out.push(event(a, 'approved', '上级党委审批同意', a.approvedOn));
  return out;
}

/**
 * 预备党员: creates the member record (toMemberRow: status probationary, joined on the 支部大会
 * date) and writes the whole development history to the electronic file. Refused when the ID
 * number is already registered as a member.
 */
export async function createProbationaryMember(ctx: Ctx, tx: Tx, a: Row & ApplicantDates): Promise<string> {
  const [dup] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, a.countyCode), eq(members.idNumberIndex, a.idNumberIndex)));
  if (dup) throw conflict('PIPELINE_ALREADY_MEMBER');
  const row = toMemberRow(ctx.services.keys, {
    countyCode: a.countyCode, orgId: a.orgId, name: a.name, idNumber: decryptField(ctx.services.keys, a.idNumberEnc), status: 'probationary', joinedOn: a.admittedOn,
  });
  await tx.insert(members).values(row);
  await appendFileEvents(tx, fileActor(ctx), developmentEvents({ ...a, memberId: row.id! }));
  await audit(ctx, tx, { action: 'member.create', result: 'success', objectType: 'member', objectId: row.id, orgId: a.orgId, detail: { source: 'pipeline', applicantId: a.id } });
  return row.id!;
}

/** 转正: the member becomes 正式党员 on the date, with a file event. */
export async function confirmMember(ctx: Ctx, tx: Tx, a: Row, confirmedOn: string) {
  if (!a.memberId) return;
  await tx
    .update(members)
    .set({ status: 'full', confirmedOn, updatedAt: new Date() })
    .where(and(eq(members.countyCode, a.countyCode), eq(members.id, a.memberId)));
  await appendFileEvents(tx, fileActor(ctx), [event(a, 'confirmed', a.probationExtendedTo ? '延长预备期满，转为正式党员' : '按期转为正式党员', confirmedOn, { admittedOn: a.admittedOn, extendedTo: a.probationExtendedTo })]);
}

/** The 预备期 was extended: a file event on the member. */
export async function extensionEvent(ctx: Ctx, tx: Tx, a: Row, to: string, on: string) {
  if (!a.memberId) return;
  await appendFileEvents(tx, fileActor(ctx), [event(a, 'probation_extended', `延长预备期至 ${to}`, on, { admittedOn: a.admittedOn, extendedTo: to })]);
}
