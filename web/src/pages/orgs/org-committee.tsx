// 支委会: the committee positions of an organization (current first, ended kept), appoint and end (org.write).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Flex, Form, Modal, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { listMembers } from '../../api/members';
import { addCommitteePosition, COMMITTEE_POSITIONS, type CommitteeEntry, type CommitteePosition, endCommitteePosition, getCommittee } from '../../api/orgs';
import { LoadError } from '../../components/load-error';
import { actionsColumn, useRowAction } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';
import { useAsync } from '../../lib/use-async';
import { useSession } from '../../session/session';

type Values = { memberId: string; position: CommitteePosition; termStart: Dayjs };

/** Picks a member of the organization by name (server search). */
function MemberPicker({ orgId, value, onChange }: { orgId: string; value?: string; onChange?: (v: string) => void }) {
  const t = useT();
  const [q, setQ] = useState('');
  const { data, loading } = useAsync(useCallback(() => listMembers({ orgId, q: q || undefined }, 1, 20), [orgId, q]));
  return (
    <Select
      id="committeeMember"
      showSearch={{ filterOption: false, onSearch: (v) => setQ(v.trim()) }}
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={t('committee.pickMember')}
      options={(data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name}（${label(t, 'memberStatus', m.status)}）` }))}
    />
  );
}

/** The committee tab of an organization. */
export function OrgCommittee({ orgId }: { orgId: string }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useAsync(useCallback(() => getCommittee(orgId), [orgId]));
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const run = useRowAction(reload);
  const writable = can('org.write');

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await addCommitteePosition(orgId, { memberId: v.memberId, position: v.position, termStart: v.termStart.format('YYYY-MM-DD') });
      message.success(t('committee.added'));
      setAdding(false);
      reload();
    } catch (err) {
      if (!applyFieldErrors(form, ['memberId', 'position', 'termStart'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns = [
    { title: t('committee.position'), dataIndex: 'position', render: (p: string) => label(t, 'position', p) },
    { title: t('committee.member'), dataIndex: 'memberName' },
    { title: t('committee.termStart'), dataIndex: 'termStart' },
    {
      title: t('committee.termEnd'),
      key: 'end',
      render: (_: unknown, e: CommitteeEntry) => (e.active ? <Tag color="success">{t('committee.current')}</Tag> : e.termEnd),
    },
  ];
  if (writable) {
    columns.push(
      actionsColumn<CommitteeEntry>(t, true, (e) =>
        e.active ? (
          <Popconfirm title={t('committee.endConfirm')} onConfirm={() => run(() => endCommitteePosition(orgId, e.id), t('committee.endedMsg'))}>
            <Button type="link" size="small" danger data-testid="committee-end">
              {t('committee.end')}
            </Button>
          </Popconfirm>
        ) : null,
      ) as (typeof columns)[number],
    );
  }

  return (
    <div data-testid="org-committee">
      <LoadError error={error} onRetry={reload} />
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          {data?.termStart ? t('committee.term', { start: data.termStart, due: data.termDueOn ?? '—' }) : t('committee.noTerm')}
        </Typography.Text>
        {writable ? (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="committee-add">
            {t('committee.add')}
          </Button>
        ) : null}
      </Flex>
      <Table<CommitteeEntry>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('committee.empty') }}
      />
      {adding ? (
        <Modal open title={t('committee.add')} onCancel={() => setAdding(false)} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
          <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ termStart: dayjs() }}>
            <Form.Item name="memberId" label={t('committee.member')} rules={[{ required: true, message: t('common.required') }]}>
              <MemberPicker orgId={orgId} />
            </Form.Item>
            <Form.Item name="position" label={t('committee.position')} rules={[{ required: true, message: t('common.required') }]}>
              <Select id="committeePosition" options={COMMITTEE_POSITIONS.map((p) => ({ value: p, label: label(t, 'position', p) }))} />
            </Form.Item>
            <Form.Item name="termStart" label={t('committee.termStart')} rules={[{ required: true, message: t('common.required') }]}>
              <DatePicker id="committeeTermStart" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </div>
  );
}
