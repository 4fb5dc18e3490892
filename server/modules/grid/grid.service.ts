// Grids, their workers and members, households and 党员联户 links (docs/GRID.md "Model").
import { and, asc, count, eq, inArray, like, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { todayIn } from '../../../common/calendar.ts';
import { maskPhone } from '../../../common/mask.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { audit } from '../../core/audit/audit.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { accounts } from '../auth/auth.tables.ts';
import { normalizePhone, phoneColumns } from '../members/member-row.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import type {
  GridCreateBody,
  GridListQuery,
  GridPatchBody,
  HouseholdCreateBody,
  HouseholdListQuery,
  HouseholdPatchBody,
  LinkBody,
  MembersBody,
  WorkersBody,
} from './grid.schemas.ts';
import { type GridLevel, gridEvents, gridHouseholdLinks, gridHouseholds, gridMembers, gridWorkers, grids } from './grid.tables.ts';

/** Read grids, households and the events of townships in scope (county, township administrators, grid workers). */
export const GRID_READ = 'grid.read';
/** Create, change and delete grids; assign grid workers and members. */
export const GRID_MANAGE = 'grid.manage';
/** Record households and 党员联户 links. */
export const GRID_HOUSEHOLD = 'grid.household';

export const countyOf = (ctx: Ctx) => ctx.actor?.countyCode ?? '';
const like_ = (p: string) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The parent level each level must sit under (a township-level grid has none). */
const PARENT_LEVEL: Record<GridLevel, GridLevel | null> = { township: null, community: 'township', grid: 'community' };

type GridRow = typeof grids.$inferSelect;

/** One grid whose organization lies in the caller's scope for `perm`, with its organization; else 404. */
export async function gridInScope(ctx: Ctx, perm: string, id: string, tx: Tx = ctx.services.db) {
  const [row] = await tx
    .select({ grid: grids, orgName: organizations.name, orgPath: organizations.path })
    .from(grids)
    .innerJoin(organizations, and(eq(organizations.countyCode, grids.countyCode), eq(organizations.id, grids.orgId)))
    .where(and(eq(grids.countyCode, countyOf(ctx)), eq(grids.id, id), inSubtree(organizations.path, ctx.scope(perm))));
  if (!row) throw notFound();
  return row;
}

const gridDto = (g: GridRow, orgName: string) => ({
  id: g.id,
  parentId: g.parentId,
  level: g.level,
  name: g.name,
  code: g.code,
  orgId: g.orgId,
  orgName,
  boundary: (g.boundary ?? null) as never,
  createdAt: g.createdAt,
});

/** Grids in scope, filtered by organization subtree, parent and level. */
export async function listGrids(ctx: Ctx, q: z.infer<typeof GridListQuery>) {
  const db = ctx.services.db;
  const conds = [eq(grids.countyCode, countyOf(ctx)), inSubtree(organizations.path, ctx.scope(GRID_READ))];
  if (q.orgId) {
    const o = await orgsRepo(ctx, GRID_READ).byId(q.orgId);
    if (!o) throw notFound();
    conds.push(like(organizations.path, like_(o.path)));
  }
  if (q.parentId) conds.push(eq(grids.parentId, q.parentId));
  if (q.level) conds.push(eq(grids.level, q.level));
  const where = and(...conds);
  const join = and(eq(organizations.countyCode, grids.countyCode), eq(organizations.id, grids.orgId));
  const { limit, offset } = limitOffset(q);
  const rows = await db.select({ grid: grids, orgName: organizations.name }).from(grids).innerJoin(organizations, join).where(where).orderBy(asc(grids.path), asc(grids.name)).limit(limit).offset(offset);
  const [{ n }] = await db.select({ n: count() }).from(grids).innerJoin(organizations, join).where(where);
  return { items: rows.map((r) => gridDto(r.grid, r.orgName)), total: Number(n) };
}

