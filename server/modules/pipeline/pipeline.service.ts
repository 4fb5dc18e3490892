import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { addMonths, ageOn, todayIn } from '../../../common/calendar.ts';
import { parseIdNumber } from '../../../common/id-number.ts';
import { maskIdNumber } from '../../../common/mask.ts';
import type { PipelineStage } from '../../../common/member.ts';
import { type ApplicantDates, PIPELINE_RULES, type RuleNote, type RuleResult, checkAdvance, checkApplication, checkExtension, checkRecord, pipelineTimers } from '../../../common/pipeline-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import type { ErrorCode, Lang } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { idNumberColumns } from '../members/member-row.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { pipelineLabel } from './pipeline-labels.ts';
import { confirmMember, createProbationaryMember, extensionEvent } from './pipeline-member.ts';
import type { AdvanceBody, CreateApplicantBody, RecordBody } from './pipeline.schemas.ts';
import { type ApplicantJoined, pipelineRepo } from './pipeline.repo.ts';
import { applicants } from './pipeline.tables.ts';

type Row = typeof applicants.$inferSelect;

/** The rule dates of a row. */
export const datesOf = (a: Row): ApplicantDates => ({ ...a, stage: a.stage as PipelineStage });

/** Deviations recorded on the dates (late talk, approval after 3 months): shown, never refused. */
export function remarksOf(a: Row): RuleNote[] {
  const out: RuleNote[] = [];
  const talkDue = addMonths(a.appliedOn, PIPELINE_RULES.talkWithinMonths);
  if (a.talkedOn && a.talkedOn > talkDue) out.push({ code: 'TALK_LATE', params: { dueOn: talkDue, talkedOn: a.talkedOn } });
  if (a.admittedOn && a.approvedOn) {
    const dueOn = addMonths(a.admittedOn, PIPELINE_RULES.approvalMonths);
    if (a.approvedOn > dueOn) out.push({ code: 'APPROVAL_LATE', params: { dueOn, approvedOn: a.approvedOn } });
  }
  return out;
}

const remarkDto = (lang: Lang) => (n: RuleNote) => ({ ...n, message: pipelineLabel('remark', n.code, lang, n.params) });

function maskedId(ctx: Ctx, a: Row) {
  try {
    return maskIdNumber(decryptField(ctx.services.keys, a.idNumberEnc));
  } catch {
    return `${'*'.repeat(14)}${a.idNumberTail}`;
  }
}

/** The API shape of an applicant, with today's timers and the recorded remarks. */
export function applicantDto(ctx: Ctx, r: ApplicantJoined, today = todayIn()) {
  const a = r.a;
  return {
    id: a.id, orgId: a.orgId, orgName: r.orgName, name: a.name, gender: a.gender as 'male' | 'female', age: ageOn(a.birthDate, today), idNumber: maskedId(ctx, a),
    stage: a.stage as PipelineStage, appliedOn: a.appliedOn, talkedOn: a.talkedOn, activistOn: a.activistOn, candidateOn: a.candidateOn,
    trainingDoneOn: a.trainingDoneOn, politicalReviewOn: a.politicalReviewOn, publicityStart: a.publicityStart, publicityEnd: a.publicityEnd,
    admittedOn: a.admittedOn, approvedOn: a.approvedOn, probationExtendedTo: a.probationExtendedTo, confirmedOn: a.confirmedOn,
    memberId: a.memberId, closedReason: a.closedReason,
    timers: pipelineTimers(datesOf(a), today).map((t) => ({ ...t, message: pipelineLabel('timer', t.code, ctx.lang) })),
    remarks: remarksOf(a).map(remarkDto(ctx.lang)),
    updatedAt: a.updatedAt.toISOString(),
  };
}

