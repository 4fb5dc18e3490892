// The Excel export of the activity summary: one row per child organization and a total row, with the
// activities held per type (names from activity_types), 应到 / 实到 / 请假 / rate / guests and, by
// month, dues 应交 / 实交. Headers in the caller's language.
import { asc } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { activityTypes } from '../activities/activities.tables.ts';
import { activitySummary } from './summary.service.ts';
import type { SummaryDto, SummaryQuery } from './supervision.schemas.ts';

const T = {
  'zh-CN': { org: '党组织', held: '活动总数', obliged: '应到', attended: '实到', leave: '请假', rate: '到会率', guests: '非隶属签到', should: '党费应交（元）', paid: '党费实交（元）', title: '组织生活汇总', total: '合计' },
  en: { org: 'Organization', held: 'Activities', obliged: 'Expected', attended: 'Present', leave: 'On leave', rate: 'Attendance rate', guests: 'Guests', should: 'Dues due (yuan)', paid: 'Dues paid (yuan)', title: 'Activity summary', total: 'Total' },
};

type Row = Omit<z.infer<typeof SummaryDto>['totals'], never> & { name: string };

/** The summary's child rows and total as Excel. */
export async function exportSummary(ctx: Ctx, perm: string, reply: FastifyReply, q: z.infer<typeof SummaryQuery>) {
  const h = T[ctx.lang];
  const s = await activitySummary(ctx, perm, q);
  const types = await ctx.services.db.select().from(activityTypes).orderBy(asc(activityTypes.sort));
  const rows: Row[] = [...s.children, { ...s.totals, name: h.total }];
  const columns: ExportColumn<Row>[] = [
    { header: h.org, value: (r) => r.name, width: 34 },
    { header: h.held, value: (r) => r.held, width: 10 },
    ...types.map((t) => ({ header: ctx.lang === 'en' ? t.nameEn : t.nameZh, value: (r: Row) => r.heldByType[t.code] ?? 0, width: 12 })),
    { header: h.obliged, value: (r) => r.obliged, width: 8 },
    { header: h.attended, value: (r) => r.attended, width: 8 },
    { header: h.leave, value: (r) => r.leave, width: 8 },
    { header: h.rate, value: (r) => (r.rate === null ? '' : `${(r.rate * 100).toFixed(1)}%`), width: 10 },
    { header: h.guests, value: (r) => r.guests, width: 10 },
    ...(s.groupBy === 'month'
      ? [
          { header: h.should, value: (r: Row) => formatFen(r.shouldFen ?? 0), width: 14 },
          { header: h.paid, value: (r: Row) => formatFen(r.paidFen ?? 0), width: 14 },
        ]
      : []),
  ];
  return exportXlsx(ctx, reply, {
    name: 'activity-summary',
    title: `${h.title} ${s.org.name} ${s.from}–${s.to}`,
    filters: { ...q, from: s.from, to: s.to },
    count: async () => rows.length,
    rows: async () => rows,
    columns,
  });
}