/** A grid with its trail, workers, members and counts. */
export async function getGrid(ctx: Ctx, id: string) {
  const { grid: g, orgName } = await gridInScope(ctx, GRID_READ, id);
  const db = ctx.services.db;
  const county = countyOf(ctx);
  const ids = g.path.split('/').filter(Boolean);
  const trailRows = await db.select({ id: grids.id, name: grids.name, level: grids.level }).from(grids).where(and(eq(grids.countyCode, county), inArray(grids.id, ids)));
  const trail = ids.map((x) => trailRows.find((r) => r.id === x)).filter((r) => !!r);
  const workers = await db
    .select({ accountId: gridWorkers.accountId, displayName: accounts.displayName, since: gridWorkers.since })
    .from(gridWorkers)
    .innerJoin(accounts, and(eq(accounts.countyCode, gridWorkers.countyCode), eq(accounts.id, gridWorkers.accountId)))
    .where(and(eq(gridWorkers.countyCode, county), eq(gridWorkers.gridId, id)))
    .orderBy(asc(accounts.displayName));
  const mems = await db
    .select({ memberId: gridMembers.memberId, name: members.name, since: gridMembers.since })
    .from(gridMembers)
    .innerJoin(members, and(eq(members.countyCode, gridMembers.countyCode), eq(members.id, gridMembers.memberId)))
    .where(and(eq(gridMembers.countyCode, county), eq(gridMembers.gridId, id)))
    .orderBy(asc(members.name));
  const [{ c }] = await db.select({ c: count() }).from(grids).where(and(eq(grids.countyCode, county), eq(grids.parentId, id)));
  const [{ h }] = await db.select({ h: count() }).from(gridHouseholds).where(and(eq(gridHouseholds.countyCode, county), eq(gridHouseholds.gridId, id)));
  return { ...gridDto(g, orgName), trail, workers, members: mems, children: Number(c), households: Number(h) };
}

async function codeFree(tx: Tx, county: string, code: string | null | undefined, exceptId?: string) {
  if (!code) return;
  const [row] = await tx.select({ id: grids.id }).from(grids).where(and(eq(grids.countyCode, county), eq(grids.code, code)));
  if (row && row.id !== exceptId) throw new AppError(409, 'GRID_CODE_TAKEN', { code }, [{ path: 'body.code', code: 'GRID_CODE_TAKEN' }]);
}

/**
 * Creates a grid: its organization must be in the caller's scope; a community sits under a township
 * grid and a grid under a community, each with an organization in the parent's organization subtree.
 */
export async function createGrid(ctx: Ctx, body: z.infer<typeof GridCreateBody>) {
  const county = countyOf(ctx);
  const org = await orgsRepo(ctx, GRID_MANAGE).byId(body.orgId);
  if (!org) throw notFound();
  return ctx.services.db.transaction(async (tx) => {
    const want = PARENT_LEVEL[body.level];
    let parentPath = '/';
    if (want === null) {
      if (body.parentId) throw badRequest('GRID_PARENT_LEVEL', [{ path: 'body.parentId', code: 'GRID_PARENT_LEVEL' }]);
    } else {
      if (!body.parentId) throw badRequest('GRID_PARENT_LEVEL', [{ path: 'body.parentId', code: 'GRID_PARENT_LEVEL' }]);
      const [p] = await tx
        .select({ grid: grids, orgPath: organizations.path })
        .from(grids)
        .innerJoin(organizations, and(eq(organizations.countyCode, grids.countyCode), eq(organizations.id, grids.orgId)))
        .where(and(eq(grids.countyCode, county), eq(grids.id, body.parentId)));
      if (!p) throw badRequest('GRID_PARENT_UNKNOWN', [{ path: 'body.parentId', code: 'GRID_PARENT_UNKNOWN' }]);
      if (p.grid.level !== want) throw badRequest('GRID_PARENT_LEVEL', [{ path: 'body.parentId', code: 'GRID_PARENT_LEVEL' }]);
      if (!org.path.startsWith(p.orgPath)) throw badRequest('GRID_ORG_OUTSIDE_PARENT', [{ path: 'body.orgId', code: 'GRID_ORG_OUTSIDE_PARENT' }]);
      parentPath = p.grid.path;
    }
    await codeFree(tx, county, body.code);
    const id = uuidv7();
    const [g] = await tx
      .insert(grids)
      .values({ countyCode: county, id, parentId: body.parentId ?? null, path: `${parentPath}${id}/`, level: body.level, name: body.name, code: body.code ?? null, orgId: org.id, boundary: body.boundary ?? null })
      .returning();
    await audit(ctx, tx, { action: 'grid.create', result: 'success', objectType: 'grid', objectId: id, orgId: org.id, detail: { name: body.name, level: body.level } });
    return gridDto(g, org.name);
  });
}

