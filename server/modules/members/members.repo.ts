import { type SQL, and, asc, count, desc, eq, gte, inArray, like, lt, or, sql } from 'drizzle-orm';
import { looksLikeIdNumber, parseIdNumber } from '../../../common/id-number.ts';
import type { FileSection, MemberStatus, Standing } from '../../../common/member.ts';
import type { Ctx } from '../../core/access/context.ts';
import { inSubtree } from '../../core/access/scope.ts';
import { blindIndex } from '../../core/crypto/field-crypto.ts';
import type { KeyRing } from '../../core/crypto/keys.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import type { MemberJoined, MemberRow } from './member-dto.ts';
import { normalizePhone } from './member-row.ts';
import { memberEvents, memberViews, members } from './members.tables.ts';

const orgJoin = and(eq(organizations.countyCode, members.countyCode), eq(organizations.id, members.orgId));
// Written out in full: drizzle may render outer columns unqualified inside a subquery.
const hasAccount = sql<boolean>`exists (select 1 from accounts a where a.county_code = "members"."county_code" and a.member_id = "members"."id")`;
const esc = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Filters of the member list, search and export. */
export type MemberFilter = {
  q?: string;
  status?: MemberStatus;
  standing?: Standing;
  /** Restrict to this organization (already checked to be in scope), with or without its subtree. */
  org?: { id: string; path: string };
  includeSubtree?: boolean;
  /** Set by the repository: `q` is letters only and some member's card number is exactly `q`. */
  lettersAreCard?: boolean;
};
/** Sort keys of the member list. */
export const MEMBER_SORTS = ['name', 'joinedOn', 'birthDate', 'org'] as const;
export type MemberSort = (typeof MEMBER_SORTS)[number];

/**
 * The search of `q`: an 18/15-digit ID number matches exactly through the blind index (never a
 * LIKE on ID numbers), an 11-digit mobile through the phone's blind index; otherwise the name
 * contains q, the pinyin initials start with q (e.g. "zs"), or the card number equals q.
 */
export function searchOf(keys: KeyRing, raw: string, lettersAreCard = false): SQL {
  const q = raw.trim();
  if (looksLikeIdNumber(q)) {
    const p = parseIdNumber(q);
    return p.ok ? eq(members.idNumberIndex, blindIndex(keys, 'id', p.value.id)) : sql`false`;
  }
  const phone = normalizePhone(q);
  if (phone) return or(eq(members.phoneIndex, blindIndex(keys, 'phone', phone)), eq(members.cardNo, q)) as SQL;
  // Only the predicates that can match this kind of text, so each can use its index: letters are
  // pinyin initials (or a card number), letters with digits a card number, anything else a name.
  // Letters alone are pinyin initials, unless a card number is exactly those letters (checked first,
  // see lettersAreCard): one predicate either way, so the sorted index can be read in order.
  if (/^[a-z]+$/i.test(q)) {
    if (lettersAreCard) return eq(members.cardNo, q);
    const p = q.toLowerCase();
    const next = p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1);
    return and(gte(members.nameInitials, p), lt(members.nameInitials, next), like(members.nameInitials, `${esc(p)}%`)) as SQL;
  }
  if (/^[A-Za-z0-9-]+$/.test(q)) return eq(members.cardNo, q);
  return and(sql`hy_name_grams(${members.name}) @> array[${sql.join(nameGrams(q).map((g) => sql`${g}`), sql`, `)}]::text[]`, like(members.name, `%${esc(q)}%`)) as SQL;
}

/** The index keys a name containing `q` must have (see 0005_member_name_search.sql): its character pairs, or the one character. */
export function nameGrams(q: string): string[] {
  const chars = [...q];
  if (chars.length < 2) return chars;
  return [...new Set(chars.slice(1).map((c, i) => chars[i] + c))];
}

