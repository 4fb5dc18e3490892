// Lazily loaded organization tree shared by the Tree page and the TreeSelect pickers.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { getOrgChildren } from '../api/orgs';
import type { Org } from '../api/types';

/** A node usable by both antd Tree and TreeSelect. */
export type OrgTreeNode = {
  key: string;
  value: string;
  title: string;
  isLeaf: boolean;
  org: Org;
  children?: OrgTreeNode[];
};

const ROOT = '';

/** Loads the caller's scope roots (or the orgs matching `q`), then children on demand. */
export function useOrgTree(q?: string) {
  const [lists, setLists] = useState<Map<string, Org[]>>(() => new Map());
  const [error, setError] = useState<unknown>(undefined);
  const [loading, setLoading] = useState(true);
  const listsRef = useRef(lists);
  listsRef.current = lists;

  const fetchChildren = useCallback(async (parentId: string) => {
    const items = await (parentId === ROOT ? getOrgChildren(undefined, q || undefined) : getOrgChildren(parentId));
    setLists((prev) => new Map(prev).set(parentId, items));
    return items;
  }, [q]);

  const reloadRoots = useCallback(() => {
    setLoading(true);
    setError(undefined);
    setLists(new Map());
    fetchChildren(ROOT)
      .catch(setError)
      .finally(() => setLoading(false));
  }, [fetchChildren]);

  useEffect(reloadRoots, [reloadRoots]);

  /** For the `loadData` prop: fetches children unless they are already there. */
  const loadData = useCallback(
    async (node: { key?: unknown; value?: unknown }) => {
      const id = String(node.value ?? node.key);
      if (listsRef.current.has(id)) return;
      await fetchChildren(id);
    },
    [fetchChildren],
  );

  /** Replaces an org in the lists (after a rename) or marks a parent as having children. */
  const patchOrg = useCallback((id: string, patch: Partial<Org>) => {
    setLists((prev) => {
      const next = new Map(prev);
      for (const [k, items] of next) {
        if (items.some((o) => o.id === id)) next.set(k, items.map((o) => (o.id === id ? { ...o, ...patch } : o)));
      }
      return next;
    });
  }, []);

  /** Refreshes the children of a parent after a child was created under it. */
  const childAdded = useCallback(
    async (parentId: string) => {
      patchOrg(parentId, { hasChildren: true });
      await fetchChildren(parentId);
    },
    [patchOrg, fetchChildren],
  );

  const treeData = useMemo(() => {
    const build = (parentId: string): OrgTreeNode[] =>
      (lists.get(parentId) ?? []).map((org) => ({
        key: org.id,
        value: org.id,
        title: org.name,
        isLeaf: org.hasChildren === false,
        org,
        children: lists.has(org.id) ? build(org.id) : undefined,
      }));
    return build(ROOT);
  }, [lists]);

  return { treeData, loading, error, loadData, patchOrg, childAdded, reloadRoots };
}
