// 督查总览: the organizations of a subtree green / amber / red for a period — the cards, the completion
// by activity type, one row per child organization (its subtree's colours; a click drills into it) and,
// when a rule binds the organization itself, its own requirements with the activities counted.
import { Card, Col, Empty, Row, Statistic, Table, type TableColumnsType, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import type { Compliance, ComplianceChild } from '../../api/supervision';
import { useNarrow } from '../../components/page-card';
import { type TFunction, useT } from '../../i18n/i18n';
import { COLORS, ColorBar, StatusTag } from './compliance-bits';
import { pct, typeTitle } from './compliance-text';
import { OrgChecks } from './org-checks';

type Props = {
  data: Compliance;
  /** The link that shows another organization (same period and day). */
  orgLink: (orgId: string) => string;
  period: string;
  asOf?: string;
};

/** The overview tab. */
export function ComplianceOverview({ data, orgLink, period, asOf }: Props) {
  const t = useT();
  const narrow = useNarrow();
  const { orgs } = data;
  const columns: TableColumnsType<ComplianceChild> = [
    {
      title: t('supervision.org'),
      key: 'name',
      render: (_, r) => (
        <div style={{ minWidth: 120, maxWidth: narrow ? 170 : 360, whiteSpace: 'normal' }}>
          {r.own ? (
            <Typography.Text strong>{t('supervision.ownRow', { name: r.name })}</Typography.Text>
          ) : (
            <Link to={orgLink(r.orgId)} data-testid="supervision-drill">
              {r.name}
            </Link>
          )}
        </div>
      ),
    },
    { title: t('supervision.ownColor'), key: 'color', render: (_, r) => <StatusTag status={r.color} t={t} /> },
    { title: t('supervision.subtree'), key: 'orgs', render: (_, r) => (r.own ? null : <ColorBar counts={r.orgs} t={t} />) },
    { title: t('supervision.threeRate'), key: 'rate', align: 'right', render: (_, r) => pct(r.threeMeetingsRate) },
  ];
  const typeColumns: TableColumnsType<Compliance['byType'][number]> = [
    { title: t('supervision.type'), dataIndex: 'activityType', render: (v: string) => typeTitle(t, v) },
    { title: t('supervision.checks'), dataIndex: 'checks', align: 'right' },
    { title: t('supervision.color.green'), dataIndex: 'green', align: 'right' },
    { title: t('supervision.color.amber'), dataIndex: 'amber', align: 'right' },
    { title: t('supervision.color.red'), dataIndex: 'red', align: 'right' },
    { title: t('supervision.color.pending'), dataIndex: 'pending', align: 'right' },
    { title: t('supervision.rate'), dataIndex: 'rate', align: 'right', render: pct },
  ];

  return (
    <>
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="supervision-cards">
        <ColorStat t={t} title={t('supervision.orgsGreen')} value={orgs.green} total={orgs.total} color={COLORS.green} narrow={narrow} testid="supervision-green" />
        <ColorStat t={t} title={t('supervision.orgsAmber')} value={orgs.amber} total={orgs.total} color={COLORS.amber} narrow={narrow} testid="supervision-amber" />
        <ColorStat t={t} title={t('supervision.orgsRed')} value={orgs.red} total={orgs.total} color={COLORS.red} narrow={narrow} testid="supervision-red" />
        <Col xs={24} sm={12} lg={6}>
          <Card size="small">
            <Statistic
              title={
                <Tooltip title={t('supervision.threeRateHint')}>
                  <span>{t('supervision.threeRate')}</span>
                </Tooltip>
              }
              value={pct(data.threeMeetingsRate)}
              styles={{ content: { fontSize: narrow ? 20 : 24 } }}
            />
          </Card>
        </Col>
      </Row>
      {orgs.total === 0 ? <Empty description={t('supervision.noRules')} style={{ marginBottom: 12 }} /> : null}
      {data.children.some((r) => !r.own) ? (
        <>
          <Typography.Title level={5} style={{ marginTop: 4 }}>
            {t('supervision.children')}
          </Typography.Title>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('supervision.drillHint')}
          </Typography.Paragraph>
          <Table<ComplianceChild>
            rowKey={(r) => `${r.orgId}:${r.own}`}
            size="middle"
            dataSource={data.children}
            columns={columns}
            pagination={data.children.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 'max-content' }}
            data-testid="supervision-children"
            style={{ marginBottom: 16 }}
          />
        </>
      ) : null}
      {data.own ? <OrgChecks orgId={data.org.id} orgName={data.org.name} period={period} asOf={asOf} /> : null}
      {data.byType.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('supervision.byType')}</Typography.Title>
          <Table
            rowKey="activityType"
            size="small"
            dataSource={data.byType}
            columns={typeColumns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="supervision-by-type"
          />
        </>
      ) : null}
    </>
  );
}

/** A count of organizations in its colour, with its label and the total. */
function ColorStat(p: { t: TFunction; title: string; value: number; total: number; color: string; narrow: boolean; testid: string }) {
  return (
    <Col xs={24} sm={12} lg={6}>
      <Card size="small" style={{ borderTop: `3px solid ${p.color}` }} data-testid={p.testid}>
        <Statistic
          title={p.title}
          value={p.value}
          suffix={<span style={{ fontSize: 14, color: '#8c8c8c' }}>{p.t('supervision.orgsOf', { total: p.total })}</span>}
          styles={{ content: { color: p.color, fontSize: p.narrow ? 20 : 24 } }}
        />
      </Card>
    </Col>
  );
}
