import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { correctionsRepo } from './corrections.repo.ts';
import type { CorrectionListQuery } from './corrections.schemas.ts';
import { correctionDto, correctionFilter } from './corrections.service.ts';

const EXPORT_HEADERS = {
  'zh-CN': { title: '更正申请', member: '党员', org: '所在组织', field: '更正项', requested: '申请值', current: '现值', reason: '理由', status: '状态', created: '申请时间', decidedBy: '审核人', decidedAt: '审核时间', note: '审核意见' },
  en: { title: 'Correction requests', member: 'Member', org: 'Organization', field: 'Field', requested: 'Requested', current: 'Current', reason: 'Reason', status: 'Status', created: 'Requested at', decidedBy: 'Decided by', decidedAt: 'Decided at', note: 'Note' },
} as const;
const STATUS_LABELS = { 'zh-CN': { pending: '待审核', approved: '已通过', rejected: '已驳回' }, en: { pending: 'Pending', approved: 'Approved', rejected: 'Rejected' } } as const;

/** The correction queue as an Excel file (same filters and scope as the list; masked like it). */
export async function exportCorrections(ctx: Ctx, reply: FastifyReply, q: Omit<z.infer<typeof CorrectionListQuery>, 'page' | 'pageSize'>) {
  const repo = correctionsRepo(ctx, 'member.correction');
  const f = await correctionFilter(ctx, q);
  const h = EXPORT_HEADERS[ctx.lang];
  return exportXlsx(ctx, reply, {
    name: 'corrections',
    title: h.title,
    filters: q,
    count: () => repo.count(f),
    rows: async (limit) => (await repo.list(f, limit, 0)).map((r) => correctionDto(ctx.services.keys, r, false)),
    columns: [
      { header: h.member, value: (c) => c.memberName },
      { header: h.org, value: (c) => c.orgName, width: 30 },
      { header: h.field, value: (c) => c.field, width: 14 },
      { header: h.requested, value: (c) => c.requestedValue, width: 22 },
      { header: h.current, value: (c) => c.currentValue, width: 22 },
      { header: h.reason, value: (c) => c.reason, width: 30 },
      { header: h.status, value: (c) => STATUS_LABELS[ctx.lang][c.status], width: 10 },
      { header: h.created, value: (c) => shanghaiTime(c.createdAt), width: 20 },
      { header: h.decidedBy, value: (c) => c.decidedByName },
      { header: h.decidedAt, value: (c) => shanghaiTime(c.decidedAt), width: 20 },
      { header: h.note, value: (c) => c.decisionNote, width: 30 },
    ],
  });
}
