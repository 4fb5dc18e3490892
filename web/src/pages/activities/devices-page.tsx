// 签到终端 (/checkin-devices): the kiosks of the caller's scope; register one (its key id and secret are
// shown once, with the kiosk's address), disable one.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Space, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { type CheckinDevice, type DeviceIssued, disableDevice, listDevices, registerDevice } from '../../api/activities';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, PagedTable, usePagedList } from '../../components/paged-table';
import { actionsColumn, statusTag, timeColumn, useRowAction } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { StationSelect } from './org-pickers';

type Values = { name: string; orgId: string; place?: string; stationOrgId?: string | null };

/** The address a kiosk opens. */
export const kioskUrl = () => `${window.location.origin}/kiosk`;

/** Registers a device; the caller shows the credential. */
function RegisterModal({ onClose, onDone }: { onClose: () => void; onDone: (issued: DeviceIssued) => void }) {
  const t = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: Values) => {
    setBusy(true);
    try {
      onDone(
        await registerDevice({
          name: v.name.trim(),
          orgId: v.orgId,
          place: v.place?.trim() || undefined,
          stationOrgId: v.stationOrgId || undefined,
        }),
      );
    } catch (err) {
      if (!applyFieldErrors(form, ['name', 'orgId', 'place', 'stationOrgId'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('devices.register')}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'device-register-ok' }}
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="name"
          label={t('devices.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { max: 50, message: t('activities.rule.max', { max: 50 }) },
          ]}
        >
          <Input id="deviceName" maxLength={50} autoComplete="off" placeholder={t('devices.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="orgId" label={t('devices.org')} extra={t('devices.orgHint')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect id="deviceOrg" />
        </Form.Item>
        <Form.Item name="place" label={t('devices.place')} rules={[{ max: 200, message: t('activities.rule.max', { max: 200 }) }]}>
          <Input id="devicePlace" maxLength={200} autoComplete="off" />
        </Form.Item>
        <Form.Item name="stationOrgId" label={t('devices.station')} extra={t('devices.stationHint')}>
          <StationSelect id="deviceStation" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

const breakAnywhere = { overflowWrap: 'anywhere' } as const;

/** Shows the new device's key id and secret once, with the kiosk's address. */
function CredentialModal({ issued, onClose }: { issued: DeviceIssued; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('devices.credentialTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('devices.secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('devices.name')}: <Typography.Text strong>{issued.device.name}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={breakAnywhere}>
        {t('devices.kioskUrl')}:{' '}
        <Typography.Text code copyable data-testid="device-kiosk-url">
          {kioskUrl()}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={breakAnywhere}>
        {t('devices.keyId')}:{' '}
        <Typography.Text code copyable data-testid="device-key-id">
          {issued.keyId}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ ...breakAnywhere, marginBottom: 4 }}>{t('devices.secret')}:</Typography.Paragraph>
      <Typography.Paragraph style={breakAnywhere}>
        <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="device-secret">
          {issued.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t('devices.setupHint')}</Typography.Paragraph>
    </Modal>
  );
}

function columns(t: TFunction, narrow: boolean, disable: (d: CheckinDevice) => void): TableColumnsType<CheckinDevice> {
  return [
    { title: t('devices.name'), dataIndex: 'name', fixed: narrow ? undefined : 'left' },
    {
      title: t('devices.keyId'),
      dataIndex: 'keyId',
      render: (v: string) => (
        <Typography.Text code copyable>
          {v}
        </Typography.Text>
      ),
    },
    { title: t('devices.org'), dataIndex: 'orgName' },
    { title: t('devices.place'), dataIndex: 'place', render: (v: string | null) => v || '—' },
    { title: t('devices.station'), dataIndex: 'stationName', render: (v: string | null) => v || '—' },
    { title: t('devices.status'), dataIndex: 'status', render: (v: string) => statusTag(t, v) },
    timeColumn(t('devices.lastUsedAt'), 'lastUsedAt', { orDash: true }),
    actionsColumn<CheckinDevice>(t, narrow, (d) =>
      d.status === 'active' ? (
        <Popconfirm title={t('devices.disableConfirm')} onConfirm={() => disable(d)}>
          <Button type="link" size="small" danger data-testid={`device-disable-${d.keyId}`}>
            {t('devices.disable')}
          </Button>
        </Popconfirm>
      ) : null,
    ),
  ];
}

/** The /checkin-devices route. */
export default function DevicesPage() {
  const t = useT();
  const { message } = App.useApp();
  const [registering, setRegistering] = useState(false);
  const [issued, setIssued] = useState<DeviceIssued | null>(null);
  const list = usePagedList(listDevices);
  const run = useRowAction(list.reload);
  const disable = (d: CheckinDevice) => run(() => disableDevice(d.id), t('devices.disabled'));

  return (
    <PageCard
      title={t('devices.title')}
      data-testid="devices-page"
      extra={
        <Space wrap>
          <ExportButton permission="checkin.device.manage" href="/api/checkin-devices/export" data-testid="devices-export" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)} data-testid="device-register">
            {t('devices.register')}
          </Button>
        </Space>
      }
    >
      <Alert
        type="info"
        showIcon
        title={t('devices.help')}
        description={
          <Typography.Text copyable={{ text: kioskUrl() }}>
            {t('devices.kioskUrl')}: <Typography.Text code>{kioskUrl()}</Typography.Text>
          </Typography.Text>
        }
        style={{ marginBottom: 16 }}
      />
      <PagedTable list={list} rowKey="id" columns={columns(t, list.narrow, disable)} data-testid="devices-table" />
      {registering ? (
        <RegisterModal
          onClose={() => setRegistering(false)}
          onDone={(next) => {
            setRegistering(false);
            setIssued(next);
            message.success(t('devices.registered'));
            list.reload();
          }}
        />
      ) : null}
      {issued ? <CredentialModal issued={issued} onClose={() => setIssued(null)} /> : null}
    </PageCard>
  );
}
