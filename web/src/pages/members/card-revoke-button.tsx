// 挂失/注销党员证 on the member's page: with a reason, the card is refused by every kiosk from now on
// (the revocation list is synced to kiosks for offline use).
import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { CARD_REVOKE_PERMISSION, revokeCard } from '../../api/activities';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { useSession } from '../../session/session';

/** The button and its dialog; nothing without the permission or without a card. */
export function CardRevokeButton({ memberId, cardNo, onDone }: { memberId: string; cardNo: string | null; onDone?: () => void }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  if (!can(CARD_REVOKE_PERMISSION) || !cardNo) return null;

  const submit = async (v: { reason: string }) => {
    setBusy(true);
    try {
      await revokeCard(memberId, v.reason.trim());
      message.success(t('cards.revoked'));
      setOpen(false);
      onDone?.();
    } catch (err) {
      if (!applyFieldErrors(form, ['reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button danger icon={<StopOutlined />} onClick={() => setOpen(true)} data-testid="member-card-revoke">
        {t('cards.revoke')}
      </Button>
      <Modal
        open={open}
        title={t('cards.revokeTitle', { cardNo })}
        onCancel={() => setOpen(false)}
        onOk={form.submit}
        okText={t('cards.revokeOk')}
        okButtonProps={{ danger: true, 'data-testid': 'card-revoke-ok' }}
        confirmLoading={busy}
        destroyOnHidden
      >
        <Alert type="warning" showIcon title={t('cards.revokeHint')} style={{ marginBottom: 16 }} />
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('cards.reason')}
            rules={[
              { required: true, whitespace: true, message: t('common.required') },
              { min: 2, message: t('activities.rule.min', { min: 2 }) },
              { max: 500, message: t('activities.rule.max', { max: 500 }) },
            ]}
          >
            <Input.TextArea id="cardRevokeReason" rows={3} maxLength={500} placeholder={t('cards.reasonPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
