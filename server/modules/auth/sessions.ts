import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { ADMIN_ROLES, MFA_ROLES, type Role } from '../../../common/roles.ts';
import { type Actor, type ResolvedGrant, type Restriction, permissionsFromGrants } from '../../core/access/context.ts';
import type { Services, Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { accounts, grants, sessions } from './auth.tables.ts';

/** SHA-256 of a cookie token: the database never sees the token itself. */
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

type Cached = { actor: Actor; expiresAt: number; lastSeen: number; persistedSeen: number; loadedAt: number };

/** How long a cached session is trusted before it is re-read (other nodes' revocations show up). */
const RECHECK_MS = 5_000;
/** How often last_seen_at is written back. */
const PERSIST_SEEN_MS = 60_000;

/** An account row as the loader needs it. */
export type AccountRow = typeof accounts.$inferSelect;

/**
 * Server-side sessions with a small in-process cache, so `GET /api/auth/me` and every gated route
 * cost a map lookup, not a query (and never argon2). Idle and absolute timeouts are enforced on
 * every request.
 */
export class SessionStore {
  private cache = new Map<string, Cached>();
  /** Loads in flight, so concurrent requests of one session share a single re-read. */
  private loading = new Map<string, Promise<Cached | null>>();

  constructor(private readonly services: Services) {
    services.events.on('account.changed', (id) => this.dropAccount(id));
  }

  private get idleMs() {
    return this.services.config.sessionIdleMinutes * 60_000;
  }

  /** Creates a session inside the login transaction; returns the cookie token and CSRF token. */
  async create(tx: Tx, account: AccountRow, meta: { ip: string; userAgent?: string; mfaOk: boolean }) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const now = Date.now();
    await tx.insert(sessions).values({
      id: tokenHash(token),
      countyCode: account.countyCode,
      accountId: account.id,
      csrfToken,
      mfaOk: meta.mfaOk,
      ip: meta.ip,
      userAgent: meta.userAgent?.slice(0, 300),
      createdAt: new Date(now),
      lastSeenAt: new Date(now),
      expiresAt: new Date(now + this.services.config.sessionAbsoluteHours * 3_600_000),
    });
    return { token, csrfToken };
  }

  /** Resolves a cookie token to its actor, or null when unknown, revoked, idle or expired. */
  async resolve(token: string | undefined): Promise<Actor | null> {
    if (!token || token.length > 100) return null;
    const id = tokenHash(token);
    const now = Date.now();
    let c = this.cache.get(id);
    if (!c || now - c.loadedAt > RECHECK_MS) {
      let p = this.loading.get(id);
      if (!p) {
        p = this.load(id, now).finally(() => this.loading.delete(id));
        this.loading.set(id, p);
      }
      c = (await p) ?? undefined;
      if (!c) {
        this.cache.delete(id);
        return null;
      }
      this.cache.set(id, c);
    }
    if (now >= c.expiresAt || now - c.lastSeen > this.idleMs) {
      await this.revoke(token);
      return null;
    }
    c.lastSeen = now;
    if (now - c.persistedSeen > PERSIST_SEEN_MS) {
      c.persistedSeen = now;
      await this.services.db.update(sessions).set({ lastSeenAt: new Date(now) }).where(eq(sessions.id, id));
    }
    return c.actor;
  }

  /** Revokes one session (logout, rotation, timeout). */
  async revoke(token: string, tx: Tx = this.services.db) {
    const id = tokenHash(token);
    this.cache.delete(id);
    await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.id, id), isNull(sessions.revokedAt)));
  }

  /** Revokes every session of an account except one (password change). */
  async revokeAllOf(tx: Tx, countyCode: string, accountId: string, exceptToken?: string) {
    const keep = exceptToken ? tokenHash(exceptToken) : '';
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.countyCode, countyCode), eq(sessions.accountId, accountId), isNull(sessions.revokedAt), sql`${sessions.id} <> ${keep}`));
    this.dropAccount(accountId);
  }

  /** Forgets cached sessions of an account so the next request reloads grants and flags. */
  dropAccount(accountId: string) {
    for (const [k, c] of this.cache) if (c.actor.accountId === accountId) this.cache.delete(k);
  }

  private async load(id: string, now: number): Promise<Cached | null> {
    const db = this.services.db;
    const [s] = await db.select().from(sessions).where(eq(sessions.id, id));
    if (!s || s.revokedAt) return null;
    const [acc] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.countyCode, s.countyCode), eq(accounts.id, s.accountId)));
    if (acc?.status !== 'active') return null;
    const actor = await this.buildActor(acc, id, s.csrfToken, s.mfaOk);
    const lastSeen = Math.max(s.lastSeenAt.getTime(), this.cache.get(id)?.lastSeen ?? 0);
    return { actor, expiresAt: s.expiresAt.getTime(), lastSeen, persistedSeen: s.lastSeenAt.getTime(), loadedAt: now };
  }

  /** Builds the actor of an account: grants with organization paths, permissions, restriction. */
  async buildActor(acc: AccountRow, sessionId: string, csrfToken: string, mfaOk: boolean): Promise<Actor> {
    const rows = await this.services.db
      .select({ id: grants.id, role: grants.role, orgId: grants.orgId, orgPath: organizations.path, orgName: organizations.name })
      .from(grants)
      .innerJoin(organizations, and(eq(organizations.countyCode, grants.countyCode), eq(organizations.id, grants.orgId)))
      .where(and(eq(grants.countyCode, acc.countyCode), eq(grants.accountId, acc.id)));
    const resolved: ResolvedGrant[] = rows.map((r) => ({ ...r, role: r.role as Role }));
    const roles = [...new Set(resolved.map((g) => g.role))];
    return {
      accountId: acc.id,
      countyCode: acc.countyCode,
      username: acc.kind === 'member' ? acc.displayName : acc.loginKey.replace(/^u:/, ''),
      displayName: acc.displayName,
      kind: acc.kind,
      orgId: acc.orgId,
      memberId: acc.memberId,
      grants: resolved,
      roles,
      permissions: permissionsFromGrants(resolved),
      restricted: this.restriction(acc, roles, mfaOk),
      sessionId,
      csrfToken,
      flags: { mustChangePassword: acc.mustChangePassword, totpEnabled: !!acc.totpEnabledAt, isDemo: acc.isDemo },
    };
  }

  /** Demo accounts in demo mode are never restricted; otherwise password first, then TOTP. */
  restriction(acc: AccountRow, roles: Role[], mfaOk: boolean): Restriction {
    const cfg = this.services.config;
    if (cfg.mode === 'demo' && acc.isDemo) return null;
    const isAdmin = roles.some((r) => ADMIN_ROLES.includes(r));
    const expired = isAdmin && Date.now() - acc.passwordChangedAt.getTime() > cfg.passwordMaxAgeDays * 86_400_000;
    if (acc.mustChangePassword || expired) return 'password_change';
    if (cfg.mode === 'production' && roles.some((r) => MFA_ROLES.includes(r)) && !(acc.totpEnabledAt && mfaOk))
      return 'totp_enrol';
    return null;
  }
}
