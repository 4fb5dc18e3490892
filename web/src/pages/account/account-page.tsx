// Account security: status, password change and TOTP enrolment. Restricted sessions see only what they must do.
import { Alert, Card, Col, Descriptions, Row, Tag } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useMe, useSession } from '../../session/session';
import { PasswordForm } from './password-form';
import { TotpCard } from './totp-card';

/** The /account route. */
export default function AccountPage() {
  const t = useT();
  const me = useMe();
  const { refreshMe } = useSession();
  const navigate = useNavigate();
  const restricted = me.restricted;

  /** After a change, reload the session; leave the page once no restriction remains. */
  const done = async () => {
    const next = await refreshMe().catch(() => null);
    if (restricted && next && !next.restricted) navigate('/', { replace: true });
  };

  if (restricted === 'password_change') {
    return (
      <Row justify="center">
        <Col xs={24} md={20} lg={14} xl={12}>
          <Alert type="warning" showIcon title={t('account.mustChange')} style={{ marginBottom: 16 }} data-testid="restricted-alert" />
          <PasswordForm onDone={done} />
        </Col>
      </Row>
    );
  }
  if (restricted === 'totp_enrol') {
    return (
      <Row justify="center">
        <Col xs={24} md={20} lg={14} xl={12}>
          <Alert type="warning" showIcon title={t('account.mustEnrol')} style={{ marginBottom: 16 }} data-testid="restricted-alert" />
          <TotpCard enabled={me.account.totpEnabled} onDone={done} />
        </Col>
      </Row>
    );
  }

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Card title={t('account.status')}>
          <Descriptions
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'u', label: t('account.username'), children: me.account.username },
              { key: 'k', label: t('home.kind'), children: label(t, 'kind', me.account.kind) },
              {
                key: 't',
                label: t('home.totp'),
                children: me.account.totpEnabled ? <Tag color="success">{t('home.totpOn')}</Tag> : <Tag>{t('home.totpOff')}</Tag>,
              },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <PasswordForm onDone={done} />
      </Col>
      <Col xs={24} xl={12}>
        <TotpCard enabled={me.account.totpEnabled} onDone={done} />
      </Col>
    </Row>
  );
}
