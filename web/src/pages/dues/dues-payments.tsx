// Payments on the 党费收缴 page: "登记缴费" for one bill (cash or transfer, the amount defaulting to
// what is still due; POST /api/dues/payments) and the 银行扣款对账 tab (upload a bank result file,
// POST /api/dues/bank-files, then its reconciliation report by outcome, exported to Excel).
import { App as AntApp, Button, Flex, Input, Modal, Radio, Select, type TableColumnsType, Tag, Typography, Upload } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, api, readCookie } from '../../api/client';
import { type DuesBill, formatFen, parseYuanToFen } from '../../api/dues';
import type { Page } from '../../api/types';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { formatTime, label } from '../../lib/format';

/** Entering payments (server/modules/dues/payments.service.ts DUES_PAY). */
export const DUES_PAY_PERMISSION = 'dues.pay';
/** Importing bank files (bank-file.service.ts DUES_BANK). */
export const DUES_BANK_PERMISSION = 'dues.bank';

const OUTCOMES = [
  'matched', 'unknown_card', 'name_mismatch', 'no_bill', 'not_payable', 'amount_mismatch', 'already_paid', 'already_imported', 'duplicate', 'bank_failed', 'malformed',
] as const;
type Outcome = (typeof OUTCOMES)[number];
const OUTCOME_COLORS: Partial<Record<Outcome, string>> = { matched: 'success', already_imported: 'default', bank_failed: 'default', malformed: 'error', unknown_card: 'error' };

type BankFile = { id: string; fileName: string | null; lines: number; matched: number; matchedFen: number; outcomes: Record<string, number>; createdByName: string; createdAt: string };
type BankLine = { lineNo: number; cardNo: string | null; name: string | null; month: string | null; amountFen: number | null; txnNo: string | null; outcome: Outcome; reason: string | null };
type BankReport = { file: BankFile; items: BankLine[]; total: number };

/** Uploads a bank file as multipart/form-data (field "file"). */
async function uploadBankFile(file: File): Promise<BankReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  const headers: Record<string, string> = { accept: 'application/json' };
  const csrf = readCookie('hy_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch('/api/dues/bank-files', { method: 'POST', body: form, headers, credentials: 'same-origin' });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, body.error?.code ?? `HTTP_${res.status}`, body.error?.message ?? res.statusText, body.error?.fields);
  return body as BankReport;
}

