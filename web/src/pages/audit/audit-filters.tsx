// Filter bar of the audit pages: time range (Shanghai days), actor, action, result.
import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space } from 'antd';
import type { AuditFilter } from '../../api/audit';
import type { AuditResult } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { type DayLike, shanghaiDayBound } from '../../lib/format';
import { useNarrow } from '../../components/page-card';

type Values = { range?: [DayLike | null, DayLike | null] | null; actor?: string; action?: string; result?: AuditResult };

/** The filter fields other than `kind`. */
export type AuditFilterFields = Omit<AuditFilter, 'kind'>;

/** Calls onApply with the filter built from the form. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilterFields) => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const narrow = useNarrow();
  const w = (px: number) => ({ width: narrow ? '100%' : px });

  const apply = (v: Values) => {
    const [from, to] = v.range ?? [];
    onApply({
      from: from ? shanghaiDayBound(from) : undefined,
      to: to ? shanghaiDayBound(to, true) : undefined,
      actor: v.actor?.trim() || undefined,
      action: v.action?.trim() || undefined,
      result: v.result,
    });
  };

  const resetAll = () => {
    form.resetFields();
    onApply({});
  };

  return (
    <Form<Values>
      form={form}
      layout={narrow ? 'vertical' : 'inline'}
      onFinish={apply}
      style={{ rowGap: 12, marginBottom: 16 }}
    >
      <Form.Item name="range" label={t('audit.timeRange')}>
        <DatePicker.RangePicker id="auditRange" style={w(260)} />
      </Form.Item>
      <Form.Item name="actor" label={t('audit.actor')}>
        <Input id="auditActor" allowClear style={w(150)} />
      </Form.Item>
      <Form.Item name="action" label={t('audit.action')}>
        <Input id="auditAction" allowClear style={w(170)} />
      </Form.Item>
      <Form.Item name="result" label={t('audit.result')}>
        <Select
          id="auditResult"
          allowClear
          style={w(120)}
          options={(['success', 'failure', 'denied'] as const).map((r) => ({ value: r, label: t(`audit.result.${r}`) }))}
        />
      </Form.Item>
      <Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
            {t('common.search')}
          </Button>
          <Button onClick={resetAll}>{t('common.reset')}</Button>
        </Space>
      </Form.Item>
    </Form>
  );
}
