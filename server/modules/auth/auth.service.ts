import { and, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { looksLikeIdNumber, parseIdNumber } from '../../../common/id-number.ts';
import { maskIdNumber, maskPhone } from '../../../common/mask.ts';
import type { Actor, Ctx } from '../../core/access/context.ts';
import { type AuditActor, appendAudit, audit } from '../../core/audit/audit.ts';
import { blindIndex, decryptField, encryptField } from '../../core/crypto/field-crypto.ts';
import { AppError, badRequest, conflict } from '../../core/errors/app-error.ts';
import type { RateLimiter } from '../../core/http/rate-limit.ts';
import type { Services } from '../../core/services.ts';
import { accounts, grants } from './auth.tables.ts';
import { dummyHash, passwordProblems, verifyPassword, hashPassword } from './password.ts';
import type { AccountRow, SessionStore } from './sessions.ts';
import { newTotpSecret, otpauthUrl, verifyTotp } from './totp.ts';

/** The login key of what a user typed: `u:<username>` or `id:<blind index of the ID number>`. */
export function loginKeyOf(services: Services, username: string): string {
  const u = username.trim();
  if (looksLikeIdNumber(u)) {
    const p = parseIdNumber(u);
    return `id:${blindIndex(services.keys, 'id', p.ok ? p.value.id : u.toUpperCase())}`;
  }
  return `u:${u.toLowerCase()}`;
}

/** How a username appears in the audit trail: ID numbers and phone numbers masked (SECURITY.md 10, 12). */
const auditName = (u: string) =>
  looksLikeIdNumber(u) ? maskIdNumber(u.trim().toUpperCase()) : /^1[3-9]\d{9}$/.test(u.trim()) ? maskPhone(u.trim()) : u.trim().slice(0, 64);

type LoginInput = { username: string; password: string; totp?: string };

/** Authentication use cases: login, logout, password change, TOTP enrolment. */
export class AuthService {
  constructor(
    private readonly services: Services,
    private readonly sessions: SessionStore,
    private readonly limiter: RateLimiter,
  ) {}

  private byId(countyCode: string, id: string) {
    return this.services.db
      .select()
      .from(accounts)
      .where(and(eq(accounts.countyCode, countyCode), eq(accounts.id, id)))
      .then((r) => r[0]);
  }

  /** Records a failed login outside any transaction (the failure itself must be kept). */
  private async failed(who: AuditActor, countyCode: string, reason: string) {
    await this.services.db.transaction((tx) =>
      appendAudit(tx, this.services.keys, countyCode, who, { action: 'auth.login', result: 'failure', reason }),
    );
  }

  /**
   * Logs in. Unknown users and wrong passwords get the same 401 after the same work; five
   * failures lock the account; the session is new on every login (rotation).
   */
  async login(ctx: Ctx, input: LoginInput, meta: { userAgent?: string; oldToken?: string }) {
    const wait = this.limiter.hit(ctx.ip);
    if (wait > 0) throw new AppError(429, 'RATE_LIMITED', {}, undefined, { 'retry-after': String(wait) });
    const cfg = this.services.config;
    const key = loginKeyOf(this.services, input.username);
    const [acc] = await this.services.db.select().from(accounts).where(eq(accounts.loginKey, key)).limit(1);
    const who: AuditActor = { actorId: acc?.id ?? null, actorName: auditName(input.username), roles: '', ip: ctx.ip };
    const county = acc?.countyCode ?? cfg.countyCode;
    if (!acc) {
      await verifyPassword(await dummyHash(), input.password);
      await this.failed(who, county, 'unknown_user');
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    if (acc.lockedUntil && acc.lockedUntil.getTime() > Date.now()) {
      await this.failed(who, county, 'locked');
      throw new AppError(423, 'ACCOUNT_LOCKED', { minutes: Math.ceil((acc.lockedUntil.getTime() - Date.now()) / 60_000) });
    }
    if (!(await verifyPassword(acc.passwordHash, input.password))) {
      await this.countFailure(acc, who, 'wrong_password');
      throw new AppError(401, 'INVALID_CREDENTIALS');
    }
    if (acc.status !== 'active') {
      await this.failed(who, county, 'disabled');
      throw new AppError(403, 'ACCOUNT_DISABLED');
    }
    let totpStep: number | null = null;
    if (acc.totpEnabledAt && acc.totpSecret) {
      if (!input.totp) throw new AppError(401, 'TOTP_REQUIRED');
      totpStep = verifyTotp(decryptField(this.services.keys, acc.totpSecret), input.totp, acc.totpLastStep);
      if (totpStep === null) {
        await this.countFailure(acc, who, 'wrong_totp');
        throw new AppError(401, 'TOTP_INVALID');
      }
    }
    const session = await this.services.db.transaction(async (tx) => {
      if (meta.oldToken) await this.sessions.revoke(meta.oldToken, tx);
      await tx
        .update(accounts)
        .set({ failedCount: 0, lockedUntil: null, lastLoginAt: new Date(), ...(totpStep !== null ? { totpLastStep: totpStep } : {}) })
        .where(and(eq(accounts.countyCode, acc.countyCode), eq(accounts.id, acc.id)));
      const s = await this.sessions.create(tx, acc, { ip: ctx.ip, userAgent: meta.userAgent, mfaOk: totpStep !== null });
      // The row names the roles the account logs in with (SECURITY.md 16).
      const held = await tx.select({ role: grants.role }).from(grants).where(and(eq(grants.countyCode, acc.countyCode), eq(grants.accountId, acc.id)));
      await appendAudit(tx, this.services.keys, acc.countyCode, { ...who, roles: [...new Set(held.map((g) => g.role))].join(',') }, {
        action: 'auth.login',
        result: 'success',
        objectType: 'account',
        objectId: acc.id,
        orgId: acc.orgId,
        detail: { mfa: totpStep !== null },
      });
      return s;
    });
    return session;
  }

  private async countFailure(acc: AccountRow, who: AuditActor, reason: string) {
    const cfg = this.services.config;
    const row = and(eq(accounts.countyCode, acc.countyCode), eq(accounts.id, acc.id));
    await this.services.db.transaction(async (tx) => {
      // Counted in the database, not from the row read before the (slow) password check, so a
      // burst of parallel guesses still locks the account.
      const [counted] = await tx
        .update(accounts)
        .set({ failedCount: sql`${accounts.failedCount} + 1` })
        .where(row)
        .returning({ failedCount: accounts.failedCount });
      const lock = (counted?.failedCount ?? 0) >= cfg.loginMaxFailures;
      if (lock) await tx.update(accounts).set({ failedCount: 0, lockedUntil: new Date(Date.now() + cfg.loginLockMinutes * 60_000) }).where(row);
      await appendAudit(tx, this.services.keys, acc.countyCode, who, {
        action: 'auth.login',
        result: 'failure',
        objectType: 'account',
        objectId: acc.id,
        orgId: acc.orgId,
        reason: lock ? `${reason}; locked` : reason,
      });
    });
  }

  /** Ends the session. */
  async logout(ctx: Ctx, token: string) {
    await this.services.db.transaction(async (tx) => {
      await this.sessions.revoke(token, tx);
      await audit(ctx, tx, { action: 'auth.logout', result: 'success', objectType: 'account', objectId: ctx.actor?.accountId, orgId: ctx.actor?.orgId });
    });
  }

  /** Changes one's own password; other sessions end and this one is rotated. */
  async changePassword(ctx: Ctx, actor: Actor, current: string, next: string) {
    const acc = await this.byId(actor.countyCode, actor.accountId);
    if (!acc || !(await verifyPassword(acc.passwordHash, current)))
      throw badRequest('PASSWORD_WRONG', [{ path: 'body.currentPassword', code: 'PASSWORD_WRONG' }]);
    const problems = passwordProblems(next, acc.kind === 'admin' ? acc.loginKey.slice(2) : undefined);
    if (current === next) problems.push({ path: 'body.newPassword', code: 'PASSWORD_REUSED' });
    if (problems.length) throw badRequest('PASSWORD_POLICY', problems.map((p) => ({ ...p, message: undefined })));
    const hash = await hashPassword(next);
    return this.rotate(ctx, acc, actor.restricted !== 'totp_enrol' && !!acc.totpEnabledAt, async (tx) => {
      await tx
        .update(accounts)
        .set({ passwordHash: hash, passwordChangedAt: new Date(), mustChangePassword: false, updatedAt: new Date() })
        .where(and(eq(accounts.countyCode, acc.countyCode), eq(accounts.id, acc.id)));
      await audit(ctx, tx, { action: 'auth.password_change', result: 'success', objectType: 'account', objectId: acc.id });
    });
  }

  /** Starts TOTP enrolment: a new secret, stored encrypted until confirmed. */
  async totpSetup(actor: Actor) {
    const acc = await this.byId(actor.countyCode, actor.accountId);
    if (!acc) throw new AppError(401, 'UNAUTHENTICATED');
    if (acc.totpEnabledAt) throw conflict('CONFLICT', { what: 'TOTP' });
    const secret = newTotpSecret();
    await this.services.db
      .update(accounts)
      .set({ totpSecret: encryptField(this.services.keys, secret) })
      .where(and(eq(accounts.countyCode, acc.countyCode), eq(accounts.id, acc.id)));
    const url = otpauthUrl(secret, actor.username);
    return { secret, otpauthUrl: url, qrDataUrl: await QRCode.toDataURL(url, { margin: 1, width: 220 }) };
  }

  /** Confirms TOTP with a code; the session is rotated and counts as two-factor from now on. */
  async totpEnable(ctx: Ctx, actor: Actor, code: string) {
    const acc = await this.byId(actor.countyCode, actor.accountId);
    if (!acc?.totpSecret || acc.totpEnabledAt) throw badRequest('TOTP_NOT_SET_UP');
    const step = verifyTotp(decryptField(this.services.keys, acc.totpSecret), code, acc.totpLastStep);
    if (step === null) throw badRequest('TOTP_INVALID', [{ path: 'body.code', code: 'TOTP_INVALID' }]);
    return this.rotate(ctx, acc, true, async (tx) => {
      await tx
        .update(accounts)
        .set({ totpEnabledAt: new Date(), totpLastStep: step, updatedAt: new Date() })
        .where(and(eq(accounts.countyCode, acc.countyCode), eq(accounts.id, acc.id)));
      await audit(ctx, tx, { action: 'auth.totp_enable', result: 'success', objectType: 'account', objectId: acc.id });
    });
  }

  /** Applies a privilege change and replaces the session (SECURITY.md 9: rotate at privilege change). */
  private async rotate(ctx: Ctx, acc: AccountRow, mfaOk: boolean, change: (tx: Parameters<Parameters<Services['db']['transaction']>[0]>[0]) => Promise<void>) {
    const s = await this.services.db.transaction(async (tx) => {
      await change(tx);
      await this.sessions.revokeAllOf(tx, acc.countyCode, acc.id);
      return this.sessions.create(tx, acc, { ip: ctx.ip, mfaOk });
    });
    this.services.events.emit('account.changed', acc.id);
    return s;
  }
}
