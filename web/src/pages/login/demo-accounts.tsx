// The demo accounts of the demo county on the login page (demo mode only): click one to fill the username.
import { Card, List, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { getDemoAccounts } from '../../api/demo';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

/** The list; nothing while it loads or when the server has none (production answers 404). */
export function DemoAccounts({ onPick, className }: { onPick: (username: string) => void; className?: string }) {
  const t = useT();
  const { data } = useAsync(useCallback(() => getDemoAccounts(), []));
  if (!data?.accounts.length) return null;
  return (
    <Card size="small" title={t('login.demoTitle')} className={className} data-testid="demo-accounts">
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('login.demoHint', { password: data.password })}
      </Typography.Paragraph>
      <List
        size="small"
        dataSource={data.accounts}
        renderItem={(a) => (
          <List.Item
            key={a.username}
            onClick={() => onPick(a.username)}
            style={{ cursor: 'pointer', paddingInline: 4 }}
            data-testid="demo-account"
            data-username={a.username}
          >
            <div style={{ minWidth: 0 }}>
              <Typography.Text code style={{ wordBreak: 'break-all' }}>
                {a.username}
              </Typography.Text>{' '}
              <Tag color={a.kind === 'member' ? 'gold' : 'red'}>{a.kind === 'member' ? t('login.demoMember') : label(t, 'role', a.role)}</Tag>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {a.displayName}
                  {a.orgName ? ` · ${a.orgName}` : ''}
                </Typography.Text>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
