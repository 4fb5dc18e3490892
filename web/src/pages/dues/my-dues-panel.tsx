// 我的党费 (the member's own dues, GET /api/my/dues): this month's amount, what is still to pay, who pays
// by proxy, and the bills with their states. Shown as a tab of 我的档案; works at 360 px.
import { Alert, Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { type DuesBill, formatFen, getMyDues } from '../../api/dues';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { monthlyText, stateTag } from './dues-bits';
import { OnlinePayCard } from './online-pay-card';

const PAGE_SIZE = 12;

/** The member's dues panel. */
export function MyDuesPanel() {
  const t = useT();
  const narrow = useNarrow();
  const [page, setPage] = useState(1);
  const { data, error, loading, reload } = useAsync(useCallback(() => getMyDues(page, PAGE_SIZE), [page]));
  return (
    <div data-testid="my-dues">
      <LoadError error={error} onRetry={reload} />
      {data ? (
        <Flex vertical gap={16}>
          {!data.owes ? <Alert type="info" showIcon title={t('dues.my.notOwing')} /> : null}
          {data.issue ? <Alert type="warning" showIcon title={t('dues.my.issue', { issue: label(t, 'duesIssue', data.issue) })} /> : null}
          <Descriptions column={narrow ? 1 : 2} size="small" bordered>
            <Descriptions.Item label={t('dues.profile.category')}>{data.category ? label(t, 'dues', data.category) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dues.my.monthly')}>
              <span data-testid="my-dues-monthly">{monthlyText(t, data.monthly)}</span>
            </Descriptions.Item>
            {data.base ? (
              <Descriptions.Item label={t('dues.my.base')}>{t('dues.profile.baseValue', { amount: formatFen(data.base.baseFen), month: data.base.effectiveMonth })}</Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('dues.my.outstanding')}>
              <Flex vertical data-testid="my-dues-outstanding">
                {data.outstanding.bills === 0 && data.outstanding.unquoted === 0 ? (
                  <Typography.Text type="success">{t('dues.my.allPaid')}</Typography.Text>
                ) : null}
                {data.outstanding.bills > 0 ? (
                  <Typography.Text type="danger">{t('dues.my.outstandingValue', { count: data.outstanding.bills, amount: formatFen(data.outstanding.amountFen) })}</Typography.Text>
                ) : null}
                {data.outstanding.unquoted > 0 ? <Typography.Text type="warning">{t('dues.my.unquoted', { count: data.outstanding.unquoted })}</Typography.Text> : null}
              </Flex>
            </Descriptions.Item>
            {data.proxyPayerName ? <Descriptions.Item label={t('dues.profile.proxy')}>{t('dues.my.proxy', { name: data.proxyPayerName })}</Descriptions.Item> : null}
          </Descriptions>
          <OnlinePayCard onPaid={reload} />
          <Flex justify="space-between" align="center">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('dues.my.history')}
            </Typography.Title>
            <Link to="/dues/quote">{t('dues.my.quoteLink')}</Link>
          </Flex>
          <Table<DuesBill>
            rowKey="id"
            size="small"
            loading={loading}
            dataSource={data.items}
            scroll={{ x: 'max-content' }}
            data-testid="my-dues-table"
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, simple: narrow, hideOnSinglePage: true }}
            columns={[
              { title: t('dues.bills.month'), dataIndex: 'month' },
              { title: t('dues.bills.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
              { title: t('dues.bills.paid'), dataIndex: 'paidFen', align: 'right', render: (v: number) => formatFen(v) },
              { title: t('dues.bills.state'), dataIndex: 'state', render: (s: DuesBill['state'], b) => (b.issue ? <Tag color="warning">{label(t, 'duesIssue', b.issue)}</Tag> : stateTag(t, s)) },
            ]}
          />
        </Flex>
      ) : null}
    </div>
  );
}
