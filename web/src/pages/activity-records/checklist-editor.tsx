// The 主题党日 checklist: the fixed items of the organization's category (5+X or 4+X) as checkboxes,
// and the free "X" items the branch adds.
import { CheckCircleFilled, DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Input, Tag, Typography } from 'antd';
import type { ChecklistItem } from '../../api/activity-records';
import { useT } from '../../i18n/i18n';

/** Most free items (the server's limit). */
const MAX_EXTRA = 30;

export type ChecklistValue = { fixed: ChecklistItem[]; extra: ChecklistItem[] };

/** How many of the items are done. */
const doneOf = (v: ChecklistValue) => [...v.fixed, ...v.extra].filter((i) => i.done).length;

/** The kind and completion, e.g. "5+X · 已完成 4/6". */
export function ChecklistSummary({ kind, value }: { kind: '5+X' | '4+X'; value: ChecklistValue }) {
  const t = useT();
  const total = value.fixed.length + value.extra.length;
  const fixedDone = value.fixed.every((i) => i.done);
  return (
    <Flex wrap gap={4} align="center">
      <Tag color="red">{kind}</Tag>
      <Tag color={fixedDone ? 'success' : 'warning'}>{t('record.checklist.progress', { done: doneOf(value), total })}</Tag>
      {fixedDone ? null : <Typography.Text type="warning">{t('record.checklist.fixedMissing')}</Typography.Text>}
    </Flex>
  );
}

/** The checklist, read-only. */
export function ChecklistView({ value }: { value: ChecklistValue }) {
  const t = useT();
  const row = (i: ChecklistItem, key: string) => (
    <Flex key={key} gap={8} align="center">
      {i.done ? <CheckCircleFilled style={{ color: '#52c41a' }} aria-label={t('record.checklist.done')} /> : <MinusCircleOutlined style={{ color: '#bfbfbf' }} aria-label={t('record.checklist.notDone')} />}
      <Typography.Text type={i.done ? undefined : 'secondary'}>{i.label}</Typography.Text>
    </Flex>
  );
  return (
    <Flex vertical gap={4}>
      {value.fixed.map((i) => row(i, `f-${i.label}`))}
      {value.extra.length > 0 ? <Typography.Text type="secondary">{t('record.checklist.extra')}</Typography.Text> : null}
      {value.extra.map((i, k) => row(i, `x-${k}`))}
    </Flex>
  );
}

/** Edits the checklist: tick the fixed items, add, rename, tick and remove free items. */
export function ChecklistEditor({ value, onChange }: { value: ChecklistValue; onChange: (v: ChecklistValue) => void }) {
  const t = useT();
  const setExtra = (k: number, patch: Partial<ChecklistItem>) => onChange({ ...value, extra: value.extra.map((x, i) => (i === k ? { ...x, ...patch } : x)) });
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">{t('record.checklist.fixed')}</Typography.Text>
      {value.fixed.map((item) => (
        <Checkbox
          key={item.label}
          checked={item.done}
          onChange={(e) => onChange({ ...value, fixed: value.fixed.map((f) => (f.label === item.label ? { ...f, done: e.target.checked } : f)) })}
          data-testid={`checklist-fixed-${item.label}`}
        >
          {item.label}
        </Checkbox>
      ))}
      <Typography.Text type="secondary">{t('record.checklist.extra')}</Typography.Text>
      {value.extra.map((item, k) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: free items are edited in place; their position is their identity.
        <Flex key={k} gap={8} align="center">
          <Checkbox checked={item.done} onChange={(e) => setExtra(k, { done: e.target.checked })} aria-label={t('record.checklist.done')} />
          <Input value={item.label} maxLength={100} placeholder={t('record.checklist.extraPlaceholder')} onChange={(e) => setExtra(k, { label: e.target.value })} aria-label={t('record.checklist.extraPlaceholder')} data-testid={`checklist-extra-${k}`} />
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('record.checklist.remove')} onClick={() => onChange({ ...value, extra: value.extra.filter((_, i) => i !== k) })} />
        </Flex>
      ))}
      {value.extra.length < MAX_EXTRA ? (
        <Button icon={<PlusOutlined />} style={{ alignSelf: 'flex-start' }} onClick={() => onChange({ ...value, extra: [...value.extra, { label: '', done: true }] })} data-testid="checklist-add">
          {t('record.checklist.add')}
        </Button>
      ) : null}
    </Flex>
  );
}
