import { blindIndex } from '../../core/crypto/field-crypto.ts';
import { appendAudit } from '../../core/audit/audit.ts';
import { uuidv7 } from '../../core/ids.ts';
import type { Services } from '../../core/services.ts';
import { toMemberRow } from '../members/member-row.ts';
import { shanghaiToday } from '../members/member-validate.ts';
import { systemMembers } from '../members/members.repo.ts';
import { memberEvents, members } from '../members/members.tables.ts';
import { bulkInsert } from './bulk-insert.ts';
import { cellText } from './cells.ts';
import { type MemberCandidate, type MemberKeys, checkMemberRow, cellsOf, duplicateErrors } from './member-rows.ts';
import { OrgDirectory } from './org-directory.ts';
import { type ImportOptions, type Importer, type ProgressFn, type RowError, breathe } from './types.ts';
import type { ParsedSheet } from './xlsx-read.ts';

const CHUNK = 2000;
/** Rows per INSERT statement (one JSON parameter each). */
const BATCH = 2500;

/**
 * Validates every member row before anything is written (PGlite has one connection: no write
 * transaction is open while this runs): row checks in chunks (progress between them), then
 * duplicates inside the file and against the county's registry (blind index of the ID number,
 * card numbers).
 */
export async function validateMembers(services: Services, importer: Importer, sheet: ParsedSheet, opts: ImportOptions, progress: ProgressFn) {
  const access = cellsOf(sheet);
  const refs = sheet.rows.map((r) => cellText(access.get(r, 'org'))).filter((x): x is string => !!x);
  const dir = await OrgDirectory.systemLoad(services.db, importer.countyCode, refs);
  const ctx = { resolveOrg: (ref: string) => dir.resolve(ref, importer.scope), defaultOrgId: opts.defaultOrgId, today: opts.today };
  const candidates: MemberCandidate[] = [];
  const keys: MemberKeys[] = [];
  const errors: RowError[] = [];
  for (let i = 0; i < sheet.rows.length; i += CHUNK) {
    for (const r of sheet.rows.slice(i, i + CHUNK)) {
      const checked = checkMemberRow(access, r, ctx);
      if (checked.ok) candidates.push(checked.ok);
      keys.push(checked.keys);
      errors.push(...checked.errors);
    }
    progress('validating', Math.min(i + CHUNK, sheet.rows.length), sheet.rows.length);
    await breathe();
  }
  const idColumn = access.column('idNumber') ?? '身份证号';
  const cardColumn = access.column('cardNo') ?? '党员卡号';
  errors.push(...duplicateErrors(keys, (k) => k.idNumber, 'idNumber', idColumn));
  errors.push(...duplicateErrors(keys, (k) => k.cardNo, 'cardNo', cardColumn));
  const indexOf = new Map(keys.filter((k) => k.idNumber).map((k) => [k.row, blindIndex(services.keys, 'id', k.idNumber!)]));
  const taken = await systemMembers.existingIdIndexes(services.db, importer.countyCode, [...new Set(indexOf.values())]);
  const cards = [...new Set(keys.map((k) => k.cardNo).filter((c): c is string => !!c))];
  const takenCards = new Set<string>();
  for (let i = 0; i < cards.length; i += 1000) for (const c of await systemMembers.existingCardNos(services.db, importer.countyCode, cards.slice(i, i + 1000))) takenCards.add(c);
  for (const k of keys) {
    const ix = indexOf.get(k.row);
    if (ix && taken.has(ix)) errors.push({ row: k.row, column: idColumn, field: 'idNumber', code: 'MEMBER_ID_DUPLICATE' });
    if (k.cardNo && takenCards.has(k.cardNo)) errors.push({ row: k.row, column: cardColumn, field: 'cardNo', code: 'MEMBER_CARD_DUPLICATE' });
  }
  const bad = new Set(errors.map((e) => e.row));
  errors.sort((a, b) => a.row - b.row);
  return { rows: candidates.filter((c) => !bad.has(c.row)), errors };
}

/**
 * Registers the members in one transaction: multi-row INSERTs (bulkInsert), the first entries of
 * each member's electronic file ('imported', then 'joined' and 'confirmed' on their dates when
 * known), and one audit row recording the import with its counts. A unique violation (someone registered the same person meanwhile)
 * rolls everything back.
 */
export async function writeMembers(services: Services, importer: Importer, rows: MemberCandidate[], detail: Record<string, unknown>, progress: ProgressFn) {
  const who = { actorId: importer.who.actorId, actorName: importer.who.actorName };
  const file = (detail.fileName as string | null) ?? null;
  const today = shanghaiToday();
  await services.db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const batch = rows.slice(i, i + BATCH).map((c) => {
        const { birthDate: _b, gender: _g, ...v } = c.values;
        return toMemberRow(services.keys, { ...v, countyCode: importer.countyCode, orgId: c.orgId }, uuidv7());
      });
      await bulkInsert(tx, members, batch);
      // The entries systemRegisterMembers writes for a new record, with 'imported' in place of
      // 'created', inserted in bulk: 导入建档, and 入党 / 转正 on their dates when known.
      const events: (typeof memberEvents.$inferInsert)[] = [];
      for (const m of batch) {
        const base = { countyCode: importer.countyCode, memberId: m.id!, orgId: m.orgId, source: 'imports', ...who };
        events.push({ ...base, id: uuidv7(), section: 'basic', type: 'imported', title: '由 Excel 导入，建立党员档案', occurredOn: today, detail: { file, status: m.status } });
        if (m.joinedOn) events.push({ ...base, id: uuidv7(), section: 'development', type: 'joined', title: '入党（预备党员）', occurredOn: m.joinedOn });
        if (m.confirmedOn) events.push({ ...base, id: uuidv7(), section: 'development', type: 'confirmed', title: '转为正式党员', occurredOn: m.confirmedOn });
      }
      await bulkInsert(tx, memberEvents, events);
      progress('writing', Math.min(i + BATCH, rows.length), rows.length);
      await breathe();
    }
    await appendAudit(tx, services.keys, importer.countyCode, importer.who, {
      action: 'import',
      result: 'success',
      objectType: 'members',
      orgId: importer.orgId,
      detail: { ...detail, written: rows.length },
    });
  });
  return rows.length;
}
