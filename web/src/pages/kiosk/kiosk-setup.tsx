// First run of a kiosk: the device's key id and secret from its registration (签到终端), kept in
// localStorage, and how the card reader types.
import { Alert, Button, Card, Form, Input, Radio } from 'antd';
import { useT } from '../../i18n/i18n';
import type { KioskSettings } from './use-kiosk';
import { READER_MODES, type ReaderMode } from './kiosk-scan';

type Values = { keyId: string; secret: string; mode: ReaderMode };

/** The setup form. */
export function KioskSetup({ initial, onSave }: { initial?: KioskSettings | null; onSave: (s: KioskSettings) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <Card title={t('kiosk.setupTitle')} style={{ maxWidth: 560, width: '100%', margin: '0 auto' }} data-testid="kiosk-setup">
      <Alert type="info" showIcon title={t('kiosk.setupHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        size="large"
        initialValues={{ keyId: initial?.keyId, secret: '', mode: initial?.mode ?? 'auto' }}
        onFinish={(v) => onSave({ keyId: v.keyId.trim(), secret: v.secret.trim(), mode: v.mode })}
      >
        <Form.Item
          name="keyId"
          label={t('kiosk.keyId')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { pattern: /^\s*hyk_[A-Za-z0-9_-]+\s*$/, message: t('kiosk.keyIdRule') },
          ]}
        >
          <Input id="kioskKeyId" autoComplete="off" spellCheck={false} placeholder="hyk_…" />
        </Form.Item>
        <Form.Item name="secret" label={t('kiosk.secret')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input.Password id="kioskSecret" autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="mode" label={t('kiosk.readerMode')} extra={t('kiosk.readerModeHint')}>
          <Radio.Group optionType="button" options={READER_MODES.map((m) => ({ value: m, label: t(`kiosk.mode.${m}`) }))} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block data-testid="kiosk-setup-save">
          {t('kiosk.setupSave')}
        </Button>
      </Form>
    </Card>
  );
}
