// The caller's notifications (docs/NOTIFICATIONS.md): the list, the unread count, marking read and the
// export. "Mine" is computed from the session: my account, my member record, the organizations where I
// hold an officer role right now. A notification that is not mine is not found (404), like an id
// outside scope anywhere else.
import { type SQL, and, count, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { Role } from '../../../common/roles.ts';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { type ExportColumn, exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { limitOffset } from '../../core/http/pagination.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import type { NotificationFilter, NotificationListQuery } from './notifications.schemas.ts';
import { type Severity, notificationReads as reads, notifications as n } from './notifications.tables.ts';

/** Reading one's own notifications, marking them read, exporting them. */
export const SELF_NOTIFICATIONS = 'self.notifications';

/**
 * The roles that receive an organization's notifications: an account granted one of them exactly at
 * the organization (not above it: a township administrator is not a branch's officer). The 'member'
 * role is not among them (a branch's members would otherwise all receive its officers' notices), nor
 * the grid worker.
 */
export const ORG_OFFICER_ROLES: readonly Role[] = ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee'];

/** Unread notifications are counted up to this (the bell shows 99+ long before). */
const UNREAD_CAP = 999;

type Me = { countyCode: string; accountId: string; memberId: string | null; orgIds: string[] };

function me(ctx: Ctx): Me {
  const a = ctx.actor;
  if (!a) throw new AppError(401, 'UNAUTHENTICATED');
  const orgIds = [...new Set(a.grants.filter((g) => ORG_OFFICER_ROLES.includes(g.role)).map((g) => g.orgId))];
  return { countyCode: a.countyCode, accountId: a.accountId, memberId: a.memberId, orgIds };
}

/** The notifications addressed to me (the CHECK constraint makes each recipient column exclusive). */
function mine(m: Me): SQL {
  return and(
    eq(n.countyCode, m.countyCode),
    or(eq(n.accountId, m.accountId), m.memberId ? eq(n.memberId, m.memberId) : undefined, m.orgIds.length > 0 ? inArray(n.orgId, m.orgIds) : undefined),
  ) as SQL;
}

/** My read row of a notification, if any. */
const readJoin = (m: Me) => and(eq(reads.countyCode, n.countyCode), eq(reads.notificationId, n.id), eq(reads.accountId, m.accountId));
const orgJoin = and(eq(organizations.countyCode, n.countyCode), eq(organizations.id, n.orgId));

type Row = { n: typeof n.$inferSelect; orgName: string | null; readAt: Date | null };

/** The notification as answered, its texts in the request's language. */
const dto = (ctx: Ctx) => (r: Row) => {
  const en = ctx.lang === 'en';
  return {
    id: r.n.id,
    kind: r.n.kind,
    severity: r.n.severity,
    title: en ? r.n.titleEn : r.n.titleZh,
    body: en ? r.n.bodyEn : r.n.bodyZh,
    link: r.n.link,
    params: r.n.params ?? {},
    recipientKind: r.n.recipientKind,
    orgName: r.orgName,
    createdAt: r.n.createdAt.toISOString(),
    read: r.readAt !== null,
    readAt: r.readAt?.toISOString() ?? null,
  };
};
export type NotificationView = ReturnType<ReturnType<typeof dto>>;

/** My notifications (all, or unread only), newest first, as a query of pages and a count. */
function query(ctx: Ctx, f: z.infer<typeof NotificationFilter>, extra?: SQL) {
  const m = me(ctx);
  const db = ctx.services.db;
  const where = and(mine(m), f.unread === 'true' ? isNull(reads.notificationId) : undefined, extra);
  const rows = (limit: number, offset: number) =>
    db
      .select({ n, orgName: organizations.name, readAt: reads.readAt })
      .from(n)
      .leftJoin(reads, readJoin(m))
      .leftJoin(organizations, orgJoin)
      .where(where)
      .orderBy(desc(n.createdAt), desc(n.id))
      .limit(limit)
      .offset(offset) as Promise<Row[]>;
  const total = async () => (await db.select({ c: count() }).from(n).leftJoin(reads, readJoin(m)).where(where))[0].c;
  return { rows, total };
}

/** A page of my notifications. */
export async function listNotifications(ctx: Ctx, q: z.infer<typeof NotificationListQuery>) {
  const { page, pageSize, ...f } = q;
  const { rows, total } = query(ctx, f);
  const { limit, offset } = limitOffset({ page, pageSize });
  const [items, t] = await Promise.all([rows(limit, offset), total()]);
  return { items: items.map(dto(ctx)), total: t };
}

/** How many of my notifications I have not read (up to 999). */
export async function unreadCount(ctx: Ctx) {
  const m = me(ctx);
  const unread = ctx.services.db
    .select({ one: sql`1` })
    .from(n)
    .leftJoin(reads, readJoin(m))
    .where(and(mine(m), isNull(reads.notificationId)))
    .limit(UNREAD_CAP + 1)
    .as('unread');
  const [{ c }] = await ctx.services.db.select({ c: count() }).from(unread);
  return { count: Math.min(c, UNREAD_CAP), capped: c > UNREAD_CAP };
}

/** Marks one of my notifications read (again: no change); someone else's is not found. */
export async function markRead(ctx: Ctx, id: string) {
  const m = me(ctx);
  const { rows } = query(ctx, {}, eq(n.id, id));
  const [found] = await rows(1, 0);
  if (!found) throw notFound();
  if (found.readAt) return dto(ctx)(found);
  const [r] = await ctx.services.db
    .insert(reads)
    .values({ countyCode: m.countyCode, notificationId: id, accountId: m.accountId })
    .onConflictDoNothing()
    .returning({ readAt: reads.readAt });
  // A concurrent click may have written the row first: read it back then.
  const readAt = r?.readAt ?? (await rows(1, 0))[0]?.readAt ?? new Date();
  return dto(ctx)({ ...found, readAt });
}

/**
 * Marks every notification of mine read, in one statement; audited (one row, with the number marked)
 * when it marked any. Single reads are not audited: the read row itself records who and when.
 */
export async function markAllRead(ctx: Ctx) {
  const m = me(ctx);
  return ctx.services.db.transaction(async (tx) => {
    const r = (await tx.execute(sql`
      WITH ins AS (
        INSERT INTO notification_reads (county_code, notification_id, account_id)
        SELECT ${n.countyCode}, ${n.id}, ${m.accountId}::uuid FROM ${n}
         WHERE ${mine(m)}
           AND NOT EXISTS (SELECT 1 FROM ${reads} WHERE ${reads.countyCode} = ${n.countyCode} AND ${reads.notificationId} = ${n.id} AND ${reads.accountId} = ${m.accountId})
        ON CONFLICT DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS marked FROM ins`)) as unknown as { rows: { marked: number }[] };
    const marked = r.rows[0].marked;
    if (marked > 0) await audit(ctx, tx, { action: 'notification.read_all', result: 'success', objectType: 'notification', detail: { marked } });
    return { marked };
  });
}

const TEXTS = {
  'zh-CN': {
    title: '我的通知', time: '时间', severity: '级别', subject: '标题', body: '内容', org: '组织', link: '链接', read: '状态', readAt: '阅读时间',
    isRead: '已读', unread: '未读', info: '通知', warning: '提醒', danger: '警告',
  },
  en: {
    title: 'My notifications', time: 'Time', severity: 'Severity', subject: 'Title', body: 'Text', org: 'Organization', link: 'Link', read: 'State', readAt: 'Read at',
    isRead: 'Read', unread: 'Unread', info: 'Information', warning: 'Reminder', danger: 'Warning',
  },
} as const;

/** My notifications as Excel (watermarked and audited by exportXlsx). */
export async function exportNotifications(ctx: Ctx, reply: FastifyReply, f: z.infer<typeof NotificationFilter>) {
  const { rows, total } = query(ctx, f);
  const h = TEXTS[ctx.lang];
  const columns: ExportColumn<NotificationView>[] = [
    { header: h.time, value: (r) => shanghaiTime(r.createdAt), width: 20 },
    { header: h.severity, value: (r) => h[r.severity as Severity], width: 8 },
    { header: h.subject, value: (r) => r.title, width: 30 },
    { header: h.body, value: (r) => r.body, width: 60 },
    { header: h.org, value: (r) => r.orgName, width: 24 },
    { header: h.link, value: (r) => r.link, width: 30 },
    { header: h.read, value: (r) => (r.read ? h.isRead : h.unread), width: 8 },
    { header: h.readAt, value: (r) => shanghaiTime(r.readAt), width: 20 },
  ];
  return exportXlsx(ctx, reply, {
    name: 'notifications',
    title: h.title,
    filters: f,
    count: total,
    rows: async (limit) => (await rows(limit, 0)).map(dto(ctx)),
    columns,
  });
}
