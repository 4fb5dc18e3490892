// Detail panel of one organization: warnings, details with member counts, committee, history and to-dos;
// create-child, edit, move, merge and dissolve for org.write.
import { DeleteOutlined, EditOutlined, MergeCellsOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Spin, Tabs, Tag } from 'antd';
import { type ReactNode, useCallback, useState } from 'react';
import { getOrg, type OrgDetail as OrgDetailData } from '../../api/orgs';
import type { Org } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { OrgCommittee } from './org-committee';
import { EditOrgModal } from './org-edit-modal';
import { CreateChildModal } from './org-forms';
import { OrgHistory } from './org-history';
import { SplitSuggestionButton } from './org-split';
import { DissolveModal, MoveMergeModal } from './org-structure-modals';
import { OrgTodos } from './org-todos';
import { WarningAlerts } from './org-warnings';

type Props = {
  id: string;
  onSaved: (org: Org) => void;
  onChildCreated: (parentId: string) => void;
  /** After a move, merge or dissolve: the tree reloads. */
  onStructureChanged: (org: OrgDetailData) => void;
};

type ModalKind = 'create' | 'edit' | 'move' | 'merge' | 'dissolve';

const orDash = (v: string | number | null | undefined) => (v === null || v === undefined || v === '' ? '—' : v);

/** Loads and shows GET /api/orgs/:id. */
export function OrgDetail({ id, onSaved, onChildCreated, onStructureChanged }: Props) {
  const t = useT();
  const { can } = useSession();
  const load = useCallback(() => getOrg(id), [id]);
  const { data: org, error, loading, reload } = useAsync(load);
  const [modal, setModal] = useState<ModalKind | null>(null);
  const [historyKey, setHistoryKey] = useState(0);
  const active = org?.status === 'active';
  const writable = can('org.write') && active;
  // 拆分建议 for branches (and 党总支/下设支部) to those who may see the members' names.
  const splittable = active && can('member.read') && (org?.level === 'branch' || org?.level === 'general_branch' || org?.level === 'sub_branch');

  const structureDone = (saved: OrgDetailData) => {
    setModal(null);
    reload();
    setHistoryKey((k) => k + 1);
    onStructureChanged(saved);
  };

  const button = (kind: ModalKind, icon: ReactNode, text: string, danger = false) => (
    <Button icon={icon} danger={danger} onClick={() => setModal(kind)} data-testid={`org-${kind === 'edit' ? 'rename' : kind === 'create' ? 'create-child' : kind}`}>
      {text}
    </Button>
  );
  const actions =
    (writable || splittable) && org ? (
      <Space wrap style={{ marginBottom: 16 }}>
        {writable ? button('create', <PlusOutlined />, t('orgs.createChild')) : null}
        {writable ? button('edit', <EditOutlined />, t('orgs.rename')) : null}
        {writable && org.parentId ? button('move', <SwapOutlined />, t('orgs.move')) : null}
        {writable && org.parentId ? button('merge', <MergeCellsOutlined />, t('orgs.merge')) : null}
        {writable && org.parentId ? button('dissolve', <DeleteOutlined />, t('orgs.dissolve'), true) : null}
        {splittable ? <SplitSuggestionButton orgId={org.id} orgName={org.name} /> : null}
      </Space>
    ) : null;

  const details = org ? (
    <Descriptions
      bordered
      size="small"
      column={1}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: t('orgs.name'), children: org.name },
        { key: 'short', label: t('orgs.shortName'), children: orDash(org.shortName) },
        { key: 'level', label: t('orgs.level'), children: label(t, 'level', org.level) },
        { key: 'cat', label: t('orgs.category'), children: org.category ? label(t, 'category', org.category) : '—' },
        {
          key: 'status',
          label: t('orgs.status'),
          children: <Tag color={active ? 'success' : 'default'}>{label(t, 'status', org.status)}</Tag>,
        },
        {
          key: 'members',
          label: t('orgs.members'),
          children: (
            <span data-testid="org-member-counts">
              {t('orgs.memberCountsValue', { ...org.memberCounts, subtree: org.subtreeMemberCount })}
            </span>
          ),
        },
        { key: 'address', label: t('orgs.address'), children: orDash(org.address) },
        {
          key: 'location',
          label: t('orgs.location'),
          children: org.longitude !== null && org.latitude !== null ? `${org.longitude}, ${org.latitude}` : '—',
        },
        { key: 'contact', label: t('orgs.contactName'), children: orDash(org.contactName) },
        { key: 'phone', label: t('orgs.contactPhone'), children: orDash(org.contactPhone) },
        { key: 'established', label: t('orgs.establishedOn'), children: orDash(org.establishedOn) },
        { key: 'termStart', label: t('orgs.termStart'), children: orDash(org.termStart) },
        {
          key: 'termDue',
          label: t('orgs.termDueOn'),
          children: org.termDueOn ? t('orgs.termDueValue', { due: org.termDueOn, years: org.termYears ?? '—' }) : '—',
        },
        { key: 'code', label: t('orgs.code'), children: orDash(org.code) },
        { key: 'county', label: t('orgs.county'), children: org.countyCode },
        { key: 'id', label: t('orgs.id'), children: <span style={{ wordBreak: 'break-all' }}>{org.id}</span> },
      ]}
    />
  ) : null;

  return (
    <Card title={org?.name ?? t('orgs.detail')} data-testid="org-detail">
      <LoadError error={error} onRetry={reload} />
      {actions}
      {loading && !org ? <Spin /> : null}
      {org ? <WarningAlerts warnings={org.warnings} /> : null}
      {org ? (
        <Tabs
          destroyOnHidden
          items={[
            { key: 'details', label: t('orgs.tabDetails'), children: details },
            { key: 'committee', label: t('orgs.tabCommittee'), children: <OrgCommittee orgId={org.id} /> },
            { key: 'history', label: t('orgs.tabHistory'), children: <OrgHistory key={historyKey} orgId={org.id} /> },
            { key: 'todos', label: t('orgs.tabTodos'), children: <OrgTodos orgId={org.id} /> },
          ]}
        />
      ) : null}
      {org && modal === 'create' ? (
        <CreateChildModal
          parent={org}
          onClose={() => setModal(null)}
          onCreated={() => {
            setModal(null);
            onChildCreated(org.id);
          }}
        />
      ) : null}
      {org && modal === 'edit' ? (
        <EditOrgModal
          org={org}
          onClose={() => setModal(null)}
          onSaved={(saved) => {
            setModal(null);
            onSaved(saved);
            reload();
            setHistoryKey((k) => k + 1);
          }}
        />
      ) : null}
      {org && (modal === 'move' || modal === 'merge') ? (
        <MoveMergeModal org={org} kind={modal} onClose={() => setModal(null)} onDone={structureDone} />
      ) : null}
      {org && modal === 'dissolve' ? <DissolveModal org={org} onClose={() => setModal(null)} onDone={structureDone} /> : null}
    </Card>
  );
}
