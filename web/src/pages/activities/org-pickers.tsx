// Organization pickers of the activity forms: several organizations (invitations) from the lazy tree,
// and a 红色驿站 found by name.
import { Select, Spin, TreeSelect } from 'antd';
import { useState } from 'react';
import { getOrgChildren } from '../../api/orgs';
import { useOrgTree } from '../../components/use-org-tree';
import { useT } from '../../i18n/i18n';
import { useRemoteOptions } from '../../lib/use-remote-options';

type MultiProps = { value?: string[]; onChange?: (value: string[]) => void; id?: string; known?: { id: string; name: string }[] };

/** Picks several organizations within the caller's scope. */
export function OrgMultiSelect({ value, onChange, id, known }: MultiProps) {
  const t = useT();
  const tree = useOrgTree();
  const names = new Map((known ?? []).map((k) => [k.id, k.name]));
  return (
    <TreeSelect
      id={id}
      multiple
      value={(value ?? []).map((v) => ({ value: v, label: names.get(v) ?? v }))}
      labelInValue
      onChange={(v: { value: string }[]) => onChange?.(v.map((x) => x.value))}
      treeData={tree.treeData}
      loadData={tree.loadData}
      loading={tree.loading}
      placeholder={t('orgs.pick')}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 32px)' } } }}
      style={{ width: '100%' }}
    />
  );
}

type StationProps = { value?: string | null; onChange?: (value: string | null) => void; id?: string; knownName?: string | null };

/** Picks a 红色驿站 by name (organizations of that level that the caller can see). */
export function StationSelect({ value, onChange, id, knownName }: StationProps) {
  const t = useT();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const { options, loading, labels: names } = useRemoteOptions(
    async (text) =>
      (await getOrgChildren(undefined, text || t('activities.stationSearchDefault'))).filter((o) => o.level === 'red_station').map((o) => ({ value: o.id, label: o.name })),
    q,
    open,
    [t],
  );
  if (value && knownName && !names.current.has(value)) names.current.set(value, knownName);

  const shown = value && !options.some((o) => o.value === value) ? [{ value, label: names.current.get(value) ?? value }, ...options] : options;
  return (
    <Select<string>
      id={id}
      value={value ?? undefined}
      onChange={(v) => onChange?.(v ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={setOpen}
      options={shown}
      allowClear
      placeholder={t('activities.stationPlaceholder')}
      notFoundContent={loading ? <Spin size="small" /> : t('activities.stationNone')}
      style={{ width: '100%' }}
    />
  );
}
