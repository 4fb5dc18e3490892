// One 月度通报 (/supervision/bulletins/:id) in its formal look: the issuer in red over a red rule, the
// serial, the title and the date; the summary figures of the county (when the caller sees the whole
// county); the townships by rank; the organizations by rank with their indicators and score (those with
// too few members are scored but not ranked), searchable; the red list with each reason, every name
// opening the 组织生活督查 drill-down at the 通报's month. Exports to PDF, Word and Excel. Works at 360 px.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, Input, Row, Table, type TableColumnsType, Tag, Typography, theme } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Bulletin, type BulletinBranch, INDICATORS, bulletinExportUrl, getBulletin, pct, scoreText } from '../../api/bulletins';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { PageLoading } from '../../components/page-loading';
import { useT } from '../../i18n/i18n';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { DownloadButton, Figure, byRank, colorTag, unrankedTag } from './bulletin-bits';

type Township = Bulletin['townships'][number];

/** The /supervision/bulletins/:id route. */
export default function BulletinDetailPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useAsync(useCallback(() => getBulletin(id), [id]));
  return (
    <Flex vertical gap={16} data-testid="bulletin-page">
      <div>
        <Link to="/supervision/bulletins" data-testid="bulletin-back">
          <ArrowLeftOutlined /> {t('bulletins.back')}
        </Link>
      </div>
      <LoadError error={error} onRetry={reload} />
      {loading && !data ? <PageLoading /> : null}
      {data ? <BulletinView b={data} /> : null}
    </Flex>
  );
}

