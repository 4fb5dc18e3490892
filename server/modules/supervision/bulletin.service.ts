// The monthly 通报 and the 综合考核 (docs/SUPERVISION.md "Monthly 通报", "综合考核"): the county's
// settings, generating a month's 通报 (a job on the configured day, or by hand) — stored by version,
// with every organization's 综合考核 score of the month, published to the notification centre —
// reading it within the caller's scope, and the assessment views (scores by month and year, an
// organization's history).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { SUPERVISION_DEFAULTS, type WeightTable, rankByScore, weightsFor } from '../../../common/assessment-rules.ts';
import { todayIn } from '../../../common/calendar.ts';
import type { Ctx } from '../../core/access/context.ts';
import { isInSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest, notFound } from '../../core/errors/app-error.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services, Tx } from '../../core/services.ts';
import { viewOrg } from '../dues/monitoring.service.ts';
import { notify } from '../notifications/notify.ts';
import { counties } from '../orgs/orgs.tables.ts';
import { systemOrgs } from '../orgs/orgs.repo.ts';
import { type BulletinContent, buildBulletin } from './bulletin.build.ts';
import type { AssessmentDto, AssessmentOrgDto, AssessmentQuery, BulletinDto, SettingsBody, SettingsDto } from './bulletin.schemas.ts';
import { COMPLIANCE_READ, SUPERVISION_MANAGE } from './compliance.service.ts';
import { orgAssessmentScores, supervisionBulletins, supervisionSettings } from './supervision.tables.ts';

export const BULLETIN_JOB = 'supervision.bulletin';
/** Daily at 06:00 (Asia/Shanghai): on the configured day, the previous month's 通报 when it has none yet. */
export const BULLETIN_CRON = '0 6 * * *';

const rowsOf = <T>(r: unknown) => (r as { rows: T[] }).rows;
type Settings = { bulletinDay: number; minRankedMembers: number; issuer: string; weights: WeightTable; startOn: string | null };

/** The county's settings: its row or the defaults (the issuer from the county's name). */
export async function settingsOf(db: Tx, countyCode: string): Promise<Settings & { custom: boolean }> {
  const [row] = await db.select().from(supervisionSettings).where(eq(supervisionSettings.countyCode, countyCode));
  if (row) return { bulletinDay: row.bulletinDay, minRankedMembers: row.minRankedMembers, issuer: row.issuer, weights: row.weights as WeightTable, startOn: row.startOn, custom: true };
  const [c] = await db.select({ name: counties.name }).from(counties).where(eq(counties.code, countyCode));
  return { ...SUPERVISION_DEFAULTS, issuer: c ? `中共${c.name}委组织部` : SUPERVISION_DEFAULTS.issuer, startOn: null, custom: false };
}

async function canManage(ctx: Ctx, tx: Tx) {
  const root = await systemOrgs.root(tx, ctx.actor?.countyCode ?? '');
  return !!root && ctx.inScope(SUPERVISION_MANAGE, root.path);
}

export async function getSettings(ctx: Ctx): Promise<z.infer<typeof SettingsDto>> {
  const db = ctx.services.db;
  return { ...(await settingsOf(db, ctx.actor?.countyCode ?? '')), editable: await canManage(ctx, db) };
}

export async function updateSettings(ctx: Ctx, body: z.infer<typeof SettingsBody>) {
  const county = ctx.actor?.countyCode ?? '';
  await ctx.services.db.transaction(async (tx) => {
    if (!(await canManage(ctx, tx))) throw new AppError(403, 'SUPERVISION_RULES_COUNTY_ONLY');
    const before = await writeSettings(tx, county, body, ctx.actor?.accountId ?? null);
    await audit(ctx, tx, { action: 'supervision.settings', result: 'success', objectType: 'supervision_settings', objectId: county, detail: { before, after: body } });
  });
  return getSettings(ctx);
}

