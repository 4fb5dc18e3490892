// Home: a welcome card with the user's account, roles and grants (all from /api/auth/me); members go to /my.
import { Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { Navigate } from 'react-router';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useMe, useSession } from '../../session/session';

/** The / route. */
export default function HomePage() {
  const t = useT();
  const me = useMe();
  const { health, can } = useSession();
  const { account } = me;
  // A member's console is 我的档案 only.
  if (can('self.file')) return <Navigate to="/my" replace />;

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card data-testid="welcome-card">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: account.displayName })}
        </Typography.Title>
        <Descriptions
          column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
          items={[
            { key: 'username', label: t('home.account'), children: account.username },
            { key: 'kind', label: t('home.kind'), children: label(t, 'kind', account.kind) },
            { key: 'county', label: t('home.county'), children: health?.county.name ?? account.countyCode },
            {
              key: 'totp',
              label: t('home.totp'),
              children: account.totpEnabled ? (
                <Tag color="success">{t('home.totpOn')}</Tag>
              ) : (
                <Tag>{t('home.totpOff')}</Tag>
              ),
            },
            {
              key: 'roles',
              label: t('home.roles'),
              span: 'filled',
              children: me.roles.length ? (
                <Space size={[4, 4]} wrap>
                  {me.roles.map((r) => (
                    <Tag key={r} color="red">
                      {label(t, 'role', r)}
                    </Tag>
                  ))}
                </Space>
              ) : (
                t('home.noRoles')
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('home.grants')}>
        {me.grants.length ? (
          <Table
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={me.grants}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: t('home.grantRole'), dataIndex: 'role', render: (r: string) => label(t, 'role', r) },
              { title: t('home.grantOrg'), dataIndex: 'orgName' },
            ]}
          />
        ) : (
          <Empty description={t('home.noGrants')} />
        )}
      </Card>
    </Space>
  );
}
