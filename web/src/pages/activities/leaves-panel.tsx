// 请假: the leave requests of an activity; a secretary adds one for a member and approves or rejects
// pending ones (with an optional note).
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Space, Table, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { decideLeave, type Leave, listLeaves, requestLeave } from '../../api/activities';
import { LoadError } from '../../components/load-error';
import { codeTag } from '../../components/table-columns';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { useAsync } from '../../lib/use-async';
import { shortTime } from './activity-bits';
import { MemberSelect } from './member-select';

const LEAVE_COLORS = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

type Props = { activityId: string; orgId: string; writable: boolean; onChanged: () => void };

/** Adds a leave request for a member of the organization. */
function AddLeaveModal({ activityId, orgId, onClose, onDone }: { activityId: string; orgId: string; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ memberId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { memberId: string; reason: string }) => {
    setBusy(true);
    try {
      await requestLeave(activityId, v.memberId, v.reason.trim());
      message.success(t('leaves.added'));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, ['memberId', 'reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('leaves.add')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'leave-add-ok' }}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="memberId" label={t('leaves.member')} rules={[{ required: true, message: t('common.required') }]}>
          <MemberSelect id="leaveMember" orgId={orgId} data-testid="leave-member" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('leaves.reason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 500, message: t('activities.rule.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea id="leaveReason" rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Approves or rejects one request. */
function DecideModal({ leave, approve, onClose, onDone }: { leave: Leave; approve: boolean; onClose: () => void; onDone: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { note?: string }) => {
    setBusy(true);
    try {
      await decideLeave(leave.id, approve, v.note?.trim() || undefined);
      message.success(approve ? t('leaves.approved') : t('leaves.rejected'));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, ['note'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t(approve ? 'leaves.approveTitle' : 'leaves.rejectTitle', { name: leave.name })}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      okButtonProps={{ danger: !approve, 'data-testid': 'leave-decide-ok' }}
      okText={approve ? t('leaves.approve') : t('leaves.reject')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item label={t('leaves.reason')}>{leave.reason}</Form.Item>
        <Form.Item name="note" label={t('leaves.note')} rules={[{ max: 500, message: t('activities.rule.max', { max: 500 }) }]}>
          <Input.TextArea id="leaveNote" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The tab's content. */
export function LeavesPanel({ activityId, orgId, writable, onChanged }: Props) {
  const t = useT();
  const { data, error, loading, reload } = useAsync(useCallback(() => listLeaves(activityId), [activityId]));
  const [adding, setAdding] = useState(false);
  const [deciding, setDeciding] = useState<{ leave: Leave; approve: boolean } | null>(null);
  const done = () => {
    setAdding(false);
    setDeciding(null);
    reload();
    onChanged();
  };

  const columns: TableColumnsType<Leave> = [
    { title: t('leaves.member'), dataIndex: 'name' },
    { title: t('leaves.reason'), dataIndex: 'reason' },
    { title: t('leaves.state'), dataIndex: 'state', render: (s: string) => codeTag(t, 'leaves.state', s, LEAVE_COLORS) },
    { title: t('leaves.requestedAt'), dataIndex: 'requestedAt', render: shortTime },
    {
      title: t('leaves.decision'),
      key: 'decision',
      render: (_, l) =>
        l.decidedAt ? (
          <span>
            {l.decidedName ?? ''} {shortTime(l.decidedAt)}
            {l.decisionNote ? `：${l.decisionNote}` : ''}
          </span>
        ) : (
          '—'
        ),
    },
  ];
  if (writable) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      render: (_, l) =>
        l.state === 'pending' ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => setDeciding({ leave: l, approve: true })} data-testid="leave-approve">
              {t('leaves.approve')}
            </Button>
            <Button type="link" size="small" danger onClick={() => setDeciding({ leave: l, approve: false })} data-testid="leave-reject">
              {t('leaves.reject')}
            </Button>
          </Space>
        ) : null,
    });
  }

  return (
    <div data-testid="leaves-panel">
      <LoadError error={error} onRetry={reload} />
      {writable ? (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="leave-add">
            {t('leaves.add')}
          </Button>
        </Flex>
      ) : null}
      <Table<Leave>
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={data ?? []}
        columns={columns}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="leaves-table"
      />
      {adding ? <AddLeaveModal activityId={activityId} orgId={orgId} onClose={() => setAdding(false)} onDone={done} /> : null}
      {deciding ? <DecideModal leave={deciding.leave} approve={deciding.approve} onClose={() => setDeciding(null)} onDone={done} /> : null}
    </div>
  );
}