function filterOf(keys: KeyRing, f: MemberFilter): SQL | undefined {
  return and(
    f.org ? (f.includeSubtree === false ? eq(members.orgId, f.org.id) : inSubtree(organizations.path, [f.org.path])) : undefined,
    f.status ? eq(members.status, f.status) : undefined,
    f.standing ? eq(members.standing, f.standing) : undefined,
    f.q ? searchOf(keys, f.q, f.lettersAreCard) : undefined,
  );
}

function orderOf(sort: MemberSort, order: 'asc' | 'desc') {
  const dir = order === 'desc' ? desc : asc;
  const tie = [asc(members.nameInitials), asc(members.name), asc(members.id)];
  switch (sort) {
    case 'joinedOn':
      return [order === 'desc' ? sql`${members.joinedOn} desc nulls last` : sql`${members.joinedOn} asc nulls last`, ...tie];
    case 'birthDate':
      return [dir(members.birthDate), ...tie];
    case 'org':
      return [dir(organizations.name), dir(organizations.id), ...tie];
    default:
      // Pinyin initials first, so names sort the way Chinese users expect (张 after 王 is wrong).
      return [dir(members.nameInitials), dir(members.name), asc(members.id)];
  }
}

/**
 * Members as the caller may see them for a permission: a member is in scope when its
 * organization's path lies in ctx.scope(perm). Every query carries the predicate, so an id
 * outside scope behaves exactly like a missing one (SECURITY.md 2).
 */
export function membersRepo(ctx: Ctx, perm: string, tx: Tx = ctx.services.db) {
  const county = ctx.actor?.countyCode ?? '';
  const scope = ctx.scope(perm);
  const scoped = and(eq(members.countyCode, county), inSubtree(organizations.path, scope));
  // A grant at the county root covers every member of the county: counting then needs no join.
  const countyWide = scope.some((p) => p.split('/').filter(Boolean).length === 1);
  const select = () =>
    tx.select({ m: members, orgName: organizations.name, orgPath: organizations.path, hasAccount }).from(members).innerJoin(organizations, orgJoin);
  const where = (f: MemberFilter) => and(scoped, filterOf(ctx.services.keys, f));
  /** Decides whether letters-only text is a card number (a point lookup) or pinyin initials. */
  const resolve = async (f: MemberFilter): Promise<MemberFilter> => {
    const q = f.q?.trim();
    if (!q || !/^[a-z]+$/i.test(q) || f.lettersAreCard !== undefined) return f;
    const [hit] = await tx.select({ id: members.id }).from(members).where(and(eq(members.countyCode, county), eq(members.cardNo, q))).limit(1);
    return { ...f, lettersAreCard: !!hit };
  };
  return {
    /** One member in scope, or null; `lock` takes a row lock for an update in `tx`. */
    async byId(id: string, lock = false): Promise<MemberJoined | null> {
      const q = select().where(and(scoped, eq(members.id, id)));
      const [r] = lock ? await q.for('update', { of: members }) : await q;
      return r ?? null;
    },
    async list(filter: MemberFilter, sort: MemberSort, order: 'asc' | 'desc', limit: number, offset: number): Promise<MemberJoined[]> {
      const f = await resolve(filter);
      return select().where(where(f)).orderBy(...orderOf(sort, order)).limit(limit).offset(offset);
    },
    /**
     * How many members match, counted exactly up to `cap` (then `cap` is returned): a province-sized
     * list need not count a million rows to show its first page.
     */
    async count(filter: MemberFilter, cap?: number): Promise<number> {
      const f = await resolve(filter);
      const q =
        countyWide && !f.org
          ? tx.select({ one: sql`1` }).from(members).where(and(eq(members.countyCode, county), filterOf(ctx.services.keys, f)))
          : tx.select({ one: sql`1` }).from(members).innerJoin(organizations, orgJoin).where(where(f));
      const [r] = await tx.select({ n: count() }).from((cap ? q.limit(cap) : q).as('matched'));
      return Number(r.n);
    },
  };
}

