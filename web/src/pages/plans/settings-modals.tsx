// 设置主题党日固定日 of a branch, and the county's defaults (主题党日 day, 党课 per year, reminder days).
import { App, Checkbox, Form, InputNumber, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { LECTURE_FREQUENCIES, type PlanOrg, type PlanSettings, setThemeDay, updatePlanSettings } from '../../api/plans';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';

type DayValues = { useDefault: boolean; day?: number; moveItems: boolean };

/** The fixed 主题党日 day of a branch (or the county default). */
export function ThemeDayModal({ org, countyDay, onClose, onSaved }: { org: PlanOrg; countyDay: number; onClose: () => void; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<DayValues>();
  const [busy, setBusy] = useState(false);
  const useDefault = Form.useWatch('useDefault', form);

  const submit = async (v: DayValues) => {
    setBusy(true);
    try {
      const r = await setThemeDay(org.id, v.useDefault ? null : (v.day ?? null), v.moveItems);
      message.success(t('plans.themeDaySaved', { moved: r.moved }));
      onSaved();
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t('plans.themeDayTitle')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden okButtonProps={{ 'data-testid': 'theme-day-ok' }}>
      <Typography.Paragraph type="secondary">{t('plans.themeDayHint')}</Typography.Paragraph>
      <Form<DayValues> form={form} layout="vertical" onFinish={submit} initialValues={{ useDefault: org.themeDay === null, day: org.themeDay ?? countyDay, moveItems: true }}>
        <Form.Item name="useDefault" valuePropName="checked">
          <Checkbox id="themeDayDefault">{t('plans.themeDayUseDefault', { day: countyDay })}</Checkbox>
        </Form.Item>
        <Form.Item name="day" label={t('plans.themeDayDay')} rules={[{ required: !useDefault, message: t('common.required') }]}>
          <InputNumber id="themeDayDay" min={1} max={28} precision={0} disabled={useDefault} style={{ width: 160 }} data-testid="theme-day-input" />
        </Form.Item>
        <Form.Item name="moveItems" valuePropName="checked">
          <Checkbox id="themeDayMove">{t('plans.themeDayMove')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

type SettingsValues = Omit<PlanSettings, 'editable'>;

/** The county's defaults (county administrators only; the server checks it too). */
export function SettingsModal({ settings, onClose, onSaved }: { settings: PlanSettings; onClose: () => void; onSaved: (s: PlanSettings) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<SettingsValues>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: SettingsValues) => {
    setBusy(true);
    try {
      const saved = await updatePlanSettings(v);
      message.success(t('plans.settings.saved'));
      onSaved(saved);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={t('plans.settings')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<SettingsValues> form={form} layout="vertical" onFinish={submit} initialValues={settings}>
        <Form.Item name="themeDay" label={t('plans.settings.themeDay')} rules={[required]} extra={t('plans.themeDayHint')}>
          <InputNumber id="settingsThemeDay" min={1} max={28} precision={0} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="lecturesPerYear" label={t('plans.settings.lectures')} rules={[required]}>
          <Select id="settingsLectures" options={LECTURE_FREQUENCIES.map((n) => ({ value: n, label: label(t, 'plans.settings.lectures', String(n)) }))} />
        </Form.Item>
        <Form.Item name="reminderDays" label={t('plans.settings.reminderDays')} rules={[required]} extra={t('plans.settings.reminderHint')}>
          <InputNumber id="settingsReminderDays" min={0} max={30} precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
