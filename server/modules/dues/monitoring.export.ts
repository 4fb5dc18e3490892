// The Excel exports of dues monitoring: the per-organization month list (月月清), the early-warning lists
// and the yearly summary. Headers in the caller's language; amounts in 元 with two decimals.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { formatFen } from '../../../common/dues.ts';
import type { Ctx } from '../../core/access/context.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { type ArrearsRow, type OrgMonth, duesWarnings, duesYearly, orgMonths } from './monitoring.service.ts';
import type { ClearStatus } from './monitoring.rules.ts';
import type { OrgMonthFilter, WarningExportQuery, YearlyQuery } from './monitoring.schemas.ts';

const T = {
  'zh-CN': {
    org: '党组织', parent: '上级组织', month: '月份', bills: '账单数', due: '应缴人数', paid: '已缴人数', onTime: '按时缴清', unpaid: '未缴人数', issues: '待补基数/类别', waived: '免交',
    should: '应交（元）', paidFen: '实交（元）', share: '缴纳率', status: '月月清', name: '姓名', months: '欠缴月数', run: '连续欠缴', first: '起始月份', last: '截至月份', owed: '欠缴金额（元）', level: '预警级别',
    voluntary: '自愿多交（元）', centre: '全额上缴中央（元）', remit: '按比例上缴（元）', retained: '留存（元）', clearMonths: '月月清月数', unpaidBills: '未缴账单',
    orgMonthsTitle: '党费月月清', orgsTitle: '党费预警（收缴率偏低的组织）', membersTitle: '党费预警（欠缴党员）', yearlyTitle: '党费年度汇总', total: '合计',
    status_: { clear: '月月清', cleared_late: '逾期补清', pending: '收缴中', not_clear: '未清', no_bills: '无账单' } as Record<ClearStatus, string>,
    level_: { warning: '欠缴满 3 个月', lapse_review: '连续 6 个月未交（脱党审查）' } as Record<ArrearsRow['level'], string>,
  },
  en: {
    org: 'Organization', parent: 'Parent', month: 'Month', bills: 'Bills', due: 'Due', paid: 'Paid', onTime: 'Paid on time', unpaid: 'Unpaid', issues: 'No base/category', waived: 'Waived',
    should: 'Due (yuan)', paidFen: 'Paid (yuan)', share: 'Paid share', status: 'Monthly clear', name: 'Name', months: 'Months unpaid', run: 'In a row', first: 'From', last: 'To', owed: 'Owed (yuan)', level: 'Level',
    voluntary: 'Voluntary (yuan)', centre: 'Remitted to the centre (yuan)', remit: 'Remitted upward (yuan)', retained: 'Retained (yuan)', clearMonths: 'Months clear', unpaidBills: 'Unpaid bills',
    orgMonthsTitle: 'Dues monthly clearance', orgsTitle: 'Dues warning (organizations)', membersTitle: 'Dues warning (members in arrears)', yearlyTitle: 'Dues yearly summary', total: 'Total',
    status_: { clear: 'Clear', cleared_late: 'Cleared late', pending: 'Collecting', not_clear: 'Not clear', no_bills: 'No bills' } as Record<ClearStatus, string>,
    level_: { warning: '3+ months unpaid', lapse_review: '6 months in a row (review)' } as Record<ArrearsRow['level'], string>,
  },
};

const yuan = (fen: number) => formatFen(fen);
const pct = (bp: number) => `${(bp / 100).toFixed(1)}%`;

function orgMonthColumns(ctx: Ctx): ExportColumn<OrgMonth>[] {
  const h = T[ctx.lang];
  return [
    { header: h.org, value: (r) => r.name, width: 34 },
    { header: h.parent, value: (r) => r.parentName, width: 24 },
    { header: h.month, value: (r) => r.month, width: 10 },
    { header: h.due, value: (r) => r.due, width: 10 },
    { header: h.paid, value: (r) => r.paid, width: 10 },
    { header: h.onTime, value: (r) => r.onTime, width: 10 },
    { header: h.unpaid, value: (r) => r.unpaid, width: 10 },
    { header: h.issues, value: (r) => r.issues, width: 12 },
    { header: h.waived, value: (r) => r.waived, width: 8 },
    { header: h.should, value: (r) => yuan(r.shouldFen), width: 12 },
    { header: h.paidFen, value: (r) => yuan(r.paidFen), width: 12 },
    { header: h.share, value: (r) => pct(r.paidShareBp), width: 10 },
    { header: h.status, value: (r) => h.status_[r.status], width: 10 },
  ];
}

