import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../access/context.ts';
import type { KeyRing } from '../crypto/keys.ts';
import type { Tx } from '../services.ts';
import { auditHeads, auditLog } from './audit.tables.ts';

/** What happened, to what, and how it ended (SECURITY.md 16). */
export type AuditEntry = {
  action: string;
  result: 'success' | 'failure' | 'denied';
  objectType?: string;
  objectId?: string;
  orgId?: string | null;
  reason?: string;
  detail?: Record<string, unknown>;
};

/** Who did it; taken from the request context, or named explicitly (login of an unknown user, CLI). */
export type AuditActor = { actorId: string | null; actorName: string; roles: string; ip: string | null };

/** The first link's previous hash. */
export const GENESIS = '0'.repeat(64);

/** Canonical JSON: object keys sorted, so jsonb's reordering does not change the hash. */
export function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** The fields a link covers, in a fixed order. */
export type ChainedRow = {
  countyCode: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string;
  roles: string;
  ip: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  orgId: string | null;
  result: string;
  reason: string | null;
  detail: unknown;
};

/** HMAC-SM3 over the previous hash and the row. */
export function linkHash(key: Buffer, prevHash: string, r: ChainedRow): string {
  const body = canonical([
    r.countyCode,
    r.seq,
    r.at.toISOString(),
    r.actorId,
    r.actorName,
    r.roles,
    r.ip,
    r.action,
    r.objectType,
    r.objectId,
    r.orgId,
    r.result,
    r.reason,
    r.detail ?? null,
  ]);
  return createHmac('sm3', key).update(prevHash).update('\n').update(body).digest('hex');
}

/** The audit actor of a request context. */
export function actorOf(ctx: Ctx): AuditActor {
  const a = ctx.actor;
  return {
    actorId: a?.accountId ?? null,
    actorName: a ? a.username : 'system',
    roles: a ? [...new Set(a.roles)].join(',') : '',
    ip: ctx.ip,
  };
}

/**
 * Appends one row to the county's chain inside `tx`. Run it in the same transaction as the
 * operation it records: if the audit write fails, the operation fails too (SECURITY.md 18).
 */
export async function appendAudit(tx: Tx, keys: KeyRing, countyCode: string, who: AuditActor, e: AuditEntry) {
  await tx.insert(auditHeads).values({ countyCode, seq: 0, hash: GENESIS }).onConflictDoNothing();
  const [head] = await tx
    .select({ seq: auditHeads.seq, hash: auditHeads.hash })
    .from(auditHeads)
    .where(eq(auditHeads.countyCode, countyCode))
    .for('update');
  const row: ChainedRow = {
    countyCode,
    seq: Number(head.seq) + 1,
    at: new Date(),
    actorId: who.actorId,
    actorName: who.actorName,
    roles: who.roles,
    ip: who.ip,
    action: e.action,
    objectType: e.objectType ?? null,
    objectId: e.objectId ?? null,
    orgId: e.orgId ?? null,
    result: e.result,
    reason: e.reason ?? null,
    detail: e.detail ?? null,
  };
  const hash = linkHash(keys.audit, head.hash, row);
  await tx.insert(auditLog).values({ ...row, result: e.result, prevHash: head.hash, hash });
  await tx
    .update(auditHeads)
    .set({ seq: row.seq, hash })
    .where(sql`${auditHeads.countyCode} = ${countyCode}`);
  return row.seq;
}

/** Appends an audit row for the request's actor in the actor's county (or the given one). */
export function audit(ctx: Ctx, tx: Tx, e: AuditEntry, countyCode?: string) {
  const county = countyCode ?? ctx.actor?.countyCode ?? ctx.services.config.countyCode;
  return appendAudit(tx, ctx.services.keys, county, actorOf(ctx), e);
}
