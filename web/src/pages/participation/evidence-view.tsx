// 民主评议依据: one member's year across every organization they dealt with (attendance by month and
// type, activities), dues, and the sections of modules not built yet shown as 尚未接入. Printable
// (window.print with print-only CSS) and exportable to Excel.
import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, InputNumber, Spin, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import type { Evidence } from '../../api/participation';
import { LoadError } from '../../components/load-error';
import { type TFunction, useT } from '../../i18n/i18n';
import type { MessageKey } from '../../locales/zh-CN';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { useActivityTypes } from '../activities/activity-types';
import styles from './evidence.module.css';

type Props = { load: (year: number) => Promise<Evidence>; exportUrl: (year: number) => string };

const yuan = (fen: number) => (fen / 100).toFixed(2);
const counts = (t: TFunction, c: { obliged: number; attended: number; leave: number; guest: number }) =>
  `${t('participation.obliged')} ${c.obliged} · ${t('participation.attended')} ${c.attended} · ${t('participation.leave')} ${c.leave} · ${t('participation.guest')} ${c.guest}`;

/** The evidence pack of a year, with year picker, print and export. */
export function EvidenceView({ load, exportUrl }: Props) {
  const t = useT();
  const types = useActivityTypes();
  const [year, setYear] = useState(new Date().getFullYear());
  const { data, error, loading, reload } = useAsync(useCallback(() => load(year), [load, year]));
  const countCols = [
    { title: t('participation.obliged'), dataIndex: 'obliged' },
    { title: t('participation.attended'), dataIndex: 'attended' },
    { title: t('participation.leave'), dataIndex: 'leave' },
    { title: t('participation.guest'), dataIndex: 'guest' },
  ];
  return (
    <div className={styles.pack} data-testid="evidence-view">
      <Flex gap={8} wrap align="center" className={styles.noPrint} style={{ marginBottom: 12 }}>
        <span>{t('evidence.year')}</span>
        <InputNumber min={2000} max={2100} value={year} onChange={(v) => v && setYear(v)} style={{ width: 100 }} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="evidence-print">
          {t('evidence.print')}
        </Button>
        <Button icon={<DownloadOutlined />} href={exportUrl(year)} data-testid="evidence-export">
          {t('evidence.export')}
        </Button>
      </Flex>
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? <Spin /> : null}
      {data ? (
        <>
          <Typography.Title level={4}>{t('evidence.title', { name: data.member.name, year: data.year })}</Typography.Title>
          <Typography.Paragraph type="secondary">{data.member.orgName}</Typography.Paragraph>
          <Card size="small" title={t('evidence.attendance')} className={styles.section}>
            <Typography.Paragraph strong>
              {t('evidence.total')}: {counts(t, data.attendance.total)}
            </Typography.Paragraph>
            {data.attendance.organizations.length === 0 ? <Empty description={t('evidence.noActivities')} /> : null}
            {data.attendance.organizations.map((o) => (
              <div key={o.orgId} className={styles.org}>
                <Typography.Text strong>
                  {o.orgName} <Tag>{o.own ? t('evidence.own') : t('evidence.visited')}</Tag>
                </Typography.Text>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="month"
                  scroll={{ x: 'max-content' }}
                  dataSource={o.months}
                  columns={[{ title: t('evidence.month'), dataIndex: 'month' }, ...countCols]}
                />
                <Table
                  size="small"
                  pagination={false}
                  rowKey="type"
                  scroll={{ x: 'max-content' }}
                  dataSource={o.types}
                  columns={[{ title: t('evidence.type'), dataIndex: 'type', render: (v: string) => types.name(v) }, ...countCols]}
                />
              </div>
            ))}
            {data.attendance.activities.length ? (
              <>
                <Typography.Text strong>{t('evidence.activities')}</Typography.Text>
                <Table
                  size="small"
                  pagination={false}
                  rowKey="activityId"
                  scroll={{ x: 'max-content' }}
                  dataSource={data.attendance.activities}
                  columns={[
                    { title: t('evidence.when'), dataIndex: 'startsAt', render: (v: string) => formatTime(v) },
                    { title: t('evidence.activity'), dataIndex: 'title' },
                    { title: t('participation.orgName'), dataIndex: 'orgName' },
                    { title: t('evidence.status'), dataIndex: 'status', render: (v: string) => t(`evidence.status.${v}` as MessageKey) },
                  ]}
                />
              </>
            ) : null}
          </Card>
          <Card size="small" title={t('evidence.dues')} className={styles.section}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }}>
              <Descriptions.Item label={t('evidence.billed')}>{data.dues.billed}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.paidOnTime')}>{data.dues.paidOnTime}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.paidLate')}>{data.dues.paidLate}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.unpaid')}>{data.dues.unpaid}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.waived')}>{data.dues.waived}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.amount')}>{yuan(data.dues.amountFen)}</Descriptions.Item>
              <Descriptions.Item label={t('evidence.paid')}>{yuan(data.dues.paidFen)}</Descriptions.Item>
            </Descriptions>
          </Card>
          {data.sections.map((s) => (
            <Card key={s.key} size="small" title={t(`evidence.section.${s.key}` as MessageKey)} className={styles.section} data-testid={`evidence-section-${s.key}`}>
              {s.available ? null : <Alert type="warning" showIcon title={t('evidence.notAvailable')} description={t('evidence.notAvailableHint')} />}
            </Card>
          ))}
        </>
      ) : null}
    </div>
  );
}
