// 基本信息: the activity's fields, with 编辑 and 取消活动 (with a reason) while it can still change.
import { EditOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { type Activity, cancelActivity } from '../../api/activities';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { shortTime, stateTags, timeSpan } from './activity-bits';
import { ActivityFormModal } from './activity-form-modal';
import { useActivityTypes } from './activity-types';

/** Asks for the reason and cancels. */
function CancelModal({ activity, onClose, onDone }: { activity: Activity; onClose: () => void; onDone: (a: Activity) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { reason: string }) => {
    setBusy(true);
    try {
      const saved = await cancelActivity(activity.id, v.reason.trim());
      message.success(t('activities.cancelled'));
      onDone(saved);
    } catch (err) {
      if (!applyFieldErrors(form, ['reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('activities.cancelTitle', { title: activity.title })}
      onCancel={onClose}
      onOk={form.submit}
      okText={t('activities.cancelActivity')}
      okButtonProps={{ danger: true, 'data-testid': 'activity-cancel-ok' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('activities.cancelHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('activities.cancelReason')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 500, message: t('activities.rule.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea id="cancelReason" rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The tab's content; `onChanged` gets the saved activity. */
export function ActivityInfo({ activity: a, onChanged }: { activity: Activity; onChanged: (a: Activity) => void }) {
  const t = useT();
  const narrow = useNarrow();
  const types = useActivityTypes();
  const [modal, setModal] = useState<'edit' | 'cancel' | null>(null);
  const done = (saved: Activity) => {
    setModal(null);
    onChanged(saved);
  };
  const editable = a.canEdit && a.state === 'planned' && !a.locked;
  const orDash = (v: string | null | undefined) => v || '—';
  const invites = (kind: 'member' | 'org') => {
    const items = a.invites.filter((i) => i.kind === kind);
    return items.length ? (
      <Space size={[4, 4]} wrap>
        {items.map((i) => (
          <Tag key={i.id}>{i.name}</Tag>
        ))}
      </Space>
    ) : (
      '—'
    );
  };

  return (
    <div data-testid="activity-info">
      {a.state === 'cancelled' ? (
        <Alert
          type="warning"
          showIcon
          title={t('activities.cancelledBanner')}
          description={a.cancelReason ? t('activities.cancelReasonShown', { reason: a.cancelReason }) : undefined}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {a.locked ? <Alert type="info" showIcon title={t('activities.lockedBanner')} style={{ marginBottom: 16 }} /> : null}
      {editable ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Button icon={<EditOutlined />} onClick={() => setModal('edit')} data-testid="activity-edit">
            {t('activities.edit')}
          </Button>
          <Button danger icon={<StopOutlined />} onClick={() => setModal('cancel')} data-testid="activity-cancel">
            {t('activities.cancelActivity')}
          </Button>
        </Space>
      ) : null}
      <Descriptions bordered size="small" column={narrow ? 1 : 2}>
        <Descriptions.Item label={t('activities.field.title')} span={narrow ? 1 : 2}>
          {a.title}
        </Descriptions.Item>
        <Descriptions.Item label={t('activities.field.org')}>{a.orgName}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.type')}>{types.name(a.type)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.time')}>{timeSpan(a)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.window')}>
          {shortTime(a.checkinFrom)} – {shortTime(a.checkinUntil)}
        </Descriptions.Item>
        <Descriptions.Item label={t('activities.field.place')}>{orDash(a.place)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.station')}>{orDash(a.stationName)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.host')}>{orDash(a.hostName)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.recorder')}>{orDash(a.recorderName)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.lecturer')}>{orDash(a.lecturer)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.remoteAllowed')}>{a.remoteAllowed ? t('common.yes') : t('common.no')}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.state')}>{stateTags(t, a)}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.inviteMembers')}>{invites('member')}</Descriptions.Item>
        <Descriptions.Item label={t('activities.field.inviteOrgs')} span={narrow ? 1 : 2}>
          {invites('org')}
        </Descriptions.Item>
        <Descriptions.Item label={t('activities.field.agenda')} span={narrow ? 1 : 2}>
          {a.agenda ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.agenda}</Typography.Paragraph> : '—'}
        </Descriptions.Item>
      </Descriptions>
      {modal === 'edit' ? <ActivityFormModal activity={a} onClose={() => setModal(null)} onSaved={done} /> : null}
      {modal === 'cancel' ? <CancelModal activity={a} onClose={() => setModal(null)} onDone={done} /> : null}
    </div>
  );
}