/** "登记缴费" on a bill still open: a small form, then the list reloads. */
export function PayBillButton({ bill, onDone }: { bill: DuesBill; onDone: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const remaining = (bill.amountFen ?? 0) - bill.paidFen;
  const [open, setOpen] = useState(false);
  const [channel, setChannel] = useState<'cash' | 'transfer'>('cash');
  const [amount, setAmount] = useState(formatFen(remaining));
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (bill.amountFen === null || remaining <= 0 || bill.state === 'waived') return null;
  const submit = async () => {
    const fen = parseYuanToFen(amount);
    if (fen === null || fen <= 0 || fen > remaining) return setError(t('dues.pay.badAmount'));
    setBusy(true);
    try {
      const r = await api.post<{ receiptNo: string }>('/api/dues/payments', { memberId: bill.memberId, channel, bills: [{ month: bill.month, amountFen: fen }], note: note || undefined });
      message.success(t('dues.pay.done', { receipt: r.receiptNo }));
      setOpen(false);
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="dues-pay">
        {t('dues.pay.action')}
      </Button>
      {open ? (
        <Modal open title={t('dues.pay.title', { name: bill.memberName, month: bill.month })} onCancel={() => setOpen(false)} onOk={submit} confirmLoading={busy} destroyOnHidden>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('dues.pay.remaining', { amount: formatFen(remaining) })}</Typography.Text>
            <Radio.Group value={channel} onChange={(e) => setChannel(e.target.value)} aria-label={t('dues.pay.channel')}>
              <Radio value="cash">{t('dues.pay.cash')}</Radio>
              <Radio value="transfer">{t('dues.pay.transfer')}</Radio>
            </Radio.Group>
            <Input id="duesPayAmount" addonBefore={t('dues.pay.amount')} value={amount} onChange={(e) => setAmount(e.target.value)} inputMode="decimal" />
            <Input id="duesPayNote" placeholder={t('dues.pay.note')} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
            {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
          </Flex>
        </Modal>
      ) : null}
    </>
  );
}

/** The lines of one report, filtered by outcome. */
function ReportTable({ file }: { file: BankFile }) {
  const t = useT();
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const list = usePagedList<BankLine>(
    useCallback((q: PageQuery) => api.get<Page<BankLine>>(`/api/dues/bank-files/${file.id}`, { outcome, page: q.page, pageSize: q.pageSize }), [file.id, outcome]),
  );
  const columns: TableColumnsType<BankLine> = [
    { title: t('dues.bank.line'), dataIndex: 'lineNo', width: 70 },
    { title: t('dues.bank.card'), dataIndex: 'cardNo' },
    { title: t('dues.bank.name'), dataIndex: 'name' },
    { title: t('dues.bank.month'), dataIndex: 'month' },
    { title: t('dues.bank.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
    { title: t('dues.bank.txn'), dataIndex: 'txnNo' },
    { title: t('dues.bank.outcome'), dataIndex: 'outcome', render: (o: Outcome) => <Tag color={OUTCOME_COLORS[o] ?? 'warning'}>{label(t, 'duesOutcome', o)}</Tag> },
    { title: t('dues.bank.reason'), dataIndex: 'reason' },
  ];
  const exportQuery = outcome ? `?outcome=${outcome}` : '';
  return (
    <Flex vertical gap={12} data-testid="dues-bank-report">
      <Typography.Text strong>{t('dues.bank.summary', { lines: file.lines, matched: file.matched, amount: formatFen(file.matchedFen) })}</Typography.Text>
      <Flex gap={8} wrap>
        {OUTCOMES.filter((o) => (file.outcomes[o] ?? 0) > 0).map((o) => (
          <Tag key={o} color={OUTCOME_COLORS[o] ?? 'warning'}>
            {label(t, 'duesOutcome', o)} {file.outcomes[o]}
          </Tag>
        ))}
      </Flex>
      <Flex gap={8} wrap>
        <Select<Outcome>
          id="duesBankOutcome"
          allowClear
          placeholder={t('dues.bank.allOutcomes')}
          value={outcome}
          onChange={(v) => {
            list.paging.reset();
            setOutcome(v);
          }}
          style={{ width: 200 }}
          options={OUTCOMES.map((o) => ({ value: o, label: label(t, 'duesOutcome', o) }))}
        />
        <div style={{ flex: 1 }} />
        <ExportButton permission={DUES_BANK_PERMISSION} href={`/api/dues/bank-files/${file.id}/export${exportQuery}`} data-testid="dues-bank-export" />
      </Flex>
      <PagedTable<BankLine> list={list} rowKey="lineNo" columns={columns} data-testid="dues-bank-lines" />
    </Flex>
  );
}

/** The 银行扣款对账 tab: upload, the report of the chosen file, the files imported before. */
export function BankFileTab({ onImported }: { onImported: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [current, setCurrent] = useState<BankFile | null>(null);
  const [reload, setReload] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload refreshes the list after an import.
  const files = usePagedList<BankFile>(useCallback((q: PageQuery) => api.get<Page<BankFile>>('/api/dues/bank-files', { page: q.page, pageSize: q.pageSize }), [reload]));
  const columns: TableColumnsType<BankFile> = [
    { title: t('dues.bank.file'), dataIndex: 'fileName', render: (v: string | null, f) => <Typography.Link onClick={() => setCurrent(f)}>{v ?? f.id}</Typography.Link> },
    { title: t('dues.bank.at'), dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
    { title: t('dues.bank.outcome'), key: 'sum', render: (_, f) => t('dues.bank.summary', { lines: f.lines, matched: f.matched, amount: formatFen(f.matchedFen) }) },
  ];
  return (
    <Flex vertical gap={16}>
      <Typography.Paragraph type="secondary">{t('dues.bank.intro')}</Typography.Paragraph>
      <Upload
        accept=".csv,.txt,.xlsx"
        showUploadList={false}
        customRequest={async ({ file }) => {
          setBusy(true);
          setError(null);
          try {
            const r = await uploadBankFile(file as File);
            setCurrent(r.file);
            setReload((k) => k + 1);
            onImported();
          } catch (e) {
            setError(e instanceof Error ? e.message : String(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Button type="primary" loading={busy} data-testid="dues-bank-upload">
          {busy ? t('dues.bank.uploading') : t('dues.bank.upload')}
        </Button>
      </Upload>
      {error ? <Typography.Text type="danger" data-testid="dues-bank-error">{error}</Typography.Text> : null}
      {current ? <ReportTable key={current.id} file={current} /> : null}
      <Typography.Title level={5}>{t('dues.bank.history')}</Typography.Title>
      <PagedTable<BankFile> list={files} rowKey="id" columns={columns} data-testid="dues-bank-files" />
    </Flex>
  );
}
