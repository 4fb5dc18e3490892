// 重大事项决策: a subject, what was decided and the votes, with the outcome computed by the same rules
// as the server (common/activity-rules.ts), and their read-only list.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { decisionOutcome } from '../../../../common/activity-rules';
import type { Decision, DecisionInput, Quorum } from '../../api/activity-records';
import { type TFunction, useT } from '../../i18n/i18n';

/** Most decisions in one record (the server's limit). */
const MAX_DECISIONS = 50;

/** The outcome tags of a decision. */
export function OutcomeTag({ t, passed, valid }: { t: TFunction; passed: boolean; valid: boolean }) {
  if (!valid) return <Tag color="warning">{t('record.decision.invalid')}</Tag>;
  return passed ? <Tag color="success">{t('record.decision.passed')}</Tag> : <Tag color="error">{t('record.decision.rejected')}</Tag>;
}

const votesText = (t: TFunction, d: DecisionInput) => t('record.decision.votes', { for: d.votesFor, against: d.votesAgainst, abstain: d.votesAbstain });

/** The decisions of a record, read-only. */
export function DecisionList({ decisions }: { decisions: Decision[] }) {
  const t = useT();
  if (decisions.length === 0) return <Typography.Text type="secondary">{t('record.decision.none')}</Typography.Text>;
  return (
    <Flex vertical gap={8}>
      {decisions.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: decisions have no id; their order is their identity.
        <Card key={i} size="small" title={<Typography.Text style={{ whiteSpace: 'normal' }}>{`${i + 1}. ${d.subject}`}</Typography.Text>} extra={<OutcomeTag t={t} passed={d.passed} valid={d.valid} />}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{d.decision}</Typography.Paragraph>
          <Typography.Text type="secondary">{votesText(t, d)}</Typography.Text>
        </Card>
      ))}
    </Flex>
  );
}

/** Decisions as plain text lines (amendment before/after). */
export function DecisionLines({ decisions }: { decisions: DecisionInput[] }) {
  const t = useT();
  if (decisions.length === 0) return <Typography.Text type="secondary">{t('record.decision.none')}</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }}>
      {decisions.map((d, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: decisions have no id; their order is their identity.
        <li key={i}>
          <Typography.Text strong>{d.subject}</Typography.Text>：{d.decision}（{votesText(t, d)}）
        </li>
      ))}
    </ol>
  );
}

type EditorProps = { value: DecisionInput[]; onChange: (v: DecisionInput[]) => void; quorum: Quorum };

/** Edits the decisions; the outcome shown is computed as the server will. */
export function DecisionsEditor({ value, onChange, quorum }: EditorProps) {
  const t = useT();
  const set = (i: number, patch: Partial<DecisionInput>) => onChange(value.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const votes = (i: number, field: 'votesFor' | 'votesAgainst' | 'votesAbstain', label: string) => (
    <Space.Compact>
      <Space.Addon>{label}</Space.Addon>
      <InputNumber
        min={0}
        max={100000}
        precision={0}
        value={value[i][field]}
        onChange={(n) => set(i, { [field]: typeof n === 'number' ? n : 0 })}
        style={{ width: 84 }}
        aria-label={label}
        data-testid={`decision-${i}-${field}`}
      />
    </Space.Compact>
  );
  return (
    <Flex vertical gap={8}>
      {value.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('record.decision.none')} /> : null}
      {value.map((d, i) => {
        const outcome = decisionOutcome(d, quorum);
        return (
          <Card
            // biome-ignore lint/suspicious/noArrayIndexKey: decisions have no id; their order is their identity.
            key={i}
            size="small"
            title={t('record.decision.numbered', { n: i + 1 })}
            extra={
              <Space>
                <OutcomeTag t={t} {...outcome} />
                <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('record.decision.remove')} onClick={() => onChange(value.filter((_, k) => k !== i))} />
              </Space>
            }
          >
            <Flex vertical gap={8}>
              <Input
                placeholder={t('record.decision.subject')}
                aria-label={t('record.decision.subject')}
                maxLength={200}
                value={d.subject}
                onChange={(e) => set(i, { subject: e.target.value })}
                data-testid={`decision-${i}-subject`}
              />
              <Input.TextArea
                placeholder={t('record.decision.decision')}
                aria-label={t('record.decision.decision')}
                maxLength={2000}
                autoSize={{ minRows: 2, maxRows: 6 }}
                value={d.decision}
                onChange={(e) => set(i, { decision: e.target.value })}
                data-testid={`decision-${i}-decision`}
              />
              <Flex wrap gap={8}>
                {votes(i, 'votesFor', t('record.decision.for'))}
                {votes(i, 'votesAgainst', t('record.decision.against'))}
                {votes(i, 'votesAbstain', t('record.decision.abstain'))}
              </Flex>
            </Flex>
          </Card>
        );
      })}
      {value.length < MAX_DECISIONS ? (
        <Button
          icon={<PlusOutlined />}
          onClick={() => onChange([...value, { subject: '', decision: '', votesFor: 0, votesAgainst: 0, votesAbstain: 0 }])}
          data-testid="decision-add"
          style={{ alignSelf: 'flex-start' }}
        >
          {t('record.decision.add')}
        </Button>
      ) : null}
    </Flex>
  );
}
