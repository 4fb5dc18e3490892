import { and, eq, inArray, ne } from 'drizzle-orm';
import { isInSubtree } from '../../core/access/scope.ts';
import type { Tx } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { squash } from './vocab.ts';

/** What the import needs to know about an organization. */
export type DirOrg = { id: string; parentId: string | null; path: string; depth: number; name: string; code: string | null; level: string; category: string | null };

/** How a cell naming an organization resolved. */
export type OrgResolution =
  | { ok: true; org: DirOrg }
  | { ok: false; code: 'IMPORT_ORG_NOT_FOUND' | 'ORG_OUT_OF_SCOPE' | 'IMPORT_ORG_AMBIGUOUS'; params: Record<string, unknown> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const push = <K, V>(m: Map<K, V[]>, k: K, v: V) => {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
};

/**
 * The active organizations of a county, loaded once per import (≈ 1,700 rows in a county) so every
 * row resolves in memory. Unscoped on purpose (a `system…` lookup): a name outside the importer's
 * scope must be told apart from a missing one, so `resolve` applies the scope itself and answers
 * "组织不在您的管理范围内" for an organization that exists elsewhere (never a 404 for the file).
 */
export class OrgDirectory {
  readonly byId = new Map<string, DirOrg>();
  private byName = new Map<string, DirOrg[]>();
  private byCode = new Map<string, DirOrg[]>();
  private children = new Map<string, Set<string>>();

  private constructor(
    orgs: DirOrg[],
    private readonly foreign: Set<string>,
  ) {
    for (const o of orgs) {
      this.byId.set(o.id, o);
      push(this.byName, squash(o.name), o);
      if (o.code) push(this.byCode, squash(o.code), o);
      if (o.parentId) {
        const set = this.children.get(o.parentId) ?? new Set<string>();
        set.add(squash(o.name));
        this.children.set(o.parentId, set);
      }
    }
  }

  /** Loads the county's active organizations; `refs` are the cells that will be resolved. */
  static async systemLoad(tx: Tx, countyCode: string, refs: Iterable<string>): Promise<OrgDirectory> {
    const orgs = await tx
      .select({
        id: organizations.id,
        parentId: organizations.parentId,
        path: organizations.path,
        depth: organizations.depth,
        name: organizations.name,
        code: organizations.code,
        level: organizations.level,
        category: organizations.category,
      })
      .from(organizations)
      .where(and(eq(organizations.countyCode, countyCode), eq(organizations.status, 'active')));
    const known = new Set(orgs.map((o) => o.id));
    const ids = [...new Set([...refs].map((r) => r.trim().toLowerCase()))].filter((r) => UUID.test(r) && !known.has(r));
    const foreign = new Set<string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(and(ne(organizations.countyCode, countyCode), inArray(organizations.id, ids.slice(i, i + 1000))));
      for (const r of rows) foreign.add(r.id);
    }
    return new OrgDirectory(orgs, foreign);
  }

  /** Resolves an id, a code or an exact name against the importer's scope paths. */
  resolve(raw: string, scope: readonly string[]): OrgResolution {
    const ref = raw.trim();
    if (UUID.test(ref)) {
      const id = ref.toLowerCase();
      const org = this.byId.get(id);
      if (org) return isInSubtree(org.path, scope) ? { ok: true, org } : { ok: false, code: 'ORG_OUT_OF_SCOPE', params: { value: ref } };
      return this.foreign.has(id) ? { ok: false, code: 'ORG_OUT_OF_SCOPE', params: { value: ref } } : { ok: false, code: 'IMPORT_ORG_NOT_FOUND', params: { value: ref } };
    }
    const key = squash(ref);
    const found = this.byCode.get(key) ?? this.byName.get(key) ?? [];
    const mine = found.filter((o) => isInSubtree(o.path, scope));
    if (mine.length === 1) return { ok: true, org: mine[0] };
    if (mine.length > 1) return { ok: false, code: 'IMPORT_ORG_AMBIGUOUS', params: { value: ref, count: mine.length } };
    if (found.length > 0) return { ok: false, code: 'ORG_OUT_OF_SCOPE', params: { value: ref } };
    return { ok: false, code: 'IMPORT_ORG_NOT_FOUND', params: { value: ref } };
  }

  /** True when an active child of `parentId` already has this name. */
  hasChildNamed(parentId: string, name: string): boolean {
    return this.children.get(parentId)?.has(squash(name)) ?? false;
  }

  /** Organizations within the scope, by path (template lists). */
  inScope(scope: readonly string[], limit: number): DirOrg[] {
    return [...this.byId.values()].filter((o) => isInSubtree(o.path, scope)).sort((a, b) => a.depth - b.depth || a.path.localeCompare(b.path)).slice(0, limit);
  }
}
