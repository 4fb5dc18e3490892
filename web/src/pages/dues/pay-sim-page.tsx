// 模拟支付收银台 (/pay-sim/:orderId): the payment simulator's cashier, standing in for a provider's checkout
// page in the demo and the tests. It says plainly that no real money is taken. 确认支付 asks the server's
// simulator to sign a success notification and post it to the real callback route; 取消 closes the order.
// Either way the payer goes back to 我的党费 (/my?tab=dues&paid=<orderId>), which shows the outcome.
import { Alert, Button, Card, Descriptions, Flex, Result, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { formatFen } from '../../api/dues';
import { cancelSimPayment, confirmSimPayment, getOnlineOrder } from '../../api/dues-online';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

const BACK = (id: string) => `/my?tab=dues&paid=${encodeURIComponent(id)}`;

/** The simulator's cashier page. */
export default function PaySimPage() {
  const t = useT();
  const { orderId = '' } = useParams();
  const navigate = useNavigate();
  const { data: o, error, reload } = useAsync(useCallback(() => getOnlineOrder(orderId), [orderId]));
  const [busy, setBusy] = useState<'confirm' | 'cancel' | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const act = async (what: 'confirm' | 'cancel') => {
    setBusy(what);
    setFailure(null);
    try {
      await (what === 'confirm' ? confirmSimPayment(orderId) : cancelSimPayment(orderId));
      navigate(BACK(orderId));
    } catch (err) {
      setFailure(errorText(t, err));
      reload();
    } finally {
      setBusy(null);
    }
  };

  return (
    <Flex justify="center" style={{ minHeight: '100vh', padding: 12, background: '#f5f5f5' }}>
      <Card title={t('duesOnline.sim.title')} style={{ width: '100%', maxWidth: 440, alignSelf: 'flex-start', marginTop: 24 }} data-testid="pay-sim">
        <Flex vertical gap={12}>
          <Alert type="warning" showIcon title={t('duesOnline.sim.warning')} data-testid="pay-sim-warning" />
          <LoadError error={error} onRetry={reload} />
          {failure ? <Alert type="error" showIcon title={failure} /> : null}
          {o ? (
            <>
              <Typography.Title level={2} style={{ margin: 0, textAlign: 'center' }} data-testid="pay-sim-amount">
                ¥ {formatFen(o.amountFen)}
              </Typography.Title>
              <Descriptions column={1} size="small" bordered styles={{ label: { whiteSpace: 'nowrap', width: 1 } }}>
                <Descriptions.Item label={t('duesOnline.sim.merchant')}>{t('duesOnline.sim.merchantName')}</Descriptions.Item>
                <Descriptions.Item label={t('duesOnline.sim.for')}>{o.memberName}</Descriptions.Item>
                <Descriptions.Item label={t('duesOnline.sim.payer')}>{o.payerName}</Descriptions.Item>
                <Descriptions.Item label={t('duesOnline.sim.months')}>{o.bills.map((b) => b.month).join('、')}</Descriptions.Item>
                <Descriptions.Item label={t('duesOnline.sim.order')}>
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                    {o.id}
                  </Typography.Text>
                </Descriptions.Item>
              </Descriptions>
              {o.payable ? (
                <>
                  <Typography.Text type="secondary">{t('duesOnline.sim.expires', { time: formatTime(o.expiresAt).slice(11, 16) })}</Typography.Text>
                  <Button type="primary" size="large" block loading={busy === 'confirm'} disabled={busy !== null} onClick={() => act('confirm')} data-testid="pay-sim-confirm">
                    {t('duesOnline.sim.confirm')}
                  </Button>
                  <Button block loading={busy === 'cancel'} disabled={busy !== null} onClick={() => act('cancel')} data-testid="pay-sim-cancel">
                    {t('duesOnline.sim.cancel')}
                  </Button>
                </>
              ) : (
                <Result
                  status={o.state === 'paid' ? 'success' : 'info'}
                  title={
                    o.state === 'paid'
                      ? t('duesOnline.sim.paid', { receiptNo: o.receiptNo ?? '' })
                      : t('duesOnline.sim.closed', { state: t(`duesOnline.state.${o.state}` as 'duesOnline.state.paid') })
                  }
                  subTitle={o.reason ?? undefined}
                  extra={<Link to={BACK(o.id)}>{t('duesOnline.sim.back')}</Link>}
                />
              )}
            </>
          ) : null}
        </Flex>
      </Card>
    </Flex>
  );
}
