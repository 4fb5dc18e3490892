// Shows a freshly issued client secret exactly once (after create and rotate).
import { Alert, Modal, Typography } from 'antd';
import type { ApiClientSecret } from '../../api/api-clients';
import { useT } from '../../i18n/i18n';

const breakAnywhere = { overflowWrap: 'anywhere' } as const;

/** The modal; closing it forgets the secret. */
export function SecretModal({ issued, onClose }: { issued: ApiClientSecret; onClose: () => void }) {
  const t = useT();
  const { client, secret } = issued;
  return (
    <Modal
      open
      title={t('apiClients.secretTitle')}
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('apiClients.secretHint')} style={{ marginBottom: 16 }} />
      <Typography.Paragraph>
        {t('apiClients.name')}: <Typography.Text strong>{client.name}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={breakAnywhere}>
        {t('apiClients.keyId')}:{' '}
        <Typography.Text code copyable data-testid="api-client-key-id">
          {client.keyId}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ ...breakAnywhere, marginBottom: 4 }}>{t('apiClients.secret')}:</Typography.Paragraph>
      <Typography.Paragraph style={breakAnywhere}>
        <Typography.Text code copyable style={{ fontSize: 16 }} data-testid="api-client-secret">
          {secret}
        </Typography.Text>
      </Typography.Paragraph>
    </Modal>
  );
}
