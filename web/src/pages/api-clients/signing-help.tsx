// Short explanation of how API clients sign their requests (docs/API-CLIENTS.md has the details).
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';

/** An info box above the clients table; folded on narrow screens so the table stays in view. */
export function SigningHelp() {
  const t = useT();
  const narrow = useNarrow();
  const [open, setOpen] = useState<boolean | undefined>(undefined);
  const expanded = open ?? !narrow;
  return (
    <Alert
      type="info"
      showIcon={!narrow}
      title={
        <Flex justify="space-between" align="center" gap={8}>
          {t('apiClients.helpTitle')}
          <Button type="link" size="small" onClick={() => setOpen(!expanded)} aria-expanded={expanded}>
            {expanded ? t('apiClients.helpHide') : t('apiClients.helpShow')}
          </Button>
        </Flex>
      }
      description={
        expanded ? (
          <>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('apiClients.help')}</Typography.Paragraph>
            <pre
              style={{ margin: '0 0 8px', padding: '6px 10px', background: 'rgba(0,0,0,0.04)', borderRadius: 4, overflowX: 'auto' }}
            >
              {t('apiClients.helpCanonical')}
            </pre>
            <Typography.Paragraph style={{ marginBottom: 0 }}>{t('apiClients.helpHeaders')}</Typography.Paragraph>
          </>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
      data-testid="api-clients-help"
    />
  );
}
