// Shows a freshly issued one-time password exactly once.
import { Alert, Modal, Typography } from 'antd';
import { useT } from '../../i18n/i18n';

/** The modal; closing it forgets the password. */
export function OneTimePasswordModal({ username, password, onClose }: { username: string; password: string; onClose: () => void }) {
  const t = useT();
  return (
    <Modal
      open
      title={t('accounts.otpTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('accounts.otpHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('accounts.username')}: <Typography.Text strong>{username}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph>
        <Typography.Text code copyable style={{ fontSize: 18 }} data-testid="one-time-password">
          {password}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