/** The 通报 itself. */
function BulletinView({ b }: { b: Bulletin }) {
  const t = useT();
  const { token } = theme.useToken();
  const [query, setQuery] = useState('');
  const narrow = useNarrow();
  const branches = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = q ? b.branches.filter((x) => x.name.toLowerCase().includes(q) || (x.townshipName ?? '').toLowerCase().includes(q)) : b.branches;
    return [...list].sort(byRank);
  }, [b.branches, query]);
  const townships = useMemo(() => [...b.townships].sort(byRank), [b.townships]);
  const red = token.colorError;
  const fallback = b.serial;

  const townshipColumns: TableColumnsType<Township> = [
    { title: t('bulletins.rank'), dataIndex: 'rank', width: 70, align: 'center', render: (r: number | null) => r ?? '—' },
    { title: t('bulletins.township'), dataIndex: 'name' },
    { title: t('bulletins.orgCount'), key: 'orgs', align: 'right', render: (_, x) => x.orgs.total },
    {
      title: t('bulletins.colors'),
      key: 'colors',
      render: (_, x) => (
        <Flex gap={4} wrap>
          <Tag color="green">{x.orgs.green}</Tag>
          <Tag color="gold">{x.orgs.amber}</Tag>
          <Tag color="red">{x.orgs.red}</Tag>
        </Flex>
      ),
    },
    { title: t('bulletins.ind.threeMeetings'), dataIndex: 'threeMeetingsRate', align: 'right', render: pct },
    { title: t('bulletins.themeDay'), key: 'themeDay', align: 'right', render: (_, x) => `${x.themeDayHeld}/${x.themeDayRequired}` },
    { title: t('bulletins.themeDayAttendance'), dataIndex: 'themeDayAttendanceRate', align: 'right', render: pct },
    { title: t('bulletins.ind.attendance'), dataIndex: 'attendanceRate', align: 'right', render: pct },
    { title: t('bulletins.ind.dues'), dataIndex: 'duesClearRate', align: 'right', render: pct },
    {
      title: t('bulletins.score'),
      dataIndex: 'score',
      align: 'right',
      fixed: narrow ? undefined : 'right',
      render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text>,
    },
  ];

  const branchColumns: TableColumnsType<BulletinBranch> = [
    { title: t('bulletins.rank'), dataIndex: 'rank', width: 90, align: 'center', render: (r: number | null) => r ?? unrankedTag(t) },
    { title: t('bulletins.township'), dataIndex: 'townshipName', render: (v: string | null) => v ?? '—' },
    {
      title: t('bulletins.org'),
      dataIndex: 'name',
      render: (name: string, x) => (
        <Link to={`/supervision?orgId=${encodeURIComponent(x.orgId)}&period=${b.month}`} data-testid="bulletin-org-link">
          {name}
        </Link>
      ),
    },
    { title: t('bulletins.members'), dataIndex: 'members', align: 'right' },
    { title: t('bulletins.color'), dataIndex: 'color', render: (c: BulletinBranch['color']) => colorTag(t, c) },
    ...INDICATORS.map((k) => ({
      title: t(`bulletins.ind.${k}`),
      key: k,
      align: 'right' as const,
      render: (_: unknown, x: BulletinBranch) => pct(x.indicators[k]),
    })),
    {
      title: t('bulletins.score'),
      dataIndex: 'score',
      align: 'right',
      fixed: narrow ? undefined : 'right',
      render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text>,
    },
  ];

  return (
    <>
      <Card data-testid="bulletin-head">
        <div style={{ textAlign: 'center' }}>
          <div data-testid="bulletin-issuer" style={{ color: red, fontSize: 'clamp(22px, 6vw, 34px)', fontWeight: 700, letterSpacing: '0.12em', lineHeight: 1.3 }}>
            {b.issuer}
          </div>
          <div data-testid="bulletin-serial" style={{ marginTop: 8 }}>
            {b.serial}
            {b.version > 1 ? (
              <Tag color="blue" style={{ marginInlineStart: 8 }}>
                {t('bulletins.version', { version: b.version })}
              </Tag>
            ) : null}
          </div>
          <div style={{ borderTop: `3px solid ${red}`, margin: '10px 0 16px' }} />
          <Typography.Title level={3} style={{ marginTop: 0, fontSize: 'clamp(17px, 4.5vw, 24px)' }} data-testid="bulletin-title">
            {b.title}
          </Typography.Title>
          <Typography.Text type="secondary" data-testid="bulletin-date">
            {t('bulletins.asOfLine', { day: b.asOf })}
          </Typography.Text>
        </div>
        <Flex gap={8} wrap justify="center" style={{ marginTop: 16 }}>
          <DownloadButton href={bulletinExportUrl(b.id, 'pdf')} fallback={`${fallback}.pdf`} testId="bulletin-export-pdf">
            {t('bulletins.exportPdf')}
          </DownloadButton>
          <DownloadButton href={bulletinExportUrl(b.id, 'docx')} fallback={`${fallback}.docx`} testId="bulletin-export-docx">
            {t('bulletins.exportWord')}
          </DownloadButton>
          <DownloadButton href={bulletinExportUrl(b.id, 'xlsx')} fallback={`${fallback}.xlsx`} testId="bulletin-export-xlsx">
            {t('bulletins.exportExcel')}
          </DownloadButton>
        </Flex>
        {b.scope === 'part' ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, textAlign: 'center' }}>
            {t('bulletins.partScope')}
          </Typography.Paragraph>
        ) : null}
      </Card>

      {b.county ? (
        <Card title={t('bulletins.summary', { name: b.county.name })} data-testid="bulletin-summary">
          <Row gutter={[12, 12]}>
            <Col xs={24} sm={12} lg={8}>
              <Card size="small" style={{ height: '100%' }} data-testid="bulletin-fig-orgs">
                <Typography.Text type="secondary">{t('bulletins.fig.orgs', { total: b.county.orgs.total })}</Typography.Text>
                <Flex gap={4} wrap style={{ marginTop: 8 }}>
                  <Tag color="green">{t('bulletins.fig.green', { n: b.county.orgs.green })}</Tag>
                  <Tag color="gold">{t('bulletins.fig.amber', { n: b.county.orgs.amber })}</Tag>
                  <Tag color="red">{t('bulletins.fig.red', { n: b.county.orgs.red })}</Tag>
                </Flex>
              </Card>
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Figure title={t('bulletins.ind.threeMeetings')} value={pct(b.county.threeMeetingsRate)} testId="bulletin-fig-three" />
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Figure
                title={t('bulletins.themeDay')}
                value={`${b.county.themeDayHeld}/${b.county.themeDayRequired}`}
                suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('bulletins.fig.themeAtt', { rate: pct(b.county.themeDayAttendanceRate) })}</Typography.Text>}
                testId="bulletin-fig-theme"
              />
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Figure title={t('bulletins.ind.attendance')} value={pct(b.county.attendanceRate)} testId="bulletin-fig-attendance" />
            </Col>
            <Col xs={12} sm={12} lg={4}>
              <Figure
                title={t('bulletins.ind.dues')}
                value={pct(b.county.duesClearRate)}
                suffix={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${b.county.duesClear}/${b.county.duesOrgs}`}</Typography.Text>}
                testId="bulletin-fig-dues"
              />
            </Col>
          </Row>
        </Card>
      ) : null}

      {townships.length ? (
        <Card title={t('bulletins.townships')} data-testid="bulletin-townships">
          <Table<Township> rowKey="orgId" size="small" dataSource={townships} columns={townshipColumns} pagination={false} scroll={{ x: 'max-content' }} />
        </Card>
      ) : null}

      <Card title={t('bulletins.ranking')} data-testid="bulletin-ranking">
        <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('bulletins.searchOrg')}
            aria-label={t('bulletins.searchOrg')}
            onSearch={setQuery}
            onChange={(e) => setQuery(e.target.value)}
            style={{ width: 280, maxWidth: '100%' }}
            data-testid="bulletin-search"
          />
          <Typography.Text type="secondary" data-testid="bulletin-min-note">
            {t('bulletins.minNote', { n: b.minRankedMembers })}
          </Typography.Text>
        </Flex>
        <Table<BulletinBranch>
          rowKey="orgId"
          size="small"
          dataSource={branches}
          columns={branchColumns}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 'max-content' }}
          data-testid="bulletin-branches"
        />
      </Card>

      <Card title={<span style={{ color: red }}>{t('bulletins.redList', { n: b.redList.length })}</span>} data-testid="bulletin-red-list">
        {b.redList.length ? (
          <ol style={{ margin: 0, paddingInlineStart: 24 }}>
            {b.redList.map((x) => (
              <li key={x.orgId} data-testid="bulletin-red-item" style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorSplit}` }}>
                <Link to={`/supervision?orgId=${encodeURIComponent(x.orgId)}&period=${b.month}`} data-testid="bulletin-red-link">
                  <Typography.Text strong>{x.name}</Typography.Text>
                </Link>
                {x.townshipName ? <Typography.Text type="secondary">{`（${x.townshipName}）`}</Typography.Text> : null}
                <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                  {x.reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('bulletins.noRed')} />
        )}
      </Card>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('bulletins.generatedLine', { by: b.generatedBy === 'job' ? t('bulletins.byJob') : b.generatedBy, at: formatTime(b.generatedAt) })}
      </Typography.Text>
    </>
  );
}
