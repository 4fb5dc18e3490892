// One person on the 发展党员 board: stage dates, timers (overdue in red) and the step actions.
import { Button, Card, Dropdown, Space, Tag, Typography } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import type { Applicant, PipelineRemark, PipelineTimer } from '../../api/pipeline';
import { NEXT_STAGE } from '../../api/pipeline';
import { type TFunction, useT } from '../../i18n/i18n';
import { label } from '../../lib/format';

/** The text of a remark in the console's language (server text as a fallback). */
export function remarkText(t: TFunction, r: PipelineRemark): string {
  const text = label(t, 'remark', r.code);
  if (text === r.code) return r.message;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in r.params ? String(r.params[k]) : m));
}

/** A timer as a tag: red and marked 逾期 once overdue. */
export function timerTag(t: TFunction, x: PipelineTimer) {
  const name = label(t, 'timer', x.code);
  return (
    <Tag key={x.code} color={x.overdue ? 'error' : 'processing'} data-testid={x.overdue ? 'timer-overdue' : 'timer'} style={{ whiteSpace: 'normal' }}>
      {x.overdue ? `${t('pipeline.overdueTag')} · ` : ''}
      {name === x.code ? x.message : name} · {x.dueOn}
    </Tag>
  );
}

/** The date that matters for the stage the person is in. */
function stageSince(a: Applicant): string | null {
  switch (a.stage) {
    case 'applicant':
      return a.appliedOn;
    case 'activist':
      return a.activistOn;
    case 'candidate':
      return a.candidateOn;
    case 'probationary':
      return a.admittedOn;
    default:
      return a.confirmedOn;
  }
}

type Action = 'advance' | 'extend' | 'close';

/** The card; `onAction` opens a dialog (actions only with `writable`). */
export function ApplicantCard({ a, writable, onAction }: { a: Applicant; writable: boolean; onAction: (a: Applicant, action: Action) => void }) {
  const t = useT();
  const next = NEXT_STAGE[a.stage];
  const overdue = a.timers.some((x) => x.overdue);
  const items = [
    next ? { key: 'advance', label: t('pipeline.advanceTo', { stage: label(t, 'stage', next) }) } : null,
    a.stage === 'probationary' && !a.probationExtendedTo ? { key: 'extend', label: t('pipeline.extend') } : null,
    a.stage !== 'full' && a.stage !== 'closed' ? { key: 'close', label: t('pipeline.close'), danger: true } : null,
  ].filter((i) => i !== null);

  return (
    <Card
      size="small"
      data-testid="applicant-card"
      style={{ borderColor: overdue ? '#ff4d4f' : undefined }}
      title={
        <Space size={4}>
          <Typography.Text strong>{a.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {label(t, 'gender', a.gender)} · {t('pipeline.ageValue', { age: a.age })}
          </Typography.Text>
        </Space>
      }
      extra={
        writable && items.length ? (
          <Dropdown trigger={['click']} menu={{ items, onClick: ({ key }) => onAction(a, key as Action) }}>
            <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.actions')} data-testid="applicant-actions" />
          </Dropdown>
        ) : null
      }
    >
      <Space orientation="vertical" size={4} style={{ width: '100%' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('pipeline.since', { date: stageSince(a) ?? '—' })}
          {a.probationExtendedTo ? ` · ${t('pipeline.extendedTo', { date: a.probationExtendedTo })}` : ''}
        </Typography.Text>
        {a.timers.length ? <Space size={[4, 4]} wrap>{a.timers.map((x) => timerTag(t, x))}</Space> : null}
        {a.remarks.map((r) => (
          <Typography.Text key={r.code} type="warning" style={{ fontSize: 12 }}>
            {remarkText(t, r)}
          </Typography.Text>
        ))}
      </Space>
    </Card>
  );
}
