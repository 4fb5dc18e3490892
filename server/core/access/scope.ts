import { type AnyColumn, type SQL, like, or, sql } from 'drizzle-orm';

/** A path is "/id/id/.../"; a subtree of P is every path starting with P. */
export function isInSubtree(path: string, scopePaths: readonly string[]): boolean {
  return scopePaths.some((p) => path.startsWith(p));
}

/**
 * The one predicate for "row is inside the caller's scope": the row's organization path starts with
 * one of the scope paths. Never true for an empty scope. Paths are uuids and slashes only, so no
 * LIKE wildcard can sneak in; they are still escaped for safety.
 */
export function inSubtree(pathColumn: AnyColumn | SQL, scopePaths: readonly string[]): SQL {
  if (scopePaths.length === 0) return sql`false`;
  const parts = minimalRoots(scopePaths).map((p) => like(pathColumn as AnyColumn, `${escapeLike(p)}%`));
  return parts.length === 1 ? parts[0] : (or(...parts) as SQL);
}

/** Drops paths already covered by an ancestor path in the list. */
export function minimalRoots(paths: readonly string[]): string[] {
  const sorted = [...new Set(paths)].sort((a, b) => a.length - b.length);
  const out: string[] = [];
  for (const p of sorted) if (!out.some((r) => p.startsWith(r))) out.push(p);
  return out;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
