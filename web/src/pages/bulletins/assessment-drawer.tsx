// One organization's 综合考核 history in a drawer: the weights of its category, the score over the last
// 24 months as a line, and a table of the months (newest first) with the members, the indicators, the
// score and the rank (a dash: not ranked that month).
import { Drawer, Flex, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useNarrow } from '../../components/page-card';
import { useCallback } from 'react';
import { type AssessmentOrg, INDICATORS, getAssessmentOrg, pct, scoreText } from '../../api/bulletins';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { ScoreChart } from './score-chart';

type Month = AssessmentOrg['history'][number];

/** The drawer of `orgId`'s history. */
export function AssessmentDrawer({ orgId, name, onClose }: { orgId: string; name: string; onClose: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const { data, error, loading, reload } = useAsync(useCallback(() => getAssessmentOrg(orgId, 24), [orgId]));
  const columns: TableColumnsType<Month> = [
    { title: t('bulletins.month'), dataIndex: 'month', width: 90 },
    { title: t('bulletins.members'), dataIndex: 'members', align: 'right' },
    ...INDICATORS.map((k) => ({ title: t(`bulletins.ind.${k}`), key: k, align: 'right' as const, render: (_: unknown, m: Month) => pct(m.indicators[k]) })),
    { title: t('bulletins.score'), dataIndex: 'score', align: 'right', render: (v: number | null) => <Typography.Text strong>{scoreText(v)}</Typography.Text> },
    { title: t('bulletins.rank'), dataIndex: 'rank', align: 'right', render: (v: number | null) => v ?? '—' },
  ];
  const history = data?.history ?? [];
  return (
    <Drawer open title={data?.org.name ?? name} onClose={onClose} size={narrow ? '100%' : 760} destroyOnHidden data-testid="assessment-drawer">
      <LoadError error={error} onRetry={reload} />
      {data ? (
        <Flex vertical gap={16}>
          <Flex gap={4} wrap align="center">
            <Typography.Text type="secondary">{label(t, 'level', data.org.level)}</Typography.Text>
            {data.org.category ? <Tag>{label(t, 'category', data.org.category)}</Tag> : null}
            <Typography.Text type="secondary">{t('bulletins.weightsOf')}</Typography.Text>
            {INDICATORS.map((k) => (
              <Tag key={k} data-testid="assessment-weight">{`${t(`bulletins.ind.${k}`)} ${data.weights[k]}`}</Tag>
            ))}
          </Flex>
          {history.length ? (
            <ScoreChart points={history} label={t('bulletins.chartLabel', { name: data.org.name })} />
          ) : (
            <Typography.Text type="secondary">{t('bulletins.noHistory')}</Typography.Text>
          )}
          <Table<Month>
            rowKey="month"
            size="small"
            loading={loading}
            dataSource={[...history].reverse()}
            columns={columns}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="assessment-history"
          />
        </Flex>
      ) : null}
    </Drawer>
  );
}
