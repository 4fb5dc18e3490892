// Detail panel of one organization, with create-child and rename actions for org.write.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Spin, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { getOrg } from '../../api/orgs';
import type { Org } from '../../api/types';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';
import { CreateChildModal, EditOrgModal } from './org-forms';

type Props = { id: string; onSaved: (org: Org) => void; onChildCreated: (parentId: string) => void };

/** Loads and shows GET /api/orgs/:id. */
export function OrgDetail({ id, onSaved, onChildCreated }: Props) {
  const t = useT();
  const { can } = useSession();
  const load = useCallback(() => getOrg(id), [id]);
  const { data: org, error, loading, reload } = useAsync(load);
  const [modal, setModal] = useState<'create' | 'edit' | null>(null);
  const writable = can('org.write');

  const actions =
    writable && org ? (
      <Space wrap style={{ marginBottom: 16 }}>
        <Button icon={<PlusOutlined />} onClick={() => setModal('create')} data-testid="org-create-child">
          {t('orgs.createChild')}
        </Button>
        <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="org-rename">
          {t('orgs.rename')}
        </Button>
      </Space>
    ) : null;

  return (
    <Card title={org?.name ?? t('orgs.detail')} data-testid="org-detail">
      <LoadError error={error} onRetry={reload} />
      {actions}
      {loading && !org ? <Spin /> : null}
      {org ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: 'name', label: t('orgs.name'), children: org.name },
            { key: 'short', label: t('orgs.shortName'), children: org.shortName || '—' },
            { key: 'level', label: t('orgs.level'), children: label(t, 'level', org.level) },
            { key: 'cat', label: t('orgs.category'), children: org.category ? label(t, 'category', org.category) : '—' },
            {
              key: 'status',
              label: t('orgs.status'),
              children: <Tag color={org.status === 'active' ? 'success' : 'default'}>{label(t, 'status', org.status)}</Tag>,
            },
            { key: 'depth', label: t('orgs.depth'), children: org.depth },
            { key: 'county', label: t('orgs.county'), children: org.countyCode },
            { key: 'id', label: t('orgs.id'), children: <span style={{ wordBreak: 'break-all' }}>{org.id}</span> },
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
          }}
        />
      ) : null}
    </Card>
  );
}
