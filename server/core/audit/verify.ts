import type { KeyRing } from '../crypto/keys.ts';
import type { Database } from '../db/client.ts';
import { type ChainedRow, GENESIS, linkHash } from './audit.ts';

/** Where and why the chain broke. */
export type BrokenLink = { countyCode: string; seq: number; reason: 'hash' | 'prev_hash' | 'gap' | 'head' };

/** The outcome of a verification. */
export type VerifyResult = { ok: boolean; checked: number; brokenAt?: BrokenLink };

type Raw = Omit<ChainedRow, 'at'> & { at: Date | string; prevHash: string; hash: string };

/**
 * Walks every county's chain in order, recomputing each link, and stops at the first broken one:
 * an altered row (hash), a re-linked row (prev_hash), a missing row (gap), or a head that does not
 * match the last row (rows removed from the end).
 */
export async function verifyAudit(
  database: Database,
  keys: KeyRing,
  onProgress?: (checked: number, total: number) => void,
): Promise<VerifyResult> {
  const [{ total }] = await database.query<{ total: number }>('SELECT count(*)::int AS total FROM audit_log');
  // Every county that has rows is walked, even when its head row is missing (audit_heads is
  // writable by the application; deleting a head must not hide a chain from the verifier).
  const heads = await database.query<{ county_code: string; seq: number; hash: string }>(
    `SELECT c.county_code, coalesce(h.seq, 0)::int AS seq, coalesce(h.hash, '') AS hash
       FROM (SELECT county_code FROM audit_heads UNION SELECT DISTINCT county_code FROM audit_log) c
       LEFT JOIN audit_heads h ON h.county_code = c.county_code
      ORDER BY c.county_code`,
  );
  let checked = 0;
  for (const head of heads) {
    let prev = GENESIS;
    let expectSeq = 1;
    for (;;) {
      const rows = await database.query<Raw>(
        `SELECT county_code AS "countyCode", seq::int AS seq, at, actor_id AS "actorId", actor_name AS "actorName",
                roles, ip, action, object_type AS "objectType", object_id AS "objectId", org_id AS "orgId", result,
                reason, detail, prev_hash AS "prevHash", hash
           FROM audit_log WHERE county_code = $1 AND seq >= $2 ORDER BY seq LIMIT 2000`,
        // The first page starts below 1 so rows inserted outside the chain (seq <= 0) show as a gap.
        [head.county_code, expectSeq === 1 ? Number.MIN_SAFE_INTEGER : expectSeq],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const at = r.at instanceof Date ? r.at : new Date(r.at);
        const fail = (reason: BrokenLink['reason']) => ({
          ok: false,
          checked,
          brokenAt: { countyCode: head.county_code, seq: r.seq, reason },
        });
        if (r.seq !== expectSeq) return { ok: false, checked, brokenAt: { countyCode: head.county_code, seq: expectSeq, reason: 'gap' } };
        if (r.prevHash !== prev) return fail('prev_hash');
        if (linkHash(keys.audit, prev, { ...r, at }) !== r.hash) return fail('hash');
        prev = r.hash;
        expectSeq++;
        checked++;
        if (checked % 1000 === 0) onProgress?.(checked, total);
      }
    }
    if (expectSeq - 1 !== Number(head.seq) || prev !== head.hash)
      return { ok: false, checked, brokenAt: { countyCode: head.county_code, seq: expectSeq, reason: 'head' } };
  }
  onProgress?.(checked, total);
  return { ok: true, checked };
}
