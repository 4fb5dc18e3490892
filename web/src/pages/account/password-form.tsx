// Change-password form with the policy shown and the server's field errors mapped onto the inputs.
import { App, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { changePassword } from '../../api/auth';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';

type Values = { currentPassword: string; newPassword: string; confirm: string };
const FIELD_NAMES = ['currentPassword', 'newPassword', 'confirm'] as const;

/** Counts the character classes (upper, lower, digit, symbol) in a password. */
const classCount = (s: string) =>
  [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(s)).length;

/** The password card; `onDone` runs after a successful change. */
export function PasswordForm({ onDone }: { onDone: () => Promise<void> | void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setBusy(true);
    setFormError(null);
    try {
      await changePassword(v.currentPassword, v.newPassword);
      form.resetFields();
      message.success(t('account.password.changed'));
      await onDone();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const known = err.fields.filter((f) => FIELD_NAMES.some((n) => f.path.split('.').pop() === n));
        form.setFields(known.map((f) => ({ name: f.path.split('.').pop() as keyof Values, errors: [f.message] })));
        if (known.length < err.fields.length || !known.length) setFormError(errorText(t, err));
      } else if (err instanceof ApiError && err.code === 'PASSWORD_WRONG') {
        form.setFields([{ name: 'currentPassword', errors: [err.message] }]);
      } else if (err instanceof ApiError && err.code === 'PASSWORD_POLICY') {
        form.setFields([{ name: 'newPassword', errors: [err.message] }]);
      } else {
        setFormError(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('account.password.title')}>
      <Typography.Paragraph type="secondary" data-testid="password-policy">
        {t('account.password.policyTitle')}:
        <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
          <li>{t('account.password.policyLength')}</li>
          <li>{t('account.password.policyClasses')}</li>
          <li>{t('account.password.policyCommon')}</li>
        </ul>
      </Typography.Paragraph>
      {formError ? (
        <Typography.Paragraph type="danger" role="alert">
          {formError}
        </Typography.Paragraph>
      ) : null}
      <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={submit} style={{ maxWidth: 420 }}>
        <Form.Item name="currentPassword" label={t('account.password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password id="currentPassword" autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('account.password.new')}
          rules={[
            { required: true, message: t('common.required') },
            { min: 8, message: t('account.password.policyLength') },
            {
              validator: (_, value: string | undefined) =>
                !value || classCount(value) >= 3 ? Promise.resolve() : Promise.reject(new Error(t('account.password.policyClasses'))),
            },
          ]}
        >
          <Input.Password id="newPassword" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('account.password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('common.required') },
            ({ getFieldValue }) => ({
              validator: (_, value: string | undefined) =>
                !value || value === getFieldValue('newPassword')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('account.password.mismatch'))),
            }),
          ]}
        >
          <Input.Password id="confirmPassword" autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>
          {t('common.submit')}
        </Button>
      </Form>
    </Card>
  );
}
