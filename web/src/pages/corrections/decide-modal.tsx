// Approves or rejects one correction request, with a note to the member (required to reject).
import { Alert, App, Descriptions, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { type Correction, decideCorrection } from '../../api/members';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';
import { correctionValue } from '../my/my-corrections';

type Props = { correction: Correction; decision: 'approve' | 'reject'; onClose: () => void; onDone: () => void };

/** The modal. */
export function DecideModal({ correction: c, decision, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ note?: string }>();
  const [busy, setBusy] = useState(false);
  const rejecting = decision === 'reject';

  const submit = async ({ note }: { note?: string }) => {
    setBusy(true);
    try {
      await decideCorrection(c.id, decision, note?.trim() || undefined);
      message.success(rejecting ? t('corrections.rejected') : t('corrections.approved'));
      onDone();
    } catch (err) {
      if (!applyFieldErrors(form, ['note'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={rejecting ? t('corrections.rejectTitle') : t('corrections.approveTitle')}
      onCancel={onClose}
      onOk={form.submit}
      okText={rejecting ? t('corrections.reject') : t('corrections.approve')}
      okButtonProps={{ danger: rejecting, 'data-testid': 'correction-decide-ok' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Descriptions
        size="small"
        column={1}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          { key: 'member', label: t('corrections.member'), children: c.memberName },
          { key: 'field', label: t('corrections.field'), children: label(t, 'memberField', c.field) },
          { key: 'current', label: t('corrections.current'), children: correctionValue(t, c.field, c.currentValue) },
          { key: 'requested', label: t('corrections.requested'), children: correctionValue(t, c.field, c.requestedValue) },
          { key: 'reason', label: t('corrections.reason'), children: c.reason },
        ]}
      />
      {rejecting ? null : <Alert type="info" showIcon title={t('corrections.approveHint')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="note"
          label={t('corrections.note')}
          rules={rejecting ? [{ required: true, whitespace: true, message: t('corrections.noteRequired') }] : []}
        >
          <Input.TextArea id="decisionNote" rows={3} maxLength={500} placeholder={t('corrections.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
