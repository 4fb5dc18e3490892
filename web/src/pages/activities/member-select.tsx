// A member picker with server search (GET /api/members?orgId=…&q=…: name, pinyin initials, card number);
// works inside Form.Item, single or multiple.
import { Select, Spin } from 'antd';
import { useState } from 'react';
import { listMembers, type MemberItem } from '../../api/members';
import { useT } from '../../i18n/i18n';
import { useRemoteOptions } from '../../lib/use-remote-options';

type Option = { value: string; label: string };

type Props = {
  /** Only members of this organization's subtree (else the whole scope). */
  orgId?: string;
  /** Members already known (edit forms): their labels show before any search. */
  known?: { id: string; name: string }[];
  multiple?: boolean;
  value?: string | string[];
  onChange?: (value: string | string[] | undefined) => void;
  id?: string;
  'data-testid'?: string;
};

const optionOf = (m: MemberItem): Option => ({ value: m.id, label: `${m.name} · ${m.orgName}` });

/** Searches as the user types (250 ms after the last key); lists the organization's first members on open. */
export function MemberSelect({ orgId, known, multiple, value, onChange, id, ...rest }: Props) {
  const t = useT();
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(false);
  const { options, loading, labels } = useRemoteOptions(
    async (text) => (await listMembers({ orgId, q: text || undefined }, 1, 30)).items.map(optionOf),
    q,
    open || !!q,
    [orgId],
  );
  for (const k of known ?? []) if (!labels.current.has(k.id)) labels.current.set(k.id, k.name);

  // Keep the labels of chosen values visible even when a new search no longer lists them.
  const chosen = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => !options.some((o) => o.value === v));
  const merged = [...chosen.map((v) => ({ value: v, label: labels.current.get(v) ?? v })), ...options];

  return (
    <Select<string | string[]>
      id={id}
      mode={multiple ? 'multiple' : undefined}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      onOpenChange={setOpen}
      options={merged}
      allowClear
      placeholder={t('activities.memberSearch')}
      notFoundContent={loading ? <Spin size="small" /> : t('activities.memberNone')}
      style={{ width: '100%' }}
      data-testid={rest['data-testid']}
    />
  );
}
