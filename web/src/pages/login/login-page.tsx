// Sign-in page: username/ID number + password, then a TOTP step when the server asks for it.
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { type LoginInput, login } from '../../api/auth';
import { ApiError } from '../../api/client';
import { LangSwitch } from '../../components/lang-switch';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { useSession } from '../../session/session';
import { BrandMark } from './brand-mark';
import { DemoAccounts } from './demo-accounts';
import styles from './login-page.module.css';

type Credentials = { username: string; password: string };

/** Only same-site paths are followed after sign-in (no open redirect). */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The /login route. */
export default function LoginPage() {
  const t = useT();
  const { me, health, setMe } = useSession();
  const [params] = useSearchParams();
  const [step, setStep] = useState<'password' | 'totp'>('password');
  const [credentials, setCredentials] = useState<Credentials | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Credentials>();

  if (me) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = async (input: LoginInput) => {
    setBusy(true);
    setError(null);
    try {
      setMe(await login(input));
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TOTP_REQUIRED') {
        setCredentials({ username: input.username, password: input.password });
        setStep('totp');
      } else {
        if (err instanceof ApiError && err.code === 'INVALID_CREDENTIALS') setStep('password');
        setError(errorText(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep('password');
    setError(null);
  };

  return (
    <div className={styles.page}>
      <div className={styles.lang}>
        <LangSwitch />
      </div>
      <Flex vertical align="center" className={styles.inner}>
        <BrandMark countyName={health?.county.name} />
        {health?.mode === 'demo' ? (
          <Alert type="warning" showIcon title={t('app.demoBanner')} className={styles.banner} data-testid="demo-banner" />
        ) : null}
        <Card className={styles.card} title={step === 'password' ? t('login.title') : t('login.totpTitle')}>
          {error ? <Alert type="error" showIcon title={error} className={styles.error} role="alert" data-testid="login-error" /> : null}
          {step === 'password' ? (
            <Form<Credentials>
              form={form}
              layout="vertical"
              requiredMark={false}
              initialValues={credentials ?? undefined}
              onFinish={(v) => submit({ username: v.username.trim(), password: v.password })}
            >
              <Form.Item label={t('login.username')} name="username" rules={[{ required: true, message: t('common.required') }]}>
                <Input
                  id="username"
                  name="username"
                  prefix={<UserOutlined />}
                  placeholder={t('login.usernamePlaceholder')}
                  autoComplete="username"
                  autoFocus
                  size="large"
                />
              </Form.Item>
              <Form.Item label={t('login.password')} name="password" rules={[{ required: true, message: t('common.required') }]}>
                <Input.Password id="password" name="password" prefix={<LockOutlined />} autoComplete="current-password" size="large" />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t('login.submit')}
              </Button>
            </Form>
          ) : (
            <Form<{ totp: string }>
              layout="vertical"
              requiredMark={false}
              onFinish={(v) => credentials && submit({ ...credentials, totp: v.totp })}
            >
              <Typography.Paragraph type="secondary">{t('login.totpHint')}</Typography.Paragraph>
              <Form.Item
                label={t('login.totp')}
                name="totp"
                rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalidFormat') }]}
              >
                <Input
                  id="totp"
                  name="totp"
                  prefix={<SafetyOutlined />}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  autoFocus
                  size="large"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" block size="large" loading={busy}>
                {t('login.verify')}
              </Button>
              <Button type="link" block onClick={back} className={styles.back}>
                {t('login.back')}
              </Button>
            </Form>
          )}
        </Card>
        {health?.mode === 'demo' && step === 'password' ? (
          <DemoAccounts className={styles.demo} onPick={(username) => form.setFieldsValue({ username })} />
        ) : null}
        <Typography.Text type="secondary" className={styles.footer}>
          {t('login.footer')}
        </Typography.Text>
      </Flex>
    </div>
  );
}