/** Renames a grid, changes its code or boundary. */
export async function patchGrid(ctx: Ctx, id: string, body: z.infer<typeof GridPatchBody>) {
  const { grid, orgName } = await gridInScope(ctx, GRID_MANAGE, id);
  return ctx.services.db.transaction(async (tx) => {
    if (body.code !== undefined) await codeFree(tx, grid.countyCode, body.code, id);
    const [g] = await tx
      .update(grids)
      .set({ ...(body.name !== undefined ? { name: body.name } : {}), ...(body.code !== undefined ? { code: body.code } : {}), ...(body.boundary !== undefined ? { boundary: body.boundary } : {}), updatedAt: new Date() })
      .where(and(eq(grids.countyCode, grid.countyCode), eq(grids.id, id)))
      .returning();
    await audit(ctx, tx, { action: 'grid.update', result: 'success', objectType: 'grid', objectId: id, orgId: grid.orgId, detail: { fields: Object.keys(body) } });
    return gridDto(g, orgName);
  });
}

/** Deletes a grid that has no child grid, household or event (its worker and member assignments go with it). */
export async function deleteGrid(ctx: Ctx, id: string) {
  const { grid } = await gridInScope(ctx, GRID_MANAGE, id);
  const county = grid.countyCode;
  await ctx.services.db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(grids).where(and(eq(grids.countyCode, county), eq(grids.parentId, id)));
    const [{ h }] = await tx.select({ h: count() }).from(gridHouseholds).where(and(eq(gridHouseholds.countyCode, county), eq(gridHouseholds.gridId, id)));
    const [{ e }] = await tx.select({ e: count() }).from(gridEvents).where(and(eq(gridEvents.countyCode, county), eq(gridEvents.gridId, id)));
    if (Number(n) + Number(h) + Number(e) > 0) throw conflict('GRID_IN_USE', { children: Number(n), households: Number(h), events: Number(e) });
    await tx.delete(gridWorkers).where(and(eq(gridWorkers.countyCode, county), eq(gridWorkers.gridId, id)));
    await tx.delete(gridMembers).where(and(eq(gridMembers.countyCode, county), eq(gridMembers.gridId, id)));
    await tx.delete(grids).where(and(eq(grids.countyCode, county), eq(grids.id, id)));
    await audit(ctx, tx, { action: 'grid.delete', result: 'success', objectType: 'grid', objectId: id, orgId: grid.orgId, detail: { name: grid.name } });
  });
}

/**
 * Replaces a grid's workers: accounts of the county whose organization is in the caller's scope and
 * that hold the grid_worker role or are member accounts.
 */
