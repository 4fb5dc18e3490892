import { ACTIVE_STANDINGS, type FileSection, type Standing } from '../../../common/member.ts';
import { maskIdNumber } from '../../../common/mask.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { conflict, notFound } from '../../core/errors/app-error.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { uuidv7 } from '../../core/ids.ts';
import { accounts, grants } from '../auth/auth.tables.ts';
import { loginKeyOf } from '../auth/auth.service.ts';
import { hashPassword, oneTimePassword } from '../auth/password.ts';
import { type MemberJoined, type MemberRow, clearIdNumber, myRecordDto } from './member-dto.ts';
import { appendFileEvents, fileActor } from './member-file.ts';
import { type ViewWhat, memberFile, membersRepo, selfMember } from './members.repo.ts';
import type { memberEvents, memberViews } from './members.tables.ts';

type Page = { page: number; pageSize: number };

const eventDto = (e: typeof memberEvents.$inferSelect) => ({
  id: e.id,
  at: e.at.toISOString(),
  occurredOn: e.occurredOn,
  section: e.section as FileSection,
  type: e.type,
  title: e.title,
  detail: (e.detail as Record<string, unknown> | null) ?? null,
  orgId: e.orgId,
  actorName: e.actorName,
  source: e.source,
});

const viewDto = (v: typeof memberViews.$inferSelect) => ({
  id: v.id,
  at: v.at.toISOString(),
  viewerName: v.viewerName,
  viewerRoles: v.viewerRoles ? v.viewerRoles.split(',') : [],
  what: v.what as ViewWhat,
  reason: v.reason,
});

async function timeline(ctx: Ctx, m: MemberRow, q: Page & { section?: FileSection }) {
  const { limit, offset } = limitOffset(q);
  const db = ctx.services.db;
  const [rows, total] = await Promise.all([memberFile.events(db, m, q.section, limit, offset), memberFile.countEvents(db, m, q.section)]);
  return { items: rows.map(eventDto), total };
}

async function views(ctx: Ctx, m: MemberRow, q: Page) {
  const { limit, offset } = limitOffset(q);
  const db = ctx.services.db;
  const [rows, total] = await Promise.all([memberFile.views(db, m, limit, offset), memberFile.countViews(db, m)]);
  return { items: rows.map(viewDto), total };
}

async function inScope(ctx: Ctx, id: string, perm = 'member.read'): Promise<MemberJoined> {
  const r = await membersRepo(ctx, perm).byId(id);
  if (!r) throw notFound();
  return r;
}

/** A member's electronic file (newest first); the view is logged. */
export async function memberTimeline(ctx: Ctx, id: string, q: Page & { section?: FileSection }) {
  const r = await inScope(ctx, id);
  await memberFile.logView(ctx.services.db, ctx, r.m, 'file');
  return timeline(ctx, r.m, q);
}

/** Who viewed a member's record and file. */
export async function memberViewLog(ctx: Ctx, id: string, q: Page) {
  return views(ctx, (await inScope(ctx, id)).m, q);
}

async function self(ctx: Ctx) {
  const r = await selfMember(ctx);
  if (!r) throw notFound();
  return r;
}

/** The owner's own record, in full. */
export const myRecord = async (ctx: Ctx) => myRecordDto(ctx.services.keys, await self(ctx));
/** The owner's own file. */
export const myFile = async (ctx: Ctx, q: Page & { section?: FileSection }) => timeline(ctx, (await self(ctx)).m, q);
/** Who viewed the owner's file (PIPL 45-46). */
export const myViews = async (ctx: Ctx, q: Page) => views(ctx, (await self(ctx)).m, q);

const isUnique = (e: unknown) => [(e as { code?: string })?.code, (e as { cause?: { code?: string } })?.cause?.code].includes('23505');

/**
 * Lets a member in write scope log in: a member account whose login key is the blind index of the
 * ID number (`id:` + index, as loginKeyOf computes it from what the member types), the role
 * `member` at the member's organization, a one-time password shown once, a password change at
 * first login. 409 when the member (or the ID number) already has an account, or when the 党籍
 * state has ended membership; audited.
 */
export async function enableLogin(ctx: Ctx, id: string) {
  const r = await inScope(ctx, id, 'member.write');
  if (r.hasAccount) throw conflict('MEMBER_ACCOUNT_EXISTS');
  const m = r.m;
  // 除名, 开除, 自行脱党 and 死亡 end membership: no new login for them.
  if (!ACTIVE_STANDINGS.includes(m.standing as Standing)) throw conflict('MEMBER_NOT_ACTIVE');
  const idNumber = clearIdNumber(ctx.services.keys, m);
  const password = oneTimePassword();
  const hash = await hashPassword(password);
  const accountId = uuidv7();
  try {
    await ctx.services.db.transaction(async (tx) => {
      await tx.insert(accounts).values({
        countyCode: m.countyCode, id: accountId, kind: 'member', loginKey: loginKeyOf(ctx.services, idNumber), displayName: m.name,
        orgId: m.orgId, memberId: m.id, passwordHash: hash, mustChangePassword: true,
      });
      await tx.insert(grants).values({ countyCode: m.countyCode, id: uuidv7(), accountId, role: 'member', orgId: m.orgId, grantedBy: ctx.actor?.accountId ?? null });
      await appendFileEvents(tx, fileActor(ctx), [{ countyCode: m.countyCode, memberId: m.id, orgId: m.orgId, section: 'basic', type: 'account_enabled', title: '开通党员登录账号' }]);
      await audit(ctx, tx, { action: 'member.account_create', result: 'success', objectType: 'account', objectId: accountId, orgId: m.orgId, detail: { memberId: m.id } });
    });
  } catch (e) {
    if (isUnique(e)) throw conflict('MEMBER_ACCOUNT_EXISTS');
    throw e;
  }
  return { accountId, username: maskIdNumber(idNumber), oneTimePassword: password };
}
