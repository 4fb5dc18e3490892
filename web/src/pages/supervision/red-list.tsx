// 问题清单 (红榜): the red organizations of the subtree with the reasons of their red checks; a name
// drills into the organization.
import { Alert, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { Link } from 'react-router';
import type { Compliance, RedItem } from '../../api/supervision';
import { useNarrow } from '../../components/page-card';
import { useI18n } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { reasonText } from './compliance-text';

/** The red list tab. */
export function RedList({ red, orgLink }: { red: Compliance['red']; orgLink: (orgId: string) => string }) {
  const { t, lang } = useI18n();
  const narrow = useNarrow();
  if (red.total === 0) return <Empty description={t('supervision.redEmpty')} />;
  const name = (r: RedItem) => (
    <>
      <Link to={orgLink(r.orgId)} data-testid="supervision-red-org">
        {r.name}
      </Link>
      <div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {label(t, 'level', r.level)}
          {narrow && r.parentName ? ` · ${r.parentName}` : ''}
        </Typography.Text>
      </div>
    </>
  );
  const problems = (r: RedItem) => (
    <ul style={{ margin: 0, paddingInlineStart: 18, whiteSpace: 'normal' }}>
      {r.checks.map((c) => (
        <li key={`${c.rule}:${c.period}`} style={{ color: '#cf1322' }}>
          {reasonText(t, lang, c)}
        </li>
      ))}
    </ul>
  );
  // On phones one column: the organization with its problems below it.
  const columns: TableColumnsType<RedItem> = narrow
    ? [
        {
          title: t('supervision.org'),
          key: 'all',
          render: (_, r) => (
            <>
              {name(r)}
              {problems(r)}
            </>
          ),
        },
      ]
    : [
        { title: t('supervision.org'), key: 'name', render: (_, r) => <div style={{ minWidth: 120, maxWidth: 260, whiteSpace: 'normal' }}>{name(r)}</div> },
        { title: t('supervision.parent'), dataIndex: 'parentName', render: (v: string | null) => v ?? '—' },
        { title: t('supervision.problems'), key: 'checks', render: (_, r) => <div style={{ minWidth: 200, maxWidth: 460 }}>{problems(r)}</div> },
      ];
  return (
    <>
      <Typography.Paragraph strong>{t('supervision.redTotal', { total: red.total })}</Typography.Paragraph>
      {red.total > red.items.length ? <Alert type="info" showIcon title={t('supervision.redTruncated', { shown: red.items.length })} style={{ marginBottom: 12 }} /> : null}
      <Table<RedItem>
        rowKey="orgId"
        size="middle"
        dataSource={red.items}
        columns={columns}
        pagination={red.items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={narrow ? undefined : { x: 'max-content' }}
        data-testid="supervision-red-list"
      />
    </>
  );
}
