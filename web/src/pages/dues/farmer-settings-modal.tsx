// The county's 农民 dues amount (0.2–1 元 a month): county administrators at the county root only; the
// server checks it too.
import { App, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { type DuesSettings, FARMER_FLAT_FEN, updateDuesSettings } from '../../api/dues';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';

type Values = { farmerYuan: number };

/** The modal that changes the county's 农民 amount. */
export function FarmerSettingsModal({ settings, onClose, onSaved }: { settings: DuesSettings; onClose: () => void; onSaved: (s: DuesSettings) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      // Typed in 元 with two decimals at most; sent in 分.
      const saved = await updateDuesSettings({ farmerFlatFen: Math.round(v.farmerYuan * 100) });
      message.success(t('dues.settings.saved'));
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('dues.settings.title')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'dues-settings-ok' }}>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ farmerYuan: settings.farmerFlatFen / 100 }}>
        <Form.Item name="farmerYuan" label={t('dues.settings.farmer')} extra={t('dues.settings.farmerHint')} rules={[{ required: true, message: t('common.required') }]}>
          <InputNumber id="duesFarmerYuan" min={FARMER_FLAT_FEN.min / 100} max={FARMER_FLAT_FEN.max / 100} step={0.1} precision={2} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
