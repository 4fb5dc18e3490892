import type { FastifyReply } from 'fastify';
import { addDays, addMonths, addYears, todayIn } from '../../../common/calendar.ts';
import type { PipelineStage } from '../../../common/member.ts';
import { OPEN_STAGES, PIPELINE_RULES } from '../../../common/pipeline-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { exportXlsx } from '../../core/excel.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { PIPELINE_EXPORT_HEADERS, pipelineLabel } from './pipeline-labels.ts';
import { pipelineRepo } from './pipeline.repo.ts';
import { applicantDto } from './pipeline.service.ts';

/** One collator for all sorting by Chinese name (creating one per comparison is slow). */
const byName = new Intl.Collator('zh-CN');

type Applicant = ReturnType<typeof applicantDto>;

/** The board of one organization in read scope: stages in order, each with its people and timers. */
export async function board(ctx: Ctx, q: { orgId: string; stage?: PipelineStage }) {
  const org = await orgsRepo(ctx, 'pipeline.read').byId(q.orgId);
  if (!org) throw notFound();
  const stages = q.stage ? [q.stage] : OPEN_STAGES;
  const today = todayIn();
  const rows = (await pipelineRepo(ctx, 'pipeline.read').ofOrg(org.id, stages)).map((r) => applicantDto(ctx, r, today));
  return { orgId: org.id, orgName: org.name, stages: stages.map((stage) => ({ stage, items: rows.filter((r) => r.stage === stage) })) };
}

/**
 * Everyone with an overdue step under an organization (a township's branches) or the whole
 * scope, the longest overdue first. SQL narrows the candidates; the timers decide.
 */
async function overdueAll(ctx: Ctx, orgId?: string) {
  let paths = ctx.scope('pipeline.read');
  if (orgId) {
    const org = await orgsRepo(ctx, 'pipeline.read').byId(orgId);
    if (!org) throw notFound();
    paths = [org.path];
  }
  const today = todayIn();
  // A few days of slack: month arithmetic clamps at month ends; the timers give the exact answer.
  const cut = (d: string) => addDays(d, 3);
  const rows = await pipelineRepo(ctx, 'pipeline.read').maybeOverdue(paths, {
    talk: cut(addMonths(today, -PIPELINE_RULES.talkWithinMonths)),
    approval: cut(addMonths(today, -PIPELINE_RULES.approvalMonths)),
    probation: cut(addYears(today, -PIPELINE_RULES.probationYears)),
    today,
  });
  const firstOverdue = (a: Applicant) => a.timers.filter((t) => t.overdue).map((t) => t.dueOn).sort()[0];
  return rows
    .map((r) => applicantDto(ctx, r, today))
    .filter((a) => a.timers.some((t) => t.overdue))
    .sort((a, b) => firstOverdue(a).localeCompare(firstOverdue(b)) || byName.compare(a.name, b.name));
}

/** A page of the overdue list. */
export async function overdue(ctx: Ctx, q: { orgId?: string; limit: number; offset: number }) {
  const all = await overdueAll(ctx, q.orgId);
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}

function columns(ctx: Ctx, withOverdue: boolean) {
  const h = PIPELINE_EXPORT_HEADERS[ctx.lang];
  const lang = ctx.lang;
  const timers = (a: Applicant, onlyOverdue: boolean) =>
    a.timers.filter((t) => !onlyOverdue || t.overdue).map((t) => `${t.message} ${t.dueOn}`).join('；');
  return [
    { header: h.org, value: (a: Applicant) => a.orgName, width: 30 },
    { header: h.name, value: (a: Applicant) => a.name, width: 10 },
    { header: h.gender, value: (a: Applicant) => pipelineLabel('gender', a.gender, lang), width: 6 },
    { header: h.age, value: (a: Applicant) => a.age, width: 6 },
    { header: h.idNumber, value: (a: Applicant) => a.idNumber, width: 22 },
    { header: h.stage, value: (a: Applicant) => pipelineLabel('stage', a.stage, lang), width: 12 },
    { header: h.appliedOn, value: (a: Applicant) => a.appliedOn, width: 12 },
    { header: h.activistOn, value: (a: Applicant) => a.activistOn, width: 12 },
    { header: h.candidateOn, value: (a: Applicant) => a.candidateOn, width: 12 },
    { header: h.admittedOn, value: (a: Applicant) => a.admittedOn, width: 12 },
    { header: h.approvedOn, value: (a: Applicant) => a.approvedOn, width: 12 },
    { header: h.confirmedOn, value: (a: Applicant) => a.confirmedOn, width: 12 },
    { header: withOverdue ? h.overdueItems : h.timers, value: (a: Applicant) => timers(a, withOverdue), width: 50 },
  ];
}

/** The board as Excel (masked ID numbers; watermarked and audited by exportXlsx). */
export async function exportBoard(ctx: Ctx, reply: FastifyReply, q: { orgId: string; stage?: PipelineStage }) {
  const b = await board(ctx, q);
  const rows = b.stages.flatMap((s) => s.items);
  return exportXlsx(ctx, reply, {
    name: 'pipeline',
    title: `${PIPELINE_EXPORT_HEADERS[ctx.lang].board} ${b.orgName}`,
    filters: q,
    count: async () => rows.length,
    rows: async (limit) => rows.slice(0, limit),
    columns: columns(ctx, false),
  });
}

/** The overdue list as Excel. */
export async function exportOverdue(ctx: Ctx, reply: FastifyReply, q: { orgId?: string }) {
  const rows = await overdueAll(ctx, q.orgId);
  return exportXlsx(ctx, reply, {
    name: 'pipeline-overdue',
    title: PIPELINE_EXPORT_HEADERS[ctx.lang].overdue,
    filters: q,
    count: async () => rows.length,
    rows: async (limit) => rows.slice(0, limit),
    columns: columns(ctx, true),
  });
}
