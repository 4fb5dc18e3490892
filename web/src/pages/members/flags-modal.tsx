// Sets the flags 不计到会率 (with reason and approver) and 失联 (with the date).
import { Alert, App, Checkbox, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type MemberRecord, setMemberFlags } from '../../api/members';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';

type Values = {
  excludeAttendance: boolean;
  excludeReason?: string;
  excludeApprover?: string;
  lostContact: boolean;
  lostContactSince?: Dayjs | null;
};

/** The modal; `onSaved` gets the updated record. */
export function FlagsModal({ member, onClose, onSaved }: { member: MemberRecord; onClose: () => void; onSaved: (m: MemberRecord) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const excluded = Form.useWatch('excludeAttendance', form);
  const lost = Form.useWatch('lostContact', form);
  const { flags } = member;

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const saved = await setMemberFlags(member.id, {
        excludeAttendance: v.excludeAttendance,
        excludeReason: v.excludeAttendance ? v.excludeReason?.trim() : null,
        excludeApprover: v.excludeAttendance ? v.excludeApprover?.trim() : null,
        lostContactSince: v.lostContact && v.lostContactSince ? v.lostContactSince.format('YYYY-MM-DD') : null,
      });
      message.success(t('members.flagsSaved'));
      onSaved(saved);
    } catch (err) {
      if (!applyFieldErrors(form, ['excludeReason', 'excludeApprover', 'lostContactSince'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Modal open title={t('members.flagsTitle')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          excludeAttendance: flags.excludeAttendance,
          excludeReason: flags.excludeReason ?? undefined,
          excludeApprover: flags.excludeApprover ?? undefined,
          lostContact: !!flags.lostContactSince,
          lostContactSince: flags.lostContactSince ? dayjs(flags.lostContactSince) : null,
        }}
      >
        <Form.Item name="excludeAttendance" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox id="flagExclude">{t('members.flag.excluded')}</Checkbox>
        </Form.Item>
        <Alert type="info" showIcon title={t('members.excludeHint')} style={{ marginBottom: 16 }} />
        {excluded ? (
          <>
            <Form.Item name="excludeReason" label={t('members.excludeReason')} rules={[required]}>
              <Input id="flagExcludeReason" maxLength={200} />
            </Form.Item>
            <Form.Item name="excludeApprover" label={t('members.excludeApprover')} rules={[required]}>
              <Input id="flagExcludeApprover" maxLength={50} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="lostContact" valuePropName="checked" style={{ marginBottom: 8 }}>
          <Checkbox id="flagLost">{t('members.flag.lost')}</Checkbox>
        </Form.Item>
        {lost ? (
          <Form.Item
            name="lostContactSince"
            label={t('memberField.lostContactSince')}
            extra={t('members.lostHint')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DatePicker id="flagLostSince" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