/** Writes a county's settings over its current ones (or the defaults); returns what they were. */
export async function writeSettings(tx: Tx, county: string, change: Partial<Omit<Settings, 'weights'>> & { weights?: WeightTable }, by: string | null) {
  const { custom: _, ...before } = await settingsOf(tx, county);
  const values = { ...before, ...change, updatedAt: new Date(), updatedBy: by };
  await tx.insert(supervisionSettings).values({ countyCode: county, ...values }).onConflictDoUpdate({ target: supervisionSettings.countyCode, set: values });
  return before;
}

const monthNo = (month: string) => Number(month.slice(5, 7));
const titleOf = (countyName: string, month: string) => `关于${month.slice(0, 4)}年${monthNo(month)}月${countyName}基层党组织组织生活情况的通报`;

/** The day a month's 通报 is judged on: the configured day of the next month, or today when that is still ahead. */
export function bulletinAsOf(month: string, bulletinDay: number, today: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  const day = `${d.toISOString().slice(0, 7)}-${String(bulletinDay).padStart(2, '0')}`;
  return day < today ? day : today;
}

/**
 * Generates a month's 通报 for a county as of a day and stores it as the month's next version, with
 * every organization's 综合考核 score of the month (replacing the month's earlier scores), and
 * notifies the county's and each township's officers. Returns the stored row's id.
 */