export async function setWorkers(ctx: Ctx, id: string, body: z.infer<typeof WorkersBody>) {
  const { grid } = await gridInScope(ctx, GRID_MANAGE, id);
  const county = grid.countyCode;
  const wanted = [...new Set(body.accountIds)];
  const db = ctx.services.db;
  const found = wanted.length
    ? await db
        .select({ id: accounts.id, kind: accounts.kind, gridRole: sql<boolean>`exists (select 1 from grants g where g.county_code = ${county} and g.account_id = "accounts"."id" and g.role = 'grid_worker')` })
        .from(accounts)
        .innerJoin(organizations, and(eq(organizations.countyCode, accounts.countyCode), eq(organizations.id, accounts.orgId)))
        .where(and(eq(accounts.countyCode, county), inArray(accounts.id, wanted), inSubtree(organizations.path, ctx.scope(GRID_MANAGE))))
    : [];
  const problems = body.accountIds
    .map((a, i) => ({ a, i, f: found.find((x) => x.id === a) }))
    .filter(({ f }) => !f || !(f.kind === 'member' || f.gridRole))
    .map(({ i }) => ({ path: `body.accountIds.${i}`, code: 'GRID_WORKER_INVALID' }));
  if (problems.length) throw badRequest('GRID_WORKER_INVALID', problems);
  const since = todayIn();
  await db.transaction(async (tx) => {
    const before = await tx.select({ a: gridWorkers.accountId }).from(gridWorkers).where(and(eq(gridWorkers.countyCode, county), eq(gridWorkers.gridId, id)));
    const gone = before.map((b) => b.a).filter((a) => !wanted.includes(a));
    if (gone.length) await tx.delete(gridWorkers).where(and(eq(gridWorkers.countyCode, county), eq(gridWorkers.gridId, id), inArray(gridWorkers.accountId, gone)));
    if (wanted.length) await tx.insert(gridWorkers).values(wanted.map((accountId) => ({ countyCode: county, gridId: id, accountId, since }))).onConflictDoNothing();
    await audit(ctx, tx, { action: 'grid.workers', result: 'success', objectType: 'grid', objectId: id, orgId: grid.orgId, detail: { accounts: wanted.length, removed: gone.length } });
  });
  return getGrid(ctx, id);
}

/** Members in the caller's scope for `perm` among `ids`, or the field problems of the others. */
async function membersInScope(ctx: Ctx, perm: string, ids: readonly string[], field: (i: number) => string) {
  const found = ids.length
    ? await ctx.services.db
        .select({ id: members.id, name: members.name })
        .from(members)
        .innerJoin(organizations, and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId)))
        .where(and(eq(members.countyCode, countyOf(ctx)), inArray(members.id, [...ids]), inSubtree(organizations.path, ctx.scope(perm))))
    : [];
  const problems = ids.map((m, i) => (found.some((f) => f.id === m) ? null : { path: field(i), code: 'GRID_MEMBER_INVALID' })).filter((p) => !!p);
  if (problems.length) throw badRequest('GRID_MEMBER_INVALID', problems);
  return found;
}

/** Assigns members to a grid; a member already in another grid moves (a member is in at most one grid). */
export async function addMembers(ctx: Ctx, id: string, body: z.infer<typeof MembersBody>) {
  const { grid } = await gridInScope(ctx, GRID_MANAGE, id);
  await membersInScope(ctx, GRID_MANAGE, body.memberIds, (i) => `body.memberIds.${i}`);
  const since = todayIn();
  const ids = [...new Set(body.memberIds)];
  await ctx.services.db.transaction(async (tx) => {
    await tx
      .insert(gridMembers)
      .values(ids.map((memberId) => ({ countyCode: grid.countyCode, memberId, gridId: id, since })))
      .onConflictDoUpdate({ target: [gridMembers.countyCode, gridMembers.memberId], set: { gridId: id, since }, setWhere: sql`grid_members.grid_id <> ${id}` });
    await audit(ctx, tx, { action: 'grid.members', result: 'success', objectType: 'grid', objectId: id, orgId: grid.orgId, detail: { added: ids.length } });
  });
  return getGrid(ctx, id);
}

/** Takes a member out of a grid. */
export async function removeMember(ctx: Ctx, id: string, memberId: string) {
  const { grid } = await gridInScope(ctx, GRID_MANAGE, id);
  await ctx.services.db.transaction(async (tx) => {
    const gone = await tx.delete(gridMembers).where(and(eq(gridMembers.countyCode, grid.countyCode), eq(gridMembers.gridId, id), eq(gridMembers.memberId, memberId))).returning();
    if (!gone.length) throw notFound();
    await audit(ctx, tx, { action: 'grid.member_remove', result: 'success', objectType: 'grid', objectId: id, orgId: grid.orgId, detail: { memberId } });
  });
}

