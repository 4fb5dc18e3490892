// 添加事项 / 编辑事项 (type, date within the plan's year, title, note) and 从计划创建活动 (time, place,
// title; the check-in window is the server's default).
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { addItem, createItemActivity, type ItemInput, PLAN_ITEM_TYPES, type PlanItem, type PlanItemType, updateItem } from '../../api/plans';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { fromPicker } from '../activities/activity-bits';
import { typeName } from './plan-bits';

type ItemValues = { type: PlanItemType; plannedOn: Dayjs; title: string; note?: string };

/** The modal: `item` given = edit, else add to the organization's plan of `year`. */
export function ItemFormModal({ orgId, year, item, initialDate, onClose, onSaved }: {
  orgId: string;
  year: number;
  item?: PlanItem;
  initialDate?: string;
  onClose: () => void;
  onSaved: (item: PlanItem) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ItemValues>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: ItemValues) => {
    const input: ItemInput = { type: v.type, plannedOn: v.plannedOn.format('YYYY-MM-DD'), title: v.title.trim(), note: v.note?.trim() || null };
    setBusy(true);
    try {
      const saved = item ? await updateItem(item.id, input) : await addItem(orgId, input);
      message.success(item ? t('plans.itemSaved') : t('plans.itemAdded'));
      onSaved(saved);
    } catch (err) {
      if (!applyFieldErrors(form, ['type', 'plannedOn', 'title', 'note'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const initial: Partial<ItemValues> = item
    ? { type: item.type, plannedOn: dayjs(item.plannedOn), title: item.title, note: item.note ?? undefined }
    : { type: 'other', plannedOn: dayjs(initialDate ?? `${year}-01-01`) };
  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={item ? t('plans.editItem') : t('plans.addItem')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'plan-item-ok' }}>
      <Form<ItemValues> form={form} layout="vertical" onFinish={submit} initialValues={initial}>
        <Form.Item name="type" label={t('plans.field.type')} rules={[required]}>
          <Select
            id="planItemType"
            options={PLAN_ITEM_TYPES.map((x) => ({ value: x, label: typeName(t, x) }))}
            disabled={!!item?.activityId && item.activityState !== 'cancelled'}
          />
        </Form.Item>
        <Form.Item name="plannedOn" label={t('plans.field.plannedOn')} rules={[required]}>
          <DatePicker
            id="planItemDate"
            style={{ width: '100%' }}
            // Moving an item keeps it in its plan's year.
            disabledDate={item ? (d) => d.year() !== year : undefined}
          />
        </Form.Item>
        <Form.Item name="title" label={t('plans.field.title')} rules={[{ ...required, whitespace: true }, { max: 100, message: t('plans.rule.max', { max: 100 }) }]}>
          <Input id="planItemTitle" data-testid="plan-item-title" />
        </Form.Item>
        <Form.Item name="note" label={t('plans.field.note')} rules={[{ max: 500, message: t('plans.rule.max', { max: 500 }) }]}>
          <Input.TextArea id="planItemNote" rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type ActivityValues = { title: string; time: [Dayjs, Dayjs]; place?: string };

/** 从计划创建活动: times default to 09:00–11:00 on the planned day. */
export function ItemActivityModal({ item, onClose, onCreated }: { item: PlanItem; onClose: () => void; onCreated: (r: { item: PlanItem; activityId: string }) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ActivityValues>();
  const [busy, setBusy] = useState(false);
  const day = dayjs(item.plannedOn);

  const submit = async (v: ActivityValues) => {
    setBusy(true);
    try {
      const r = await createItemActivity(item.id, { title: v.title.trim(), startsAt: fromPicker(v.time[0]), endsAt: fromPicker(v.time[1]), place: v.place?.trim() || undefined });
      message.success(t('plans.activityCreated'));
      onCreated(r);
    } catch (err) {
      if (!applyFieldErrors(form, ['title', 'place'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const checkTime = async (_: unknown, v: [Dayjs | null, Dayjs | null] | null) => {
    if (!v?.[0] || !v[1]) throw new Error(t('common.required'));
    if (!v[1].isAfter(v[0])) throw new Error(t('plans.rule.endAfterStart'));
  };
  return (
    <Modal
      open
      title={t('plans.createActivityTitle', { title: item.title })}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'plan-activity-ok' }}
    >
      <Alert type="info" showIcon title={t('plans.activityHint')} style={{ marginBottom: 16 }} />
      <Form<ActivityValues>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ title: item.title, time: [day.hour(9).minute(0).second(0), day.hour(11).minute(0).second(0)] }}
      >
        <Form.Item name="title" label={t('plans.activityTitle')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 200, message: t('plans.rule.max', { max: 200 }) }]}>
          <Input id="planActivityTitle" />
        </Form.Item>
        <Form.Item name="time" label={t('plans.activityTime')} rules={[{ validator: checkTime }]}>
          <DatePicker.RangePicker id="planActivityTime" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label={t('plans.activityPlace')} rules={[{ max: 200, message: t('plans.rule.max', { max: 200 }) }]}>
          <Input id="planActivityPlace" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
