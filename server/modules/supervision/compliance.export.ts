// The Excel export of the rule engine's judgement: one row per organization of the subtree that a rule
// binds, with its colour, the counts of its checks and every check not green with its reason.
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { type ExportColumn, exportXlsx } from '../../core/excel.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import { type EvalOrg, evaluate } from './compliance.engine.ts';
import { COMPLIANCE_READ, checkDto, periodAndDay } from './compliance.service.ts';
import type { ComplianceQuery } from './compliance.schemas.ts';

const T = {
  'zh-CN': { title: '组织生活督查', parent: '上级组织', org: '党组织', color: '评价', checks: '检查项', green: '达标', amber: '预警', red: '未达标', reasons: '问题', colors: { green: '绿', amber: '黄', red: '红' } },
  en: { title: 'Organizational life compliance', parent: 'Parent', org: 'Organization', color: 'Colour', checks: 'Checks', green: 'Met', amber: 'Warning', red: 'Not met', reasons: 'Issues', colors: { green: 'green', amber: 'amber', red: 'red' } },
};

export async function exportCompliance(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof ComplianceQuery>) {
  const h = T[ctx.lang];
  const o = await viewOrg(ctx, COMPLIANCE_READ, q.orgId);
  const { period, asOf } = periodAndDay(q);
  const ev = await evaluate(ctx.services.db, o.countyCode, o.path, period, asOf);
  const names = new Map(ev.orgs.map((x) => [x.id, x.name]));
  const rank = { red: 0, amber: 1, green: 2 };
  const rows = ev.orgs.filter((x) => x.color).sort((a, b) => rank[a.color ?? 'green'] - rank[b.color ?? 'green'] || a.path.localeCompare(b.path));
  const count = (x: EvalOrg, s: string) => x.checks.filter((c) => c.status === s).length;
  const columns: ExportColumn<EvalOrg>[] = [
    { header: h.parent, value: (x) => (x.parentId ? (names.get(x.parentId) ?? '') : ''), width: 26 },
    { header: h.org, value: (x) => x.name, width: 32 },
    { header: h.color, value: (x) => (x.color ? h.colors[x.color] : ''), width: 8 },
    { header: h.checks, value: (x) => x.checks.length, width: 8 },
    { header: h.green, value: (x) => count(x, 'green'), width: 8 },
    { header: h.amber, value: (x) => count(x, 'amber'), width: 8 },
    { header: h.red, value: (x) => count(x, 'red'), width: 8 },
    {
      header: h.reasons,
      value: (x) =>
        x.checks
          .filter((c) => c.status === 'red' || c.status === 'amber')
          .map((c) => checkDto(c, ev.rules).text)
          .join('；'),
      width: 70,
    },
  ];
  return exportXlsx(ctx, reply, {
    name: 'supervision-compliance',
    title: `${h.title} ${o.name} ${period}（${asOf}）`,
    filters: { orgId: o.id, period, asOf },
    count: async () => rows.length,
    rows: async () => rows,
    columns,
  });
}