// --- Households and 党员联户

/** A phone as stored (encrypted) or a 400 naming the field when it is not a mobile number. */
function phoneOrFail(ctx: Ctx, raw: string | null | undefined, path: string) {
  if (!raw) return phoneColumns(ctx.services.keys, null);
  const p = normalizePhone(raw);
  if (!p) throw badRequest('GRID_PHONE_INVALID', [{ path, code: 'GRID_PHONE_INVALID' }]);
  return phoneColumns(ctx.services.keys, p);
}

/** A stored phone, masked (the tail alone is kept readable without the key). */
export const maskedPhone = (ctx: Ctx, enc: string | null) => (enc ? maskPhone(decryptField(ctx.services.keys, enc)) : null);

type HouseholdRow = typeof gridHouseholds.$inferSelect;

async function householdDtos(ctx: Ctx, rows: { h: HouseholdRow; gridName: string }[]) {
  const ids = rows.map((r) => r.h.id);
  const links = ids.length
    ? await ctx.services.db
        .select({ householdId: gridHouseholdLinks.householdId, memberId: gridHouseholdLinks.memberId, name: members.name, since: gridHouseholdLinks.since })
        .from(gridHouseholdLinks)
        .innerJoin(members, and(eq(members.countyCode, gridHouseholdLinks.countyCode), eq(members.id, gridHouseholdLinks.memberId)))
        .where(and(eq(gridHouseholdLinks.countyCode, countyOf(ctx)), inArray(gridHouseholdLinks.householdId, ids)))
        .orderBy(asc(members.name))
    : [];
  return rows.map(({ h, gridName }) => ({
    id: h.id,
    gridId: h.gridId,
    gridName,
    address: h.address,
    headName: h.headName,
    phone: maskedPhone(ctx, h.phoneEnc),
    links: links.filter((l) => l.householdId === h.id).map(({ memberId, name, since }) => ({ memberId, name, since })),
  }));
}

const householdJoin = () => [
  and(eq(grids.countyCode, gridHouseholds.countyCode), eq(grids.id, gridHouseholds.gridId)),
  and(eq(organizations.countyCode, grids.countyCode), eq(organizations.id, grids.orgId)),
] as const;

async function householdInScope(ctx: Ctx, perm: string, id: string, tx: Tx = ctx.services.db) {
  const [gj, oj] = householdJoin();
  const [row] = await tx
    .select({ h: gridHouseholds, gridName: grids.name, orgId: grids.orgId })
    .from(gridHouseholds)
    .innerJoin(grids, gj)
    .innerJoin(organizations, oj)
    .where(and(eq(gridHouseholds.countyCode, countyOf(ctx)), eq(gridHouseholds.id, id), inSubtree(organizations.path, ctx.scope(perm))));
  if (!row) throw notFound();
  return row;
}

/** Households in scope, of a grid's subtree and/or linked to a member. */
export async function listHouseholds(ctx: Ctx, q: z.infer<typeof HouseholdListQuery>) {
  const db = ctx.services.db;
  const county = countyOf(ctx);
  const conds = [eq(gridHouseholds.countyCode, county), inSubtree(organizations.path, ctx.scope(GRID_READ))];
  if (q.gridId) {
    const { grid } = await gridInScope(ctx, GRID_READ, q.gridId);
    conds.push(like(grids.path, like_(grid.path)));
  }
  if (q.memberId)
    conds.push(sql`exists (select 1 from grid_household_links l where l.county_code = ${county} and l.household_id = "grid_households"."id" and l.member_id = ${q.memberId})`);
  const [gj, oj] = householdJoin();
  const where = and(...conds);
  const { limit, offset } = limitOffset(q);
  const rows = await db
    .select({ h: gridHouseholds, gridName: grids.name })
    .from(gridHouseholds)
    .innerJoin(grids, gj)
    .innerJoin(organizations, oj)
    .where(where)
    .orderBy(asc(gridHouseholds.address), asc(gridHouseholds.id))
    .limit(limit)
    .offset(offset);
  const [{ n }] = await db.select({ n: count() }).from(gridHouseholds).innerJoin(grids, gj).innerJoin(organizations, oj).where(where);
  return { items: await householdDtos(ctx, rows), total: Number(n) };
}

