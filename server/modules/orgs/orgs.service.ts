import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { canNest, type OrgCategory, type OrgLevel } from '../../../common/org.ts';
import { type MemberCounts, orgWarnings, termDueOn, termYears } from '../../../common/org-rules.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import type { Lang } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { orgLabel } from './org-labels.ts';
import { changedFields, recordHistory } from './org-history.ts';
import { type CommitteeStats, NO_MEMBERS, childSubtreeCounts, committeeStats, directCounts, lastHeldOn, subtreeCounts } from './org-stats.ts';
import type { CreateOrgBody, UpdateOrgBody } from './orgs.schemas.ts';
import { type OrgRow, orgsRepo } from './orgs.repo.ts';
import { organizations } from './orgs.tables.ts';

/** The API shape of an organization row. */
export const orgDto = (o: OrgRow, hasChildren?: boolean, memberCount?: number) => ({
  id: o.id,
  parentId: o.parentId,
  name: o.name,
  shortName: o.shortName,
  level: o.level as OrgLevel,
  category: o.category as OrgCategory | null,
  code: o.code,
  countyCode: o.countyCode,
  depth: o.depth,
  status: o.status,
  ...(hasChildren === undefined ? {} : { hasChildren }),
  ...(memberCount === undefined ? {} : { memberCount }),
});

/** The warnings of an active organization with the caller's words (`lastHeld`: its last activity held, for INACTIVE). */
export function warningsOf(o: OrgRow, counts: MemberCounts, committee: CommitteeStats, subtreeTotal: number, lang: Lang, today = todayIn(), lastHeld: string | null = null) {
  if (o.status !== 'active') return [];
  return orgWarnings({
    level: o.level as OrgLevel,
    category: o.category as OrgCategory | null,
    counts,
    subtreeTotal,
    committeeSize: committee.size,
    hasSecretary: committee.hasSecretary,
    termStart: o.termStart,
    today,
    activity: { lastHeldOn: lastHeld, registeredOn: todayIn(o.createdAt) },
  }).map((w) => ({ ...w, message: orgLabel('warning', w.code, lang, w.params) }));
}

/** One organization with details, direct member counts, subtree total and warnings. */
export async function orgDetail(ctx: Ctx, o: OrgRow, tx: Tx = ctx.services.db) {
  const [counts, committee, subtree, held] = await Promise.all([
    directCounts(tx, o.countyCode, [o.id]),
    committeeStats(tx, o.countyCode, [o.id]),
    subtreeCounts(tx, o.countyCode, [o.id]),
    lastHeldOn(tx, o.countyCode, { orgIds: [o.id] }),
  ]);
  const c = counts.get(o.id) ?? NO_MEMBERS;
  const subtreeMemberCount = subtree.get(o.id) ?? 0;
  return {
    ...orgDto(o),
    address: o.address,
    longitude: o.longitude,
    latitude: o.latitude,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    establishedOn: o.establishedOn,
    termStart: o.termStart,
    termYears: termYears(o.level as OrgLevel, o.category as OrgCategory | null),
    termDueOn: termDueOn(o.level as OrgLevel, o.category as OrgCategory | null, o.termStart),
    dissolvedAt: o.dissolvedAt?.toISOString() ?? null,
    mergedInto: o.mergedInto,
    memberCounts: c,
    subtreeMemberCount,
    warnings: warningsOf(o, c, committee.get(o.id) ?? { size: 0, hasSecretary: false }, subtreeMemberCount, ctx.lang, todayIn(), held.get(o.id) ?? null),
  };
}

/**
 * One level of the tree (or the caller's roots, or a name search), each node with its subtree
 * member count from one grouped query for the whole level.
 */
export async function tree(ctx: Ctx, q: { parentId?: string; q?: string }) {
  const repo = orgsRepo(ctx);
  const db = ctx.services.db;
  const withCounts = async (rows: { org: OrgRow; hasChildren: boolean }[]) => {
    const counts = rows.length ? await subtreeCounts(db, rows[0].org.countyCode, rows.map((r) => r.org.id)) : new Map<string, number>();
    return rows.map((r) => orgDto(r.org, r.hasChildren, counts.get(r.org.id) ?? 0));
  };
  if (q.q) return withCounts(await repo.search(q.q));
  if (!q.parentId) return withCounts(await repo.roots());
  const parent = await repo.byId(q.parentId);
  if (!parent) throw notFound();
  const [rows, counts] = await Promise.all([repo.children(q.parentId), childSubtreeCounts(db, parent)]);
  return rows.map((r) => orgDto(r.org, r.hasChildren, counts.get(r.org.id) ?? 0));
}