/** The "self" scope: the member record behind the caller's member account, and nothing else. */
export async function selfMember(ctx: Ctx, tx: Tx = ctx.services.db, lock = false): Promise<MemberJoined | null> {
  const id = ctx.actor?.memberId;
  if (!id) return null;
  const q = tx
    .select({ m: members, orgName: organizations.name, orgPath: organizations.path, hasAccount })
    .from(members)
    .innerJoin(organizations, orgJoin)
    .where(and(eq(members.countyCode, ctx.actor?.countyCode ?? ''), eq(members.id, id)));
  const [r] = lock ? await q.for('update', { of: members }) : await q;
  return r ?? null;
}

/** What a view was of: the record, the file, or an unmasked field. */
export type ViewWhat = 'record' | 'file' | 'idNumber' | 'phone';

/** The file and view log of one member whose access the caller has already established. */
export const memberFile = {
  events(tx: Tx, m: MemberRow, section: FileSection | undefined, limit: number, offset: number) {
    return tx
      .select()
      .from(memberEvents)
      .where(and(eq(memberEvents.countyCode, m.countyCode), eq(memberEvents.memberId, m.id), section ? eq(memberEvents.section, section) : undefined))
      .orderBy(desc(memberEvents.at), desc(memberEvents.id))
      .limit(limit)
      .offset(offset);
  },
  async countEvents(tx: Tx, m: MemberRow, section: FileSection | undefined) {
    const [r] = await tx
      .select({ n: count() })
      .from(memberEvents)
      .where(and(eq(memberEvents.countyCode, m.countyCode), eq(memberEvents.memberId, m.id), section ? eq(memberEvents.section, section) : undefined));
    return Number(r.n);
  },
  views(tx: Tx, m: MemberRow, limit: number, offset: number) {
    return tx
      .select()
      .from(memberViews)
      .where(and(eq(memberViews.countyCode, m.countyCode), eq(memberViews.memberId, m.id)))
      .orderBy(desc(memberViews.at), desc(memberViews.id))
      .limit(limit)
      .offset(offset);
  },
  async countViews(tx: Tx, m: MemberRow) {
    const [r] = await tx.select({ n: count() }).from(memberViews).where(and(eq(memberViews.countyCode, m.countyCode), eq(memberViews.memberId, m.id)));
    return Number(r.n);
  },
  /** Records that the caller viewed a member's record, file or an unmasked field (PIPL 45-46). */
  async logView(tx: Tx, ctx: Ctx, m: MemberRow, what: ViewWhat, reason?: string) {
    const a = ctx.actor;
    await tx.insert(memberViews).values({
      countyCode: m.countyCode,
      id: uuidv7(),
      memberId: m.id,
      viewerId: a?.accountId ?? null,
      viewerName: a?.displayName ?? 'system',
      viewerRoles: a ? [...new Set(a.roles)].join(',') : '',
      what,
      reason: reason ?? null,
    });
  },
};

/** Unscoped access for jobs, import and bootstrap; never call from a route handler. */
export const systemMembers = {
  async byId(tx: Tx, countyCode: string, id: string): Promise<MemberRow | null> {
    const [r] = await tx.select().from(members).where(and(eq(members.countyCode, countyCode), eq(members.id, id)));
    return r ?? null;
  },
  /** Which of these ID-number blind indexes are already registered in the county (duplicate checks). */
  async existingIdIndexes(tx: Tx, countyCode: string, indexes: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < indexes.length; i += 1000) {
      const rows = await tx
        .select({ ix: members.idNumberIndex })
        .from(members)
        .where(and(eq(members.countyCode, countyCode), inArray(members.idNumberIndex, indexes.slice(i, i + 1000))));
      for (const r of rows) out.add(r.ix);
    }
    return out;
  },
  /** Which of these card numbers are already used in the county. */
  async existingCardNos(tx: Tx, countyCode: string, cardNos: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < cardNos.length; i += 1000) {
      const rows = await tx
        .select({ c: members.cardNo })
        .from(members)
        .where(and(eq(members.countyCode, countyCode), inArray(members.cardNo, cardNos.slice(i, i + 1000))));
      for (const r of rows) if (r.c) out.add(r.c);
    }
    return out;
  },
};