export async function getHousehold(ctx: Ctx, id: string) {
  const row = await householdInScope(ctx, GRID_READ, id);
  return (await householdDtos(ctx, [row]))[0];
}

export async function createHousehold(ctx: Ctx, body: z.infer<typeof HouseholdCreateBody>) {
  const { grid } = await gridInScope(ctx, GRID_HOUSEHOLD, body.gridId);
  const phone = phoneOrFail(ctx, body.phone, 'body.phone');
  const id = uuidv7();
  await ctx.services.db.transaction(async (tx) => {
    await tx.insert(gridHouseholds).values({ countyCode: grid.countyCode, id, gridId: grid.id, address: body.address, headName: body.headName, ...phone });
    await audit(ctx, tx, { action: 'grid.household_create', result: 'success', objectType: 'grid_household', objectId: id, orgId: grid.orgId });
  });
  return getHousehold(ctx, id);
}

export async function patchHousehold(ctx: Ctx, id: string, body: z.infer<typeof HouseholdPatchBody>) {
  const row = await householdInScope(ctx, GRID_HOUSEHOLD, id);
  const phone = body.phone !== undefined ? phoneOrFail(ctx, body.phone, 'body.phone') : {};
  await ctx.services.db.transaction(async (tx) => {
    await tx
      .update(gridHouseholds)
      .set({ ...(body.address !== undefined ? { address: body.address } : {}), ...(body.headName !== undefined ? { headName: body.headName } : {}), ...phone, updatedAt: new Date() })
      .where(and(eq(gridHouseholds.countyCode, row.h.countyCode), eq(gridHouseholds.id, id)));
    await audit(ctx, tx, { action: 'grid.household_update', result: 'success', objectType: 'grid_household', objectId: id, orgId: row.orgId, detail: { fields: Object.keys(body) } });
  });
  return getHousehold(ctx, id);
}

/** Links a member to a household (党员联户); both in the caller's scope. Linking again changes the date. */
export async function link(ctx: Ctx, body: z.infer<typeof LinkBody>) {
  const row = await householdInScope(ctx, GRID_HOUSEHOLD, body.householdId);
  await membersInScope(ctx, GRID_HOUSEHOLD, [body.memberId], () => 'body.memberId');
  const since = body.since ?? todayIn();
  await ctx.services.db.transaction(async (tx) => {
    await tx
      .insert(gridHouseholdLinks)
      .values({ countyCode: row.h.countyCode, memberId: body.memberId, householdId: body.householdId, since })
      .onConflictDoUpdate({ target: [gridHouseholdLinks.countyCode, gridHouseholdLinks.memberId, gridHouseholdLinks.householdId], set: { since } });
    await audit(ctx, tx, { action: 'grid.link', result: 'success', objectType: 'grid_household', objectId: body.householdId, orgId: row.orgId, detail: { memberId: body.memberId } });
  });
  return { memberId: body.memberId, householdId: body.householdId, since };
}

export async function unlink(ctx: Ctx, memberId: string, householdId: string) {
  const row = await householdInScope(ctx, GRID_HOUSEHOLD, householdId);
  await ctx.services.db.transaction(async (tx) => {
    const gone = await tx
      .delete(gridHouseholdLinks)
      .where(and(eq(gridHouseholdLinks.countyCode, row.h.countyCode), eq(gridHouseholdLinks.memberId, memberId), eq(gridHouseholdLinks.householdId, householdId)))
      .returning();
    if (!gone.length) throw notFound();
    await audit(ctx, tx, { action: 'grid.unlink', result: 'success', objectType: 'grid_household', objectId: householdId, orgId: row.orgId, detail: { memberId } });
  });
}
