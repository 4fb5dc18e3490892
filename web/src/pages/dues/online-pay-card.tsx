// 在线缴纳 in 我的党费: the open bills the member may pay online (their own, and those of members they pay
// for by proxy), ticked with the total shown; 在线缴纳 makes an order and goes to the provider's cashier
// (the simulator's /pay-sim/:orderId). Back from it (?paid=<orderId>) the outcome and the receipt number
// are shown. The recent online orders follow. Works at 360 px.
import { Alert, Button, Checkbox, App as AntApp, Flex, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { formatFen } from '../../api/dues';
import { type OnlineOrder, type OnlineOrderState, createOnlineOrder, getMyOnline, getOnlineOrder } from '../../api/dues-online';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

const STATE_COLORS: Record<OnlineOrderState, string> = { pending: 'processing', paid: 'success', failed: 'error', expired: 'default', cancelled: 'default', refund_required: 'warning' };

/** The online payment part of 我的党费; `onPaid` reloads the dues above it. */
export function OnlinePayCard({ onPaid }: { onPaid: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [params] = useSearchParams();
  const paidId = params.get('paid');
  const { data, error, reload } = useAsync(getMyOnline);
  const returned = useAsync(useCallback(() => (paidId ? getOnlineOrder(paidId) : Promise.resolve(null)), [paidId]));
  const [picked, setPicked] = useState<Record<string, string[]>>({});
  const [busy, setBusy] = useState(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload the dues once the returned order is known.
  useEffect(() => {
    if (returned.data?.state === 'paid') onPaid();
  }, [returned.data?.id]);

  const groups = data?.payable ?? [];
  const totals = useMemo(
    () =>
      Object.fromEntries(
        groups.map((g) => [g.memberId, g.bills.filter((b) => picked[g.memberId]?.includes(b.id)).reduce((s, b) => s + b.remainingFen, 0)]),
      ),
    [groups, picked],
  );

  const pay = async (memberId: string) => {
    const ids = picked[memberId] ?? [];
    if (ids.length === 0) {
      message.warning(t('duesOnline.pickOne'));
      return;
    }
    setBusy(true);
    try {
      const o = await createOnlineOrder(ids);
      navigate(o.payUrl);
    } catch (err) {
      message.error(errorText(t, err));
      reload();
    } finally {
      setBusy(false);
    }
  };

  const r: OnlineOrder | null | undefined = returned.data;
  return (
    <Flex vertical gap={12} data-testid="dues-online">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('duesOnline.title')}
      </Typography.Title>
      <LoadError error={error} onRetry={reload} />
      {r ? (
        r.state === 'paid' ? (
          <Alert
            type="success"
            showIcon
            data-testid="dues-online-paid"
            title={t('duesOnline.paidNotice', { months: r.bills.map((b) => b.month).join('、'), amount: formatFen(r.amountFen), receiptNo: r.receiptNo ?? '' })}
          />
        ) : (
          <Alert type="warning" showIcon title={t('duesOnline.notPaidNotice', { state: t(`duesOnline.state.${r.state}` as 'duesOnline.state.paid') })} description={r.reason ?? undefined} />
        )
      ) : null}
      {data ? (
        <>
          <Typography.Text type="secondary">{t('duesOnline.hint', { earliest: data.earliestMonth, minutes: data.expiresMinutes })}</Typography.Text>
          {groups.every((g) => g.bills.length === 0) ? <Typography.Text>{t('duesOnline.none')}</Typography.Text> : null}
          {groups
            .filter((g) => g.bills.length > 0)
            .map((g) => (
              <Flex key={g.memberId} vertical gap={8} style={{ border: '1px solid rgba(0,0,0,0.08)', borderRadius: 8, padding: 12 }}>
                <Typography.Text strong>{g.self ? t('duesOnline.own') : t('duesOnline.forMember', { name: g.memberName })}</Typography.Text>
                <Checkbox.Group
                  value={picked[g.memberId] ?? []}
                  onChange={(v) => setPicked((p) => ({ ...p, [g.memberId]: v as string[] }))}
                  style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }}
                >
                  {g.bills.map((b) => (
                    <Checkbox key={b.id} value={b.id} disabled={!!b.pendingOrderId} data-testid={`dues-online-bill-${b.month}`}>
                      {b.month} · {formatFen(b.remainingFen)}
                      {b.pendingOrderId ? (
                        <Tag color="processing" style={{ marginInlineStart: 4 }}>
                          {t('duesOnline.pendingTag')}
                        </Tag>
                      ) : null}
                    </Checkbox>
                  ))}
                </Checkbox.Group>
                <Flex justify="space-between" align="center" wrap gap={8}>
                  <Typography.Text strong data-testid="dues-online-total">
                    {t('duesOnline.total', { amount: formatFen(totals[g.memberId] ?? 0) })}
                  </Typography.Text>
                  <Button type="primary" loading={busy} disabled={!(picked[g.memberId]?.length)} onClick={() => pay(g.memberId)} data-testid="dues-online-pay">
                    {t('duesOnline.pay')}
                  </Button>
                </Flex>
              </Flex>
            ))}
          {data.orders.length > 0 ? (
            <>
              <Typography.Text strong>{t('duesOnline.orders')}</Typography.Text>
              <Table<OnlineOrder>
                rowKey="id"
                size="small"
                dataSource={data.orders}
                pagination={false}
                scroll={{ x: 'max-content' }}
                data-testid="dues-online-orders"
                columns={[
                  // On a phone the months say enough; the time of the order is left out.
                  ...(narrow ? [] : [{ title: t('duesOnline.col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatTime(v).slice(0, 16) }]),
                  { title: t('duesOnline.col.months'), render: (_: unknown, o) => o.bills.map((b) => b.month).join('、') },
                  { title: t('duesOnline.col.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
                  {
                    title: t('duesOnline.col.state'),
                    dataIndex: 'state',
                    render: (s: OnlineOrderState, o) =>
                      o.payable ? (
                        <Link to={`/pay-sim/${o.id}`}>{t('duesOnline.continue')}</Link>
                      ) : (
                        <Tag color={STATE_COLORS[s]} title={o.reason ?? undefined}>
                          {t(`duesOnline.state.${s}` as 'duesOnline.state.paid')}
                        </Tag>
                      ),
                  },
                  { title: t('duesOnline.col.receipt'), dataIndex: 'receiptNo', render: (v: string | null) => v ?? '—' },
                ]}
              />
            </>
          ) : null}
        </>
      ) : null}
    </Flex>
  );
}
