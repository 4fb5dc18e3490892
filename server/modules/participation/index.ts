import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Ctx } from '../../core/access/context.ts';
import { exportXlsx } from '../../core/excel.ts';
import { defineModule } from '../../core/module.ts';
import { participationWords } from './participation.labels.ts';
import { EvidenceDto, EvidenceQuery, IdParams, ParticipationFilterQuery, ParticipationListQuery, ParticipationPageDto } from './participation.schemas.ts';
import { LOW_RATE, MIN_OBLIGED, memberEvidence, myEvidence, participation } from './participation.service.ts';

const tags = ['participation'];
type Evidence = z.infer<typeof EvidenceDto>;
type Line = { section: string; org: string; item: string; value: string | number };

const yuan = (fen: number) => (fen / 100).toFixed(2);
const pct = (r: number | null) => (r === null ? '' : `${Math.round(r * 1000) / 10}%`);

/** The evidence pack as lines of one sheet: totals, per organization and month, activities, dues, pending sections. */
function evidenceLines(ctx: Ctx, e: Evidence): Line[] {
  const w = participationWords(ctx.lang);
  const counts = (c: { obliged: number; attended: number; leave: number; guest: number }) =>
    `${w.obliged} ${c.obliged} / ${w.attended} ${c.attended} / ${w.leave} ${c.leave} / ${w.guest} ${c.guest}`;
  const status = { present: w.present, elsewhere: w.elsewhere, leave: w.leave, absent: w.absent, guest: w.guestStatus };
  return [
    { section: w.member, org: e.member.orgName, item: e.member.name, value: e.year },
    { section: w.attendance, org: '', item: w.total, value: counts(e.attendance.total) },
    ...e.attendance.organizations.flatMap((o) => [
      { section: w.attendance, org: o.orgName, item: o.own ? w.own : w.visited, value: counts(o) },
      ...o.months.map((m) => ({ section: w.attendance, org: o.orgName, item: m.month, value: counts(m) })),
    ]),
    ...e.attendance.activities.map((a) => ({ section: w.activity, org: a.orgName, item: `${a.startsAt.slice(0, 10)} ${a.title}`, value: status[a.status] })),
    { section: w.dues, org: '', item: w.billed, value: e.dues.billed },
    { section: w.dues, org: '', item: w.paidOnTime, value: e.dues.paidOnTime },
    { section: w.dues, org: '', item: w.paidLate, value: e.dues.paidLate },
    { section: w.dues, org: '', item: w.unpaid, value: e.dues.unpaid },
    { section: w.dues, org: '', item: w.waived, value: e.dues.waived },
    { section: w.dues, org: '', item: w.amount, value: yuan(e.dues.amountFen) },
    { section: w.dues, org: '', item: w.paid, value: yuan(e.dues.paidFen) },
    ...e.sections.filter((s) => !s.available).map((s) => ({ section: w[s.key as 'study'] ?? s.key, org: '', item: '', value: w.notAvailable })),
  ];
}

function exportEvidence(ctx: Ctx, reply: FastifyReply, e: Evidence) {
  const w = participationWords(ctx.lang);
  const lines = evidenceLines(ctx, e);
  return exportXlsx<Line>(ctx, reply, {
    name: 'evidence',
    title: `${w.evidenceTitle} ${e.year}`,
    filters: { memberId: e.member.id, year: e.year },
    count: async () => lines.length,
    rows: async (limit) => lines.slice(0, limit),
    columns: [
      { header: w.section, value: (r) => r.section, width: 14 },
      { header: w.org, value: (r) => r.org, width: 28 },
      { header: w.item, value: (r) => r.item, width: 36 },
      { header: w.value, value: (r) => r.value, width: 40 },
    ],
  });
}

/**
 * Participation per member (应到 / 实到 / 请假 / 非隶属签到, low-participation list) and the yearly
 * evidence pack for 民主评议 (attendance across every organization, dues; volunteering, study, grid
 * and points marked not yet available). Reads only; scoped like activities and member records.
 */
export const participationModule = defineModule({
  name: 'participation',
  routes(app) {
    app.get(
      '/api/participation',
      {
        config: { access: 'activity.read' },
        schema: { tags, summary: 'Participation of an organization’s members, lowest rate first', querystring: ParticipationListQuery, response: { 200: ParticipationPageDto } },
      },
      async (req) => {
        const { page, pageSize, ...f } = req.query;
        const rows = await participation(req.ctx, f);
        return { items: rows.slice((page - 1) * pageSize, page * pageSize), total: rows.length, lowRate: LOW_RATE, minObliged: MIN_OBLIGED };
      },
    );
    app.get(
      '/api/participation/export',
      { config: { access: 'activity.read' }, schema: { tags, summary: 'Export member participation to Excel', querystring: ParticipationFilterQuery } },
      async (req, reply) => {
        const w = participationWords(req.ctx.lang);
        const rows = await participation(req.ctx, req.query);
        return exportXlsx(req.ctx, reply, {
          name: 'participation',
          title: w.title,
          filters: req.query,
          count: async () => rows.length,
          rows: async (limit) => rows.slice(0, limit),
          columns: [
            { header: w.member, value: (r) => r.name, width: 12 },
            { header: w.org, value: (r) => r.orgName, width: 28 },
            { header: w.obliged, value: (r) => r.obliged, width: 8 },
            { header: w.attended, value: (r) => r.attended, width: 8 },
            { header: w.leave, value: (r) => r.leave, width: 8 },
            { header: w.guest, value: (r) => r.guest, width: 12 },
            { header: w.rate, value: (r) => pct(r.rate), width: 10 },
            { header: w.low, value: (r) => (r.low ? w.yes : w.no), width: 10 },
          ],
        });
      },
    );
    app.get(
      '/api/members/:id/evidence',
      {
        config: { access: 'member.read' },
        schema: { tags, summary: 'A member’s year for 民主评议 (evidence pack); the view is logged', params: IdParams, querystring: EvidenceQuery, response: { 200: EvidenceDto } },
      },
      (req) => memberEvidence(req.ctx, req.params.id, req.query.year),
    );
    app.get(
      '/api/members/:id/evidence/export',
      { config: { access: 'member.export' }, schema: { tags, summary: 'Export a member’s evidence pack to Excel', params: IdParams, querystring: EvidenceQuery } },
      async (req, reply) => exportEvidence(req.ctx, reply, await memberEvidence(req.ctx, req.params.id, req.query.year)),
    );
    app.get(
      '/api/my/evidence',
      { config: { access: 'self.file' }, schema: { tags, summary: 'My year for 民主评议 (evidence pack)', querystring: EvidenceQuery, response: { 200: EvidenceDto } } },
      (req) => myEvidence(req.ctx, req.query.year),
    );
    app.get(
      '/api/my/evidence/export',
      { config: { access: 'self.file' }, schema: { tags, summary: 'Export my evidence pack to Excel', querystring: EvidenceQuery } },
      async (req, reply) => exportEvidence(req.ctx, reply, await myEvidence(req.ctx, req.query.year)),
    );
  },
});
