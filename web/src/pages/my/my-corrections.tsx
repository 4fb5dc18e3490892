// A member asks for a correction of their file (field, new value, reason) and follows their requests.
import { App, Button, Card, DatePicker, Empty, Form, Input, List, Select, Space, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import {
  CORRECTABLE_FIELDS,
  type CorrectableField,
  type Correction,
  EDUCATIONS,
  getMyCorrections,
  type MyRecord,
  requestCorrection,
} from '../../api/members';
import { ApiError } from '../../api/client';
import { LoadError } from '../../components/load-error';
import { usePagedList } from '../../components/paged-table';
import { codeTag } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime, label } from '../../lib/format';
import { applyFieldErrors, fieldOf } from '../../lib/form-errors';

type Values = { field: CorrectableField; value?: string; date?: Dayjs | null; reason: string };

/** Tag colours of a request's status. */
export const CORRECTION_COLORS = { pending: 'processing', approved: 'success', rejected: 'error' } as const;

const DATE_FIELDS: readonly CorrectableField[] = ['joinedOn', 'confirmedOn'];

/** A value as the member reads it (education codes translated). */
export function correctionValue(t: TFunction, field: CorrectableField, v: string | null) {
  if (!v) return '—';
  return field === 'education' ? label(t, 'education', v) : v;
}

/** The current value of a field on the member's own record. */
function currentOf(t: TFunction, record: MyRecord | undefined, field: CorrectableField | undefined): string {
  if (!record || !field || field === 'other') return '—';
  return correctionValue(t, field, (record[field] as string | null) ?? null);
}

/** The request form and the list of the member's requests. */
export function MyCorrections({ record, onApplied }: { record: MyRecord | undefined; onApplied: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const field = Form.useWatch('field', form);
  const list = usePagedList(useCallback((q: { page: number; pageSize: number }) => getMyCorrections(q), []));

  const submit = async (v: Values) => {
    setBusy(true);
    const requestedValue = DATE_FIELDS.includes(v.field) ? (v.date?.format('YYYY-MM-DD') ?? '') : (v.value ?? '').trim();
    try {
      await requestCorrection({ field: v.field, requestedValue, reason: v.reason.trim() });
      message.success(t('my.submitted'));
      form.resetFields();
      list.paging.reset();
      list.reload();
      onApplied();
    } catch (err) {
      // The server names the value `requestedValue`; it sits in the date or the text box here.
      const valueName = DATE_FIELDS.includes(v.field) ? 'date' : 'value';
      if (err instanceof ApiError) {
        const onValue = err.fields.filter((f) => fieldOf(f.path) === 'requestedValue').map((f) => f.message);
        if (onValue.length) form.setFields([{ name: valueName, errors: onValue }]);
        if (!applyFieldErrors(form, ['field', 'reason', 'requestedValue'], err) || !err.fields.length) showError(err);
      } else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('common.required') };
  const valueInput = DATE_FIELDS.includes(field) ? (
    <Form.Item name="date" label={t('my.newValue')} rules={[required]}>
      <DatePicker id="correctionDate" style={{ width: '100%' }} inputReadOnly />
    </Form.Item>
  ) : (
    <Form.Item name="value" label={t('my.newValue')} rules={[{ ...required, whitespace: true }]}>
      {field === 'education' ? (
        <Select id="correctionValue" options={EDUCATIONS.map((e) => ({ value: e, label: label(t, 'education', e) }))} />
      ) : (
        <Input id="correctionValue" maxLength={200} />
      )}
    </Form.Item>
  );

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small" title={t('my.requestCorrection')} data-testid="correction-form">
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="field" label={t('my.field')} rules={[required]}>
            <Select
              id="correctionField"
              data-testid="correction-field"
              options={CORRECTABLE_FIELDS.map((f) => ({ value: f, label: label(t, 'memberField', f) }))}
              onChange={() => form.setFieldsValue({ value: undefined, date: null })}
            />
          </Form.Item>
          {field ? (
            <Typography.Paragraph type="secondary" data-testid="correction-current">
              {t('my.currentValue')}：{currentOf(t, record, field)}
            </Typography.Paragraph>
          ) : null}
          {valueInput}
          <Form.Item name="reason" label={t('my.reason')} rules={[{ required: true, whitespace: true, min: 5, message: t('my.reasonRule') }]}>
            <Input.TextArea id="correctionReason" rows={3} maxLength={500} showCount />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} block data-testid="correction-submit">
            {t('common.submit')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('my.myRequests')}>
        <LoadError error={list.error} onRetry={list.reload} />
        <List<Correction>
          loading={list.loading}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: <Empty description={t('my.noRequests')} /> }}
          data-testid="my-corrections"
          pagination={
            (list.data?.total ?? 0) > list.paging.pageSize
              ? { current: list.paging.page, pageSize: list.paging.pageSize, total: list.data?.total, onChange: list.paging.onChange, size: 'small' }
              : false
          }
          renderItem={(c) => (
            <List.Item key={c.id} data-testid="my-correction">
              <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{label(t, 'memberField', c.field)}</Typography.Text>
                  {codeTag(t, 'correctionStatus', c.status, CORRECTION_COLORS)}
                </Space>
                <Typography.Text style={{ wordBreak: 'break-word' }}>
                  {t('my.changeTo', { value: correctionValue(t, c.field, c.requestedValue) })}
                </Typography.Text>
                <Typography.Text type="secondary">{t('my.reason')}：{c.reason}</Typography.Text>
                <Typography.Text type="secondary">{formatTime(c.createdAt)}</Typography.Text>
                {c.decisionNote ? (
                  <Typography.Text>
                    {t('my.decisionNote')}：{c.decisionNote}
                  </Typography.Text>
                ) : null}
              </Space>
            </List.Item>
          )}
        />
      </Card>
    </Space>
  );
}
