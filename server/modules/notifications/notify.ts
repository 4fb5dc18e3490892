// notify(): how every module writes notifications (docs/NOTIFICATIONS.md "Writing notifications").
// Set-based and idempotent: one INSERT … SELECT FROM unnest(…) per chunk of 2,000 items, ON CONFLICT on
// (county_code, dedupe_key) DO NOTHING, inside the caller's transaction when given one.
import { sql } from 'drizzle-orm';
import type { Lang } from '../../core/errors/messages.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Tx } from '../../core/services.ts';
import { RECIPIENT_KINDS, SEVERITIES, type Severity } from './notifications.tables.ts';

/** A text in both languages of the console. */
export type Texts = Record<Lang, string>;

/** Who a notification is for. */
export type Recipient =
  /** The member: every account linked to the member record (accounts.member_id). */
  | { kind: 'member'; memberId: string }
  /** One account. */
  | { kind: 'account'; accountId: string }
  /** An organization: every account granted an officer role exactly at it (ORG_OFFICER_ROLES). */
  | { kind: 'org'; orgId: string };

/** One notification to write. */
export type NotificationInput = {
  countyCode: string;
  recipient: Recipient;
  /** A stable code of what happened: lower case, dotted ('dues.arrears_3', 'dues.reminder'); at most 64 characters. */
  kind: string;
  /** Title (1–200 characters) in Chinese and English. */
  title: Texts;
  /** Body (at most 2,000 characters) in Chinese and English; empty by default. */
  body?: Texts;
  /** The facts behind the texts (JSON), kept for programs. */
  params?: Record<string, unknown>;
  /** A path of the console ('/dues/bills?month=2026-05'): starts with one '/', never another site. */
  link?: string | null;
  /** 'info' by default. */
  severity?: Severity;
  /**
   * Unique in the county: a second notify() with the same key writes nothing. Name what makes the
   * notification once-only, e.g. `dues.arrears_3:${memberId}:${month}`. At most 200 characters.
   */
  dedupeKey: string;
};

/** Items per INSERT statement. */
const CHUNK = 2000;
const KIND = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;
/** A console path: one leading slash, not '//' or '/\' (which browsers read as another host). */
const LINK = /^\/([^/\\]|$)/;

/** Checks one item (a programming error throws RangeError, like the dues engine). */
function check(n: NotificationInput, i: number) {
  const fail = (what: string) => {
    throw new RangeError(`notify: item ${i}: ${what}`);
  };
  if (!n.countyCode) fail('countyCode is empty');
  if (!RECIPIENT_KINDS.includes(n.recipient?.kind)) fail(`unknown recipient kind ${String(n.recipient?.kind)}`);
  const id = n.recipient.kind === 'member' ? n.recipient.memberId : n.recipient.kind === 'account' ? n.recipient.accountId : n.recipient.orgId;
  if (!id) fail(`the ${n.recipient.kind} recipient has no id`);
  if (!KIND.test(n.kind) || n.kind.length > 64) fail(`kind ${JSON.stringify(n.kind)} is not a dotted lower-case code`);
  for (const l of ['zh-CN', 'en'] as const) {
    const title = n.title?.[l] ?? '';
    if (title.length < 1 || title.length > 200) fail(`title.${l} must have 1–200 characters`);
    if ((n.body?.[l] ?? '').length > 2000) fail(`body.${l} has more than 2000 characters`);
  }
  if (n.link != null && (!LINK.test(n.link) || n.link.length > 500)) fail(`link ${JSON.stringify(n.link)} is not a console path`);
  if (n.severity !== undefined && !SEVERITIES.includes(n.severity)) fail(`unknown severity ${String(n.severity)}`);
  if (!n.dedupeKey || n.dedupeKey.length > 200) fail('dedupeKey must have 1–200 characters');
}

const arr = (values: unknown[], type: string) => sql`${sql.param(values)}::${sql.raw(type)}[]`;

/**
 * Writes notifications; returns how many were new (an item whose dedupeKey the county already has is
 * skipped, so a job may notify again after a retry without doubling anything). Pass the caller's
 * transaction to write with the change that caused them (nothing is written if it rolls back).
 * Thousands of items cost one statement per 2,000. Throws RangeError on an invalid item (nothing is
 * written then); a recipient id that does not exist in the county fails the foreign key.
 */
export async function notify(db: Tx, items: readonly NotificationInput[]): Promise<number> {
  items.forEach(check);
  let created = 0;
  for (let i = 0; i < items.length; i += CHUNK) {
    const chunk = items.slice(i, i + CHUNK);
    const col = <T>(f: (n: NotificationInput) => T) => chunk.map(f);
    const r = (await db.execute(sql`
      WITH ins AS (
        INSERT INTO notifications (county_code, id, recipient_kind, member_id, account_id, org_id, kind, params,
                                   title_zh, title_en, body_zh, body_en, link, severity, dedupe_key)
        SELECT u.county_code, u.id, u.recipient_kind, u.member_id, u.account_id, u.org_id, u.kind, u.params::jsonb,
               u.title_zh, u.title_en, u.body_zh, u.body_en, u.link, u.severity, u.dedupe_key
          FROM unnest(${arr(col((n) => n.countyCode), 'text')}, ${arr(col(() => uuidv7()), 'uuid')}, ${arr(col((n) => n.recipient.kind), 'text')},
                      ${arr(col((n) => (n.recipient.kind === 'member' ? n.recipient.memberId : null)), 'uuid')},
                      ${arr(col((n) => (n.recipient.kind === 'account' ? n.recipient.accountId : null)), 'uuid')},
                      ${arr(col((n) => (n.recipient.kind === 'org' ? n.recipient.orgId : null)), 'uuid')},
                      ${arr(col((n) => n.kind), 'text')}, ${arr(col((n) => JSON.stringify(n.params ?? {})), 'text')},
                      ${arr(col((n) => n.title['zh-CN']), 'text')}, ${arr(col((n) => n.title.en), 'text')},
                      ${arr(col((n) => n.body?.['zh-CN'] ?? ''), 'text')}, ${arr(col((n) => n.body?.en ?? ''), 'text')},
                      ${arr(col((n) => n.link ?? null), 'text')}, ${arr(col((n) => n.severity ?? 'info'), 'text')}, ${arr(col((n) => n.dedupeKey), 'text')})
               AS u(county_code, id, recipient_kind, member_id, account_id, org_id, kind, params, title_zh, title_en, body_zh, body_en, link, severity, dedupe_key)
        ON CONFLICT (county_code, dedupe_key) DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM ins`)) as unknown as { rows: { n: number }[] };
    created += r.rows[0].n;
  }
  return created;
}