/** Turns a rule refusal into the API error (400 naming the field, or 409). */
function refuse(r: Extract<RuleResult, { ok: false }>['problem']): never {
  const code = r.code as ErrorCode;
  const fields = r.field ? [{ path: `body.${r.field}`, code: r.code, params: r.params }] : undefined;
  throw new AppError(r.status, code, r.params ?? {}, fields);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === '23505' || (e as { cause?: { code?: string } })?.cause?.code === '23505';

/** One applicant in read scope. */
export async function getApplicant(ctx: Ctx, id: string) {
  const r = await pipelineRepo(ctx, 'pipeline.read').byId(id);
  if (!r) throw notFound();
  return applicantDto(ctx, r);
}

/**
 * Registers an application at an organization in write scope: a valid ID number (encrypted, blind
 * index), ≥ 18 on the day of the application, not already in the pipeline nor a member.
 */
export async function createApplicant(ctx: Ctx, body: z.infer<typeof CreateApplicantBody>) {
  const parsed = parseIdNumber(body.idNumber);
  if (!parsed.ok) throw badRequest(`ID_NUMBER_${parsed.error}` as ErrorCode, [{ path: 'body.idNumber', code: `ID_NUMBER_${parsed.error}` }]);
  const problem = checkApplication(parsed.value.birthDate, body.appliedOn, todayIn());
  if (problem) refuse(problem);
  const id = uuidv7();
  try {
    await ctx.services.db.transaction(async (tx) => {
      const org = await orgsRepo(ctx, 'pipeline.write', tx).byId(body.orgId);
      if (!org) throw notFound();
      if (org.status !== 'active') throw conflict('ORG_DISSOLVED');
      const cols = idNumberColumns(ctx.services.keys, parsed.value.id);
      const [member] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, org.countyCode), eq(members.idNumberIndex, cols.idNumberIndex)));
      if (member) throw conflict('PIPELINE_ALREADY_MEMBER');
      const [dup] = await tx.select({ id: applicants.id }).from(applicants).where(and(eq(applicants.countyCode, org.countyCode), eq(applicants.idNumberIndex, cols.idNumberIndex)));
      if (dup) throw conflict('PIPELINE_DUPLICATE');
      await tx.insert(applicants).values({
        countyCode: org.countyCode, id, orgId: org.id, name: body.name, gender: parsed.value.gender, birthDate: parsed.value.birthDate, ...cols, stage: 'applicant', appliedOn: body.appliedOn,
      });
      await audit(ctx, tx, { action: 'pipeline.create', result: 'success', objectType: 'applicant', objectId: id, orgId: org.id, detail: { appliedOn: body.appliedOn } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict('PIPELINE_DUPLICATE');
    throw e;
  }
  return getApplicant(ctx, id);
}

/** Runs a change on one applicant in write scope under a row lock; returns the step outcome. */
async function change(ctx: Ctx, id: string, action: string, fn: (tx: Tx, r: ApplicantJoined) => Promise<{ patch: Partial<Row>; notes: RuleNote[]; detail?: Record<string, unknown> }>) {
  const notes = await ctx.services.db.transaction(async (tx) => {
    const r = await pipelineRepo(ctx, 'pipeline.write', tx).byId(id, true);
    if (!r) throw notFound();
    const out = await fn(tx, r);
    const patch = Object.fromEntries(Object.entries(out.patch).filter(([, v]) => v !== undefined));
    await tx.update(applicants).set({ ...patch, updatedAt: new Date() }).where(and(eq(applicants.countyCode, r.a.countyCode), eq(applicants.id, r.a.id)));
    await audit(ctx, tx, {
      action, result: 'success', objectType: 'applicant', objectId: r.a.id, orgId: r.a.orgId,
      detail: { ...patch, ...out.detail, ...(out.notes.length ? { notes: out.notes } : {}) },
    });
    return out.notes;
  });
  return { applicant: await getApplicant(ctx, id), notes: notes.map(remarkDto(ctx.lang)) };
}

const ok = (r: RuleResult) => {
  if (!r.ok) refuse(r.problem);
  return r;
};

/** Records dates of the current stage (the talk, training, 政审, 公示, the 支部大会) without moving on. */
export function recordDates(ctx: Ctx, id: string, body: z.infer<typeof RecordBody>) {
  return change(ctx, id, 'pipeline.record', async (_tx, r) => ok(checkRecord(datesOf(r.a), body, todayIn())));
}

/**
 * One step forward under the rules of DOMAIN §2. At 预备党员 the member record is created with the
 * development history in the file; at 转正 the member becomes 正式党员.
 */
export function advance(ctx: Ctx, id: string, body: z.infer<typeof AdvanceBody>) {
  return change(ctx, id, 'pipeline.advance', async (tx, r) => {
    const res = ok(checkAdvance(datesOf(r.a), body, todayIn()));
    const patch = res.patch as Partial<Row>;
    if (body.to === 'probationary') patch.memberId = await createProbationaryMember(ctx, tx, { ...r.a, ...patch } as Row & ApplicantDates);
    if (body.to === 'full') await confirmMember(ctx, tx, r.a, body.date);
    return { patch, notes: res.notes, detail: { from: r.a.stage } };
  });
}

/** Extends the 预备期 once (≤ 1 year), with a file event. */
export function extendProbation(ctx: Ctx, id: string, to: string) {
  return change(ctx, id, 'pipeline.extend', async (tx, r) => {
    const res = ok(checkExtension(datesOf(r.a), to));
    await extensionEvent(ctx, tx, r.a, to, todayIn());
    return { patch: res.patch as Partial<Row>, notes: [] };
  });
}

/** Stops the procedure (not for members: 预备党员 and 正式党员 are handled in the registry). */
export function closeApplicant(ctx: Ctx, id: string, reason: string) {
  return change(ctx, id, 'pipeline.close', async (_tx, r) => {
    if (r.a.stage === 'closed') throw conflict('PIPELINE_CLOSED');
    if (r.a.stage === 'probationary' || r.a.stage === 'full') throw conflict('PIPELINE_NOT_CLOSABLE');
    return { patch: { stage: 'closed', closedReason: redactSensitive(reason) }, notes: [], detail: { from: r.a.stage } };
  });
}
