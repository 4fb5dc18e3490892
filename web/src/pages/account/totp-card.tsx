// TOTP enrolment: ask the server for a secret, show the QR code, confirm with a code.
import { CheckCircleTwoTone } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { enableTotp, setupTotp, type TotpSetup } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';

type Props = { enabled: boolean; onDone: () => Promise<void> | void };

/** The TOTP card; `onDone` runs after enrolment succeeds. */
export function TotpCard({ enabled, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await setupTotp());
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      await enableTotp(code);
      setSetup(null);
      message.success(t('account.totp.done'));
      await onDone();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_INVALID') form.setFields([{ name: 'code', errors: [err.message] }]);
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('account.totp.title')} data-testid="totp-card">
      {enabled ? (
        <Space>
          <CheckCircleTwoTone twoToneColor="#52c41a" />
          {t('account.totp.enabled')}
        </Space>
      ) : setup ? (
        <Flex vertical gap={12}>
          <Typography.Text>{t('account.totp.scan')}</Typography.Text>
          <img src={setup.qrDataUrl} alt={t('account.totp.qrAlt')} width={200} height={200} data-testid="totp-qr" />
          <Typography.Text>
            {t('account.totp.secret')}:{' '}
            <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>
              {setup.secret}
            </Typography.Text>
          </Typography.Text>
          <Form form={form} layout="inline" onFinish={confirm} style={{ rowGap: 8 }}>
            <Form.Item
              name="code"
              rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalidFormat') }]}
            >
              <Input
                id="totpCode"
                placeholder={t('account.totp.code')}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                style={{ width: 160 }}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('account.totp.enable')}
            </Button>
          </Form>
        </Flex>
      ) : (
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text>{t('account.totp.disabled')}</Typography.Text>
          <Button type="primary" onClick={start} loading={busy} data-testid="totp-start">
            {t('account.totp.start')}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