/** The per-organization month list as Excel (the whole filter). */
export function exportOrgMonths(ctx: Ctx, perm: string, reply: FastifyReply, f: z.infer<typeof OrgMonthFilter>) {
  const h = T[ctx.lang];
  return exportXlsx(ctx, reply, {
    name: 'dues-org-months',
    title: `${h.orgMonthsTitle} ${f.month ?? ''}`.trim(),
    filters: f,
    count: async () => (await orgMonths(ctx, perm, f, { limit: 1, offset: 0 })).total,
    rows: async (limit) => (await orgMonths(ctx, perm, f, { limit, offset: 0 })).items,
    columns: orgMonthColumns(ctx),
  });
}

/** One early-warning list as Excel: the organizations below the share, or the members in arrears. */
export async function exportWarnings(ctx: Ctx, perm: string, reply: FastifyReply, q: z.infer<typeof WarningExportQuery>) {
  const h = T[ctx.lang];
  const all = (limit: number) => duesWarnings(ctx, perm, q, { limit, offset: 0 });
  if (q.list === 'orgs') {
    return exportXlsx(ctx, reply, {
      name: 'dues-warning-orgs', title: h.orgsTitle, filters: q,
      count: async () => (await all(1)).orgs.total,
      rows: async (limit) => (await all(limit)).orgs.items,
      columns: orgMonthColumns(ctx),
    });
  }
  const columns: ExportColumn<ArrearsRow>[] = [
    { header: h.name, value: (r) => r.name, width: 12 },
    { header: h.org, value: (r) => r.orgName, width: 34 },
    { header: h.months, value: (r) => r.months, width: 10 },
    { header: h.run, value: (r) => r.run, width: 10 },
    { header: h.first, value: (r) => r.firstMonth, width: 10 },
    { header: h.last, value: (r) => r.lastMonth, width: 10 },
    { header: h.owed, value: (r) => yuan(r.owedFen), width: 14 },
    { header: h.level, value: (r) => h.level_[r.level], width: 24 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'dues-warning-members', title: h.membersTitle, filters: q,
    count: async () => (await all(1)).members.total,
    rows: async (limit) => (await all(limit)).members.items,
    columns,
  });
}

type YearRow = Awaited<ReturnType<typeof duesYearly>>['rows'][number];

/** The yearly summary as Excel, with a total row. */
export async function exportYearly(ctx: Ctx, perm: string, reply: FastifyReply, q: z.infer<typeof YearlyQuery>) {
  const h = T[ctx.lang];
  const y = await duesYearly(ctx, perm, q);
  const total: YearRow = { orgId: '', name: h.total, own: false, unpaidBills: y.rows.reduce((s, r) => s + r.unpaidBills, 0), paidShareBp: 0, clearMonths: 0, ...y.totals };
  const columns: ExportColumn<YearRow>[] = [
    { header: h.org, value: (r) => r.name, width: 34 },
    { header: h.should, value: (r) => yuan(r.shouldFen), width: 14 },
    { header: h.paidFen, value: (r) => yuan(r.paidFen), width: 14 },
    { header: h.unpaidBills, value: (r) => r.unpaidBills, width: 10 },
    { header: h.clearMonths, value: (r) => (r === total ? '' : r.clearMonths), width: 10 },
    { header: h.voluntary, value: (r) => yuan(r.voluntaryFen), width: 14 },
    { header: h.centre, value: (r) => yuan(r.centreFen), width: 16 },
    { header: `${h.remit} ${pct(y.remitShareBp)}`, value: (r) => yuan(r.remitFen), width: 16 },
    { header: h.retained, value: (r) => yuan(r.retainedFen), width: 14 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'dues-yearly', title: `${h.yearlyTitle} ${q.year} ${y.org.name}`, filters: q,
    count: async () => y.rows.length + 1,
    rows: async () => [...y.rows, total],
    columns,
  });
}
