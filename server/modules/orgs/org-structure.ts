import { and, count, eq, inArray, isNull, like, ne, notInArray, sql } from 'drizzle-orm';
import { todayIn } from '../../../common/calendar.ts';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import { canNest, type OrgLevel } from '../../../common/org.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, badRequest, conflict, notFound } from '../../core/errors/app-error.ts';
import type { Tx } from '../../core/services.ts';
import { accounts, grants } from '../auth/auth.tables.ts';
import { appendFileEvents, fileActor } from '../members/member-file.ts';
import { redactSensitive } from '../members/member-validate.ts';
import { members } from '../members/members.tables.ts';
import { applicants } from '../pipeline/pipeline.tables.ts';
import { endPositions } from './committee.ts';
import { recordHistory } from './org-history.ts';
import { orgDetail } from './orgs.service.ts';
import { type OrgRow, orgsRepo, systemOrgs } from './orgs.repo.ts';
import { organizations, orgTodos } from './orgs.tables.ts';

// Structure changes of the tree: move, merge, dissolve. Each runs in one transaction under a
// per-county lock (two concurrent moves could otherwise build a cycle), rewrites the paths of whole
// subtrees with one statement, and records history on every organization it changes.

/** Serializes structure changes of one county's tree until the transaction ends. */
const lockTree = (tx: Tx, county: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`org-tree:${county}`}))`);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Rewrites the paths and depths of every organization under `oldPrefix` to hang under `newPrefix`. */
async function rewritePaths(tx: Tx, county: string, oldPrefix: string, newPrefix: string, depthDelta: number) {
  await tx
    .update(organizations)
    .set({
      path: sql`${newPrefix} || substr(${organizations.path}, ${oldPrefix.length + 1}::int)`,
      depth: sql`${organizations.depth} + ${depthDelta}::int`,
      updatedAt: new Date(),
    })
    .where(and(eq(organizations.countyCode, county), like(organizations.path, `${escapeLike(oldPrefix)}%`)));
}

/** Cached sessions of accounts granted inside a subtree reload, so their scope follows the move. */
async function refreshGrantsUnder(ctx: Ctx, county: string, path: string) {
  const rows = await ctx.services.db
    .selectDistinct({ accountId: grants.accountId })
    .from(grants)
    .innerJoin(organizations, and(eq(organizations.countyCode, grants.countyCode), eq(organizations.id, grants.orgId)))
    .where(and(eq(grants.countyCode, county), like(organizations.path, `${escapeLike(path)}%`)));
  for (const r of rows) ctx.services.events.emit('account.changed', r.accountId);
}

/** Login accounts of moved members follow them: home organization and their `member` grant. */
async function moveMemberAccounts(tx: Tx, county: string, fromId: string, toId: string, memberIds: string[]) {
  if (memberIds.length === 0) return [];
  const moved = await tx
    .update(accounts)
    .set({ orgId: toId, updatedAt: new Date() })
    .where(and(eq(accounts.countyCode, county), inArray(accounts.memberId, memberIds)))
    .returning({ id: accounts.id });
  const ids = moved.map((a) => a.id);
  if (ids.length > 0)
    await tx.update(grants).set({ orgId: toId }).where(and(eq(grants.countyCode, county), eq(grants.role, 'member'), eq(grants.orgId, fromId), inArray(grants.accountId, ids)));
  return ids;
}

/** Reads an organization again after a change the caller was allowed to make (its path may have moved). */
const reread = async (ctx: Ctx, id: string) => (await systemOrgs.byId(ctx.services.db, ctx.actor?.countyCode ?? '', id))!;

/** The organization and the other one named in the request, both in write scope and active. */
async function pair(ctx: Ctx, tx: Tx, id: string, otherId: string) {
  const repo = orgsRepo(ctx, 'org.write', tx);
  const o = await repo.byId(id);
  const other = await repo.byId(otherId);
  if (!o || !other) throw notFound();
  if (o.depth === 0) throw conflict('ORG_IS_ROOT');
  if (o.status !== 'active' || other.status !== 'active') throw conflict('ORG_DISSOLVED');
  return { o, other };
}

/**
 * Moves an organization with its whole subtree under a new parent. Both must be in the caller's
 * write scope; never under itself or a descendant; the level must nest under the parent's.
 */
export async function moveOrg(ctx: Ctx, id: string, parentId: string) {
  const moved = await ctx.services.db.transaction(async (tx) => {
    await lockTree(tx, ctx.actor?.countyCode ?? '');
    const { o, other: parent } = await pair(ctx, tx, id, parentId);
    if (o.parentId === parent.id) return null;
    if (parent.path.startsWith(o.path)) throw conflict('ORG_MOVE_CYCLE');
    if (!canNest(parent.level as OrgLevel, o.level as OrgLevel)) throw badRequest('ORG_LEVEL_NESTING', [{ path: 'body.parentId', code: 'ORG_LEVEL_NESTING' }]);
    const newPath = `${parent.path}${o.id}/`;
    await rewritePaths(tx, o.countyCode, o.path, newPath, parent.depth + 1 - o.depth);
    await tx.update(organizations).set({ parentId: parent.id }).where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.id, o.id)));
    const before = { parentId: o.parentId, path: o.path, depth: o.depth };
    const after = { parentId: parent.id, parentName: parent.name, path: newPath, depth: parent.depth + 1 };
    await recordHistory(ctx, tx, o, 'move', before, after);
    await audit(ctx, tx, { action: 'org.move', result: 'success', objectType: 'organization', objectId: o.id, orgId: o.id, detail: { from: o.parentId, to: parent.id } });
    return newPath;
  });
  const o = await reread(ctx, id);
  if (moved) await refreshGrantsUnder(ctx, o.countyCode, moved);
  return orgDetail(ctx, o);
}

/**
 * Merges an organization into another: its members, open to-dos and development records move to
 * the target, its active children (with their subtrees) hang under the target, its committee
 * positions end, and it is dissolved with `merged_into` set. History on both; audited.
 */
export async function mergeOrg(ctx: Ctx, id: string, intoId: string) {
  const today = todayIn();
  const result = await ctx.services.db.transaction(async (tx) => {
    await lockTree(tx, ctx.actor?.countyCode ?? '');
    if (id === intoId) {
      if (!(await orgsRepo(ctx, 'org.write', tx).byId(id))) throw notFound();
      throw conflict('ORG_MERGE_SELF');
    }
    const { o, other: target } = await pair(ctx, tx, id, intoId);
    if (target.path.startsWith(o.path)) throw conflict('ORG_MERGE_INTO_DESCENDANT');
    const children = await tx
      .select()
      .from(organizations)
      .where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.parentId, o.id), eq(organizations.status, 'active')));
    const misfit = children.find((c) => !canNest(target.level as OrgLevel, c.level as OrgLevel));
    if (misfit) throw new AppError(400, 'ORG_LEVEL_NESTING', {}, [{ path: 'body.intoId', code: 'ORG_LEVEL_NESTING', params: { child: misfit.name } }]);
    const county = o.countyCode;
    for (const c of children) {
      await rewritePaths(tx, county, c.path, `${target.path}${c.id}/`, target.depth - o.depth);
      await tx.update(organizations).set({ parentId: target.id }).where(and(eq(organizations.countyCode, county), eq(organizations.id, c.id)));
    }
    const moved = await tx
      .update(members)
      .set({ orgId: target.id, updatedAt: new Date() })
      .where(and(eq(members.countyCode, county), eq(members.orgId, o.id)))
      .returning({ id: members.id });
    await appendFileEvents(
      tx,
      fileActor(ctx),
      moved.map((m) => ({
        countyCode: county, memberId: m.id, section: 'transfer' as const, type: 'org_merged', occurredOn: today, orgId: target.id, source: 'orgs',
        title: `所在组织${o.name}并入${target.name}`, detail: { fromOrgId: o.id, fromOrgName: o.name, toOrgId: target.id, toOrgName: target.name },
      })),
    );
    const memberAccounts = await moveMemberAccounts(tx, county, o.id, target.id, moved.map((m) => m.id));
    await endPositions(ctx, tx, o, today, '组织合并');
    await tx.update(orgTodos).set({ orgId: target.id }).where(and(eq(orgTodos.countyCode, county), eq(orgTodos.orgId, o.id), eq(orgTodos.status, 'open')));
    await tx.update(applicants).set({ orgId: target.id, updatedAt: new Date() }).where(and(eq(applicants.countyCode, county), eq(applicants.orgId, o.id)));
    await tx
      .update(organizations)
      .set({ status: 'dissolved', dissolvedAt: new Date(), mergedInto: target.id, updatedAt: new Date() })
      .where(and(eq(organizations.countyCode, county), eq(organizations.id, o.id)));
    const figures = { members: moved.length, children: children.map((c) => c.id) };
    await recordHistory(ctx, tx, o, 'merge', { status: 'active' }, { status: 'dissolved', mergedInto: target.id, mergedIntoName: target.name, ...figures });
    await recordHistory(ctx, tx, target, 'merged_in', null, { fromOrgId: o.id, fromOrgName: o.name, ...figures });
    await audit(ctx, tx, { action: 'org.merge', result: 'success', objectType: 'organization', objectId: o.id, orgId: target.id, detail: { into: target.id, ...figures } });
    return { o, target, movedChildren: children.length > 0, memberAccounts };
  });
  if (result.movedChildren) await refreshGrantsUnder(ctx, result.o.countyCode, result.target.path);
  for (const id of result.memberAccounts) ctx.services.events.emit('account.changed', id);
  return orgDetail(ctx, await reread(ctx, id));
}

/** Active members, active children and open development records of an organization. */
async function occupancy(tx: Tx, o: OrgRow) {
  const [[m], [c], [a]] = await Promise.all([
    tx.select({ n: count() }).from(members).where(and(eq(members.countyCode, o.countyCode), eq(members.orgId, o.id), inArray(members.standing, [...ACTIVE_STANDINGS]))),
    tx.select({ n: count() }).from(organizations).where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.parentId, o.id), eq(organizations.status, 'active'))),
    tx.select({ n: count() }).from(applicants).where(and(eq(applicants.countyCode, o.countyCode), eq(applicants.orgId, o.id), notInArray(applicants.stage, ['full', 'closed']))),
  ]);
  return { members: Number(m.n), children: Number(c.n), applicants: Number(a.n) };
}

/**
 * Dissolves an organization with no active members, no active children and nobody in the
 * development pipeline (409 naming what is left). It leaves the tree; GET and history still show it.
 */
export async function dissolveOrg(ctx: Ctx, id: string, rawReason: string) {
  const today = todayIn();
  const reason = redactSensitive(rawReason);
  await ctx.services.db.transaction(async (tx) => {
    await lockTree(tx, ctx.actor?.countyCode ?? '');
    const o = await orgsRepo(ctx, 'org.write', tx).byId(id);
    if (!o) throw notFound();
    if (o.depth === 0) throw conflict('ORG_IS_ROOT');
    if (o.status !== 'active') throw conflict('ORG_DISSOLVED');
    const left = await occupancy(tx, o);
    if (left.members > 0) throw conflict('ORG_HAS_MEMBERS', { count: left.members });
    if (left.children > 0) throw conflict('ORG_HAS_CHILDREN', { count: left.children });
    if (left.applicants > 0) throw conflict('ORG_HAS_APPLICANTS', { count: left.applicants });
    await endPositions(ctx, tx, o, today, '组织撤销');
    await tx
      .update(orgTodos)
      .set({ status: 'cancelled', decidedAt: new Date(), decidedBy: ctx.actor?.accountId ?? null })
      .where(and(eq(orgTodos.countyCode, o.countyCode), eq(orgTodos.orgId, o.id), eq(orgTodos.status, 'open')));
    await tx
      .update(organizations)
      .set({ status: 'dissolved', dissolvedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(organizations.countyCode, o.countyCode), eq(organizations.id, o.id), ne(organizations.status, 'dissolved'), isNull(organizations.dissolvedAt)));
    await recordHistory(ctx, tx, o, 'dissolve', { status: 'active' }, { status: 'dissolved', reason });
    await audit(ctx, tx, { action: 'org.dissolve', result: 'success', objectType: 'organization', objectId: o.id, orgId: o.id, reason, detail: { name: o.name } });
  });
  return orgDetail(ctx, await reread(ctx, id));
}