export async function generateBulletin(services: Services, countyCode: string, month: string, today: string, by: string): Promise<{ id: string; version: number; content: BulletinContent }> {
  const db = services.db;
  const root = await systemOrgs.root(db, countyCode);
  if (!root) throw notFound();
  const settings = await settingsOf(db, countyCode);
  const asOf = bulletinAsOf(month, settings.bulletinDay, today);
  const content = await buildBulletin(db, root, month, asOf, settings);
  const [c] = await db.select({ name: counties.name }).from(counties).where(eq(counties.code, countyCode));
  const countyName = c?.name ?? root.name;
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext(${`bulletin:${countyCode}:${month}`}))`);
    const [{ v }] = rowsOf<{ v: number }>(await tx.execute(sql`SELECT coalesce(max(version), 0)::int AS v FROM supervision_bulletins WHERE county_code = ${countyCode} AND month = ${month}`));
    const version = Number(v) + 1;
    const id = uuidv7();
    const title = titleOf(countyName, month);
    await tx.insert(supervisionBulletins).values({
      countyCode, id, month, version, serial: `${month.slice(0, 4)}年第${monthNo(month)}期`, title, issuer: settings.issuer, asOf, generatedBy: by, content,
    });
    await tx.delete(orgAssessmentScores).where(and(eq(orgAssessmentScores.countyCode, countyCode), eq(orgAssessmentScores.month, month)));
    for (let i = 0; i < content.branches.length; i += 500) {
      await tx.insert(orgAssessmentScores).values(
        content.branches.slice(i, i + 500).map((b) => ({
          countyCode, month, orgId: b.orgId, category: b.category, members: b.members, score: b.score === null ? null : b.score.toFixed(2), rank: b.rank, indicators: b.indicators,
        })),
      );
    }
    const label = `${month.slice(0, 4)}年${monthNo(month)}月`;
    await notify(tx, [
      { orgId: root.id, name: content.county.name },
      ...content.townships.map((t) => ({ orgId: t.orgId, name: t.name })),
    ].map((o) => ({
      countyCode,
      recipient: { kind: 'org' as const, orgId: o.orgId },
      kind: 'supervision.bulletin',
      severity: 'info' as const,
      title: { 'zh-CN': `${label}组织生活情况通报已发布`, en: `The ${month} bulletin on organizational life is out` },
      body: {
        'zh-CN': `全县评定党组织 ${content.county.orgs.total} 个，其中红色 ${content.county.orgs.red} 个。请查看本单位情况并督促整改。`,
        en: `${content.county.orgs.total} organizations judged, ${content.county.orgs.red} red. Check your organizations and follow up.`,
      },
      params: { month, version },
      link: `/supervision/bulletins/${id}`,
      dedupeKey: `supervision.bulletin:${o.orgId}:${month}:${version}`,
    })));
    return { id, version, content };
  });
}

/** By hand (county administrators at the root): a month that has ended, judged as of its 通报 day (bulletinAsOf). */
export async function generateByHand(ctx: Ctx, month: string) {
  const today = todayIn();
  if (month >= today.slice(0, 7)) throw badRequest('SUPERVISION_BULLETIN_MONTH_OPEN', [{ path: 'body.month', code: 'not_ended' }]);
  if (!(await canManage(ctx, ctx.services.db))) throw new AppError(403, 'SUPERVISION_RULES_COUNTY_ONLY');
  const r = await generateBulletin(ctx.services, ctx.actor?.countyCode ?? '', month, today, ctx.actor?.displayName ?? 'admin');
  await ctx.services.db.transaction((tx) => audit(ctx, tx, { action: 'supervision.bulletin', result: 'success', objectType: 'supervision_bulletin', objectId: r.id, detail: { month, version: r.version } }));
  return getBulletin(ctx, r.id);
}

/** The job: on the configured day, each county's previous month unless it already has a 通报. */
export async function bulletinJob(services: Services, today = todayIn()) {
  const out: { countyCode: string; month: string; id: string }[] = [];
  for (const { code } of await services.db.select({ code: counties.code }).from(counties)) {
    const s = await settingsOf(services.db, code);
    if (Number(today.slice(8, 10)) !== s.bulletinDay) continue;
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
    d.setUTCMonth(d.getUTCMonth() - 1);
    const month = d.toISOString().slice(0, 7);
    const [has] = await services.db.select({ id: supervisionBulletins.id }).from(supervisionBulletins).where(and(eq(supervisionBulletins.countyCode, code), eq(supervisionBulletins.month, month))).limit(1);
    if (has) continue;
    const r = await generateBulletin(services, code, month, today, 'job');
    out.push({ countyCode: code, month, id: r.id });
  }
  return out;
}

export function registerBulletinJob(services: Services) {
  services.jobs.handle(BULLETIN_JOB, async () => {
    for (const r of await bulletinJob(services)) services.log.info(r, `supervision bulletin ${r.countyCode} ${r.month}`);
  });
  services.jobs.schedule({ name: BULLETIN_JOB, cron: BULLETIN_CRON, job: BULLETIN_JOB });
}

const head = (r: typeof supervisionBulletins.$inferSelect) => ({
  id: r.id, month: r.month, version: r.version, serial: r.serial, title: r.title, issuer: r.issuer, asOf: r.asOf, generatedAt: r.generatedAt.toISOString(), generatedBy: r.generatedBy,
});

export async function listBulletins(ctx: Ctx, year?: number) {
  const db = ctx.services.db;
  const county = ctx.actor?.countyCode ?? '';
  const rows = await db
    .select()
    .from(supervisionBulletins)
    .where(and(eq(supervisionBulletins.countyCode, county), year ? sql`${supervisionBulletins.month} LIKE ${`${year}-%`}` : undefined))
    .orderBy(desc(supervisionBulletins.month), desc(supervisionBulletins.version));
  return { items: rows.map(head), canGenerate: await canManage(ctx, db) };
}

/** A 通报 as the caller may read it: the whole county at the root, otherwise the townships and organizations in scope. */
export async function getBulletin(ctx: Ctx, id: string): Promise<z.infer<typeof BulletinDto>> {
  const county = ctx.actor?.countyCode ?? '';
  const [r] = await ctx.services.db.select().from(supervisionBulletins).where(and(eq(supervisionBulletins.countyCode, county), eq(supervisionBulletins.id, id)));
  if (!r) throw notFound();
  const c = r.content as BulletinContent;
  const scope = ctx.scope(COMPLIANCE_READ);
  const inScope = (path: string) => isInSubtree(path, scope);
  const whole = inScope(c.county.path);
  if (!whole && !c.branches.some((b) => inScope(b.path)) && !c.townships.some((t) => inScope(t.path))) throw notFound();
  const strip = <T extends { path: string }>({ path: _, ...x }: T) => x;
  return {
    ...head(r),
    scope: whole ? 'county' : 'part',
    minRankedMembers: c.minRankedMembers,
    county: whole ? strip(c.county) : null,
    townships: c.townships.filter((t) => whole || inScope(t.path)).map(strip),
    branches: c.branches.filter((b) => whole || inScope(b.path)).map(({ path: _, townshipId: __, ...b }) => b),
    redList: c.redList.filter((x) => whole || inScope(x.path)).map(strip),
  };
}

// ---- 综合考核 ------------------------------------------------------------------------------------

const monthsOfYear = (year: number) => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

/** The scores of the organizations of a subtree by month of a year, and the year's score (mean of the months scored) and rank. */
export async function assessment(ctx: Ctx, q: z.infer<typeof AssessmentQuery>): Promise<z.infer<typeof AssessmentDto>> {
  const o = await viewOrg(ctx, COMPLIANCE_READ, q.orgId);
  const year = q.year ?? Number(todayIn().slice(0, 4));
  const months = monthsOfYear(year);
  const like = `${o.path.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
  const rows = rowsOf<{ org_id: string; name: string; level: string; category: string | null; month: string; members: number; score: string | null; rank: number | null }>(
    await ctx.services.db.execute(sql`
      SELECT s.org_id, g.name, g.level, s.category, s.month, s.members, s.score, s.rank
        FROM org_assessment_scores s JOIN organizations g ON g.county_code = s.county_code AND g.id = s.org_id
       WHERE s.county_code = ${o.countyCode} AND s.month LIKE ${`${year}-%`} AND g.path LIKE ${like}
       ORDER BY g.path`),
  );
  const settings = await settingsOf(ctx.services.db, o.countyCode);
  const byOrg = new Map<string, { orgId: string; name: string; level: string; category: string | null; members: number; scores: (number | null)[]; ranks: (number | null)[] }>();
  for (const r of rows) {
    const x = byOrg.get(r.org_id) ?? { orgId: r.org_id, name: r.name, level: r.level, category: r.category, members: 0, scores: months.map(() => null), ranks: months.map(() => null) };
    byOrg.set(r.org_id, x);
    const i = months.indexOf(r.month);
    x.scores[i] = r.score === null ? null : Number(r.score);
    x.ranks[i] = r.rank === null ? null : Number(r.rank);
    x.members = Math.max(x.members, Number(r.members));
  }
  const list = [...byOrg.values()].map((x) => {
    const scored = x.scores.filter((s): s is number => s !== null);
    return { ...x, yearScore: scored.length ? Math.round((scored.reduce((a, b) => a + b, 0) / scored.length) * 100) / 100 : null };
  });
  const ranks = rankByScore(list.map((x) => ({ score: x.yearScore, members: x.members })), settings.minRankedMembers);
  return { org: { id: o.id, name: o.name, level: o.level }, year, months, rows: list.map((x, i) => ({ ...x, yearRank: ranks[i] })) };
}

/** One organization's monthly scores, ranks and indicators over the last `months` months (history and trend). */
export async function assessmentOfOrg(ctx: Ctx, id: string, months: number): Promise<z.infer<typeof AssessmentOrgDto>> {
  const o = await viewOrg(ctx, COMPLIANCE_READ, id);
  const rows = await ctx.services.db
    .select()
    .from(orgAssessmentScores)
    .where(and(eq(orgAssessmentScores.countyCode, o.countyCode), eq(orgAssessmentScores.orgId, o.id)))
    .orderBy(desc(orgAssessmentScores.month))
    .limit(months);
  const settings = await settingsOf(ctx.services.db, o.countyCode);
  return {
    org: { id: o.id, name: o.name, level: o.level, category: o.category },
    weights: weightsFor(settings.weights, o.category),
    history: rows.reverse().map((r) => ({ month: r.month, members: r.members, score: r.score === null ? null : Number(r.score), rank: r.rank, indicators: r.indicators as z.infer<typeof AssessmentOrgDto>['history'][number]['indicators'] })),
  };
}
