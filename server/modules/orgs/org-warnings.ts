import type { FastifyReply } from 'fastify';
import { todayIn } from '../../../common/calendar.ts';
import type { OrgWarningCode } from '../../../common/org-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { notFound } from '../../core/errors/app-error.ts';
import { exportXlsx } from '../../core/excel.ts';
import { orgLabel, WARNING_EXPORT_HEADERS } from './org-labels.ts';
import { lastHeldOn, scopeStats, subtreeTotals } from './org-stats.ts';
import { orgDto, warningsOf } from './orgs.service.ts';
import { orgsRepo } from './orgs.repo.ts';

/** One collator for all sorting by Chinese name (creating one per comparison is slow). */
const byName = new Intl.Collator('zh-CN');

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * Every active organization in the caller's scope (or one subtree of it) that has warnings,
 * computed from one grouped query over the whole scope, most serious first.
 */
async function warningRows(ctx: Ctx, q: { code?: OrgWarningCode; orgId?: string }) {
  let paths = ctx.scope('org.read');
  if (q.orgId) {
    const root = await orgsRepo(ctx).byId(q.orgId);
    if (!root) throw notFound();
    paths = [root.path];
  }
  const county = ctx.actor?.countyCode ?? '';
  const [rows, held] = await Promise.all([scopeStats(ctx.services.db, county, paths), lastHeldOn(ctx.services.db, county, { paths })]);
  const totals = subtreeTotals(rows.map((r) => ({ id: r.org.id, path: r.org.path, total: r.counts.total })));
  const today = todayIn();
  const out = [];
  for (const r of rows) {
    const subtreeMemberCount = totals.get(r.org.id) ?? 0;
    const warnings = warningsOf(r.org, r.counts, r.committee, subtreeMemberCount, ctx.lang, today, held.get(r.org.id) ?? null);
    if (warnings.length === 0 || (q.code && !warnings.some((w) => w.code === q.code))) continue;
    out.push({ org: orgDto(r.org), memberCounts: r.counts, subtreeMemberCount, warnings });
  }
  return out.sort((a, b) => RANK[a.warnings[0].severity] - RANK[b.warnings[0].severity] || a.org.depth - b.org.depth || byName.compare(a.org.name, b.org.name));
}

/** A page of organizations with warnings. */
export async function listWarnings(ctx: Ctx, q: { code?: OrgWarningCode; orgId?: string; limit: number; offset: number }) {
  const all = await warningRows(ctx, q);
  return { items: all.slice(q.offset, q.offset + q.limit), total: all.length };
}

/** The warnings list as an Excel file, one row per warning (watermarked and audited by exportXlsx). */
export async function exportWarnings(ctx: Ctx, reply: FastifyReply, q: { code?: OrgWarningCode; orgId?: string }) {
  const h = WARNING_EXPORT_HEADERS[ctx.lang];
  const lang = ctx.lang;
  let rows: { org: ReturnType<typeof orgDto>; counts: { full: number; probationary: number; total: number }; w: { code: string; severity: string; message: string } }[] | null = null;
  const load = async () => {
    rows ??= (await warningRows(ctx, q)).flatMap((r) => r.warnings.filter((w) => !q.code || w.code === q.code).map((w) => ({ org: r.org, counts: r.memberCounts, w })));
    return rows;
  };
  return exportXlsx(ctx, reply, {
    name: 'org-warnings',
    title: h.title,
    filters: q,
    count: async () => (await load()).length,
    rows: async (limit) => (await load()).slice(0, limit),
    columns: [
      { header: h.org, value: (r) => r.org.name, width: 36 },
      { header: h.level, value: (r) => orgLabel('level', r.org.level, lang), width: 16 },
      { header: h.category, value: (r) => orgLabel('category', r.org.category, lang), width: 12 },
      { header: h.full, value: (r) => r.counts.full, width: 10 },
      { header: h.probationary, value: (r) => r.counts.probationary, width: 10 },
      { header: h.total, value: (r) => r.counts.total, width: 10 },
      { header: h.severity, value: (r) => orgLabel('severity', r.w.severity, lang), width: 8 },
      { header: h.warning, value: (r) => r.w.message, width: 60 },
    ],
  });
}