/** One organization in scope (dissolved ones too, with their status). */
export async function getOrg(ctx: Ctx, id: string) {
  const o = await orgsRepo(ctx).byId(id);
  if (!o) throw notFound();
  return orgDetail(ctx, o);
}

/** Creates an organization under a parent the caller may write; history and audit. */
export async function createOrg(ctx: Ctx, body: z.infer<typeof CreateOrgBody>) {
  return ctx.services.db.transaction(async (tx) => {
    const parent = await orgsRepo(ctx, 'org.write', tx).byId(body.parentId);
    // A parent outside the write scope is refused like a missing one (mass assignment of orgId).
    if (!parent) throw notFound();
    if (parent.status !== 'active') throw conflict('ORG_DISSOLVED');
    if (!canNest(parent.level as OrgLevel, body.level))
      throw badRequest('ORG_LEVEL_NESTING', [{ path: 'body.level', code: 'ORG_LEVEL_NESTING' }]);
    const id = uuidv7();
    const row = {
      countyCode: parent.countyCode,
      id,
      parentId: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      name: body.name,
      shortName: body.shortName ?? null,
      level: body.level,
      category: body.category ?? parent.category,
      code: body.code ?? null,
    };
    const [created] = await tx.insert(organizations).values(row).returning();
    await recordHistory(ctx, tx, created, 'create', null, { parentId: parent.id, name: row.name, level: row.level, category: row.category, code: row.code });
    await audit(ctx, tx, { action: 'org.create', result: 'success', objectType: 'organization', objectId: id, orgId: id, detail: { name: body.name, level: body.level } });
    return orgDto(created, false);
  });
}

const DETAIL_FIELDS = ['name', 'shortName', 'category', 'address', 'longitude', 'latitude', 'contactName', 'contactPhone', 'establishedOn', 'termStart'] as const;

/** Changes names, category and details of an organization in write scope; history (before/after) and audit. */
export async function updateOrg(ctx: Ctx, id: string, body: z.infer<typeof UpdateOrgBody>) {
  const today = todayIn();
  for (const f of ['establishedOn', 'termStart'] as const)
    if (body[f] && body[f] > today) throw badRequest('DATE_IN_FUTURE', [{ path: `body.${f}`, code: 'DATE_IN_FUTURE' }]);
  const updated = await ctx.services.db.transaction(async (tx) => {
    const o = await orgsRepo(ctx, 'org.write', tx).byId(id);
    if (!o) throw notFound();
    if (o.status !== 'active') throw conflict('ORG_DISSOLVED');
    const lng = body.longitude === undefined ? o.longitude : body.longitude;
    const lat = body.latitude === undefined ? o.latitude : body.latitude;
    if ((lng === null) !== (lat === null))
      throw badRequest('ORG_COORDINATES_PAIR', [{ path: body.longitude === undefined ? 'body.longitude' : 'body.latitude', code: 'ORG_COORDINATES_PAIR' }]);
    const prev = Object.fromEntries(DETAIL_FIELDS.map((k) => [k, o[k]]));
    // Free text never stores an ID number or a mobile number in clear (SECURITY.md 10).
    const clean = { ...body, ...(body.address ? { address: redactSensitive(body.address) } : {}), ...(body.contactName ? { contactName: redactSensitive(body.contactName) } : {}) };
    const [before, after] = changedFields(prev, clean);
    if (Object.keys(after).length === 0) return o;
    const [row] = await tx
      .update(organizations)
      .set({ ...after, updatedAt: new Date() })
      .where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.id, o.id)))
      .returning();
    await recordHistory(ctx, tx, o, 'update', before, after);
    await audit(ctx, tx, { action: 'org.update', result: 'success', objectType: 'organization', objectId: id, orgId: id, detail: { before, after } });
    return row;
  });
  return orgDetail(ctx, updated);
}
