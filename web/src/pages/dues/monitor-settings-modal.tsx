// The county's monitoring settings (county administrators at the county root; the server checks it too):
// the warning day (1–28), the warning share and the upward remittance share, typed in % and sent in
// whole basis points (80 % → 8000, 5.5 % → 550).
import { App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { type MonitorSettings, bpToPercent, percentToBp, updateMonitorSettings } from '../../api/dues-monitor';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';

type Values = { warnDay: number; warnShare: number; remitShare: number };

/** The modal that changes the warning day and shares. */
export function MonitorSettingsModal({ settings, onClose, onSaved }: { settings: MonitorSettings; onClose: () => void; onSaved: (s: MonitorSettings) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('common.required') }];

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const saved = await updateMonitorSettings({ warnDay: v.warnDay, warnShareBp: percentToBp(v.warnShare), remitShareBp: percentToBp(v.remitShare) });
      message.success(t('duesMonitor.settings.saved'));
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('duesMonitor.settings.title')}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'dues-monitor-settings-ok' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ warnDay: settings.warnDay, warnShare: Number(bpToPercent(settings.warnShareBp)), remitShare: Number(bpToPercent(settings.remitShareBp)) }}
      >
        <Form.Item name="warnDay" label={t('duesMonitor.settings.warnDay')} extra={t('duesMonitor.settings.warnDayHint')} rules={required}>
          <InputNumber id="duesWarnDay" min={1} max={28} step={1} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="warnShare" label={t('duesMonitor.settings.warnShare')} extra={t('duesMonitor.settings.warnShareHint')} rules={required}>
          <InputNumber id="duesWarnShare" min={0} max={100} step={1} precision={2} suffix="%" style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="remitShare" label={t('duesMonitor.settings.remitShare')} extra={t('duesMonitor.settings.remitShareHint')} rules={required}>
          <InputNumber id="duesRemitShare" min={0} max={100} step={0.5} precision={2} suffix="%" style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
