// 申请减免 (the branch proposes a reduction or exemption of a member's dues, for approval above) and the
// decision dialogs of the organization above (approve, reject, revoke from a month on). Works at 360 px.
import { App, Button, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError } from '../../api/client';
import { formatFen, parseYuanToFen } from '../../api/dues';
import {
  DUES_REDUCE_PERMISSION,
  type DuesReduction,
  type ReductionKind,
  approveReduction,
  proposeReduction,
  rejectReduction,
  revokeReduction,
} from '../../api/dues-reductions';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { useSession } from '../../session/session';

type ProposeValues = { kind: ReductionKind; amount?: string; fromMonth?: dayjs.Dayjs; toMonth?: dayjs.Dayjs; reason?: string; branchDecision?: string };
/** The server names amountFen; the form types 元 in `amount`. */
const FIELD_OF: Record<string, keyof ProposeValues> = {
  'body.amountFen': 'amount',
  'body.fromMonth': 'fromMonth',
  'body.toMonth': 'toMonth',
  'body.reason': 'reason',
  'body.branchDecision': 'branchDecision',
  'body.kind': 'kind',
};

/** The "申请减免" button of the dues drawer and its form (dues.reduce in scope). */
export function ProposeReductionButton({ memberId, memberName, normalFen, onDone }: { memberId: string; memberName: string; normalFen: number | null; onDone?: () => void }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useShowError();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<ProposeValues>();
  const kind = Form.useWatch('kind', form);
  if (!can(DUES_REDUCE_PERMISSION)) return null;
  const submit = async (v: ProposeValues) => {
    if (!v.fromMonth || !v.toMonth) return;
    const amountFen = v.kind === 'reduction' ? parseYuanToFen(v.amount ?? '') : undefined;
    if (amountFen === null) return;
    setBusy(true);
    try {
      await proposeReduction({
        memberId, kind: v.kind, amountFen, fromMonth: v.fromMonth.format('YYYY-MM'), toMonth: v.toMonth.format('YYYY-MM'), reason: v.reason?.trim() ?? '', branchDecision: v.branchDecision?.trim() ?? '',
      });
      message.success(t('duesReduction.proposed'));
      setOpen(false);
      form.resetFields();
      onDone?.();
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0 && err.fields.every((f) => FIELD_OF[f.path]))
        form.setFields(err.fields.map((f) => ({ name: FIELD_OF[f.path], errors: [f.message] })));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <div>
        <Button onClick={() => setOpen(true)} data-testid="dues-reduction-propose">
          {t('duesReduction.propose')}
        </Button>
      </div>
      {open ? (
        <Modal open title={t('duesReduction.proposeTitle', { name: memberName })} onCancel={() => setOpen(false)} onOk={() => form.submit()} confirmLoading={busy} destroyOnHidden>
          <Form<ProposeValues> form={form} layout="vertical" onFinish={submit} initialValues={{ kind: 'reduction', fromMonth: dayjs(), toMonth: dayjs().add(11, 'month') }} data-testid="dues-reduction-form">
            <Form.Item name="kind" label={t('duesReduction.kind')}>
              <Radio.Group>
                <Radio value="reduction">{t('duesReduction.kind.reduction')}</Radio>
                <Radio value="exemption">{t('duesReduction.kind.exemption')}</Radio>
              </Radio.Group>
            </Form.Item>
            {kind !== 'exemption' ? (
              <Form.Item
                name="amount"
                label={t('duesReduction.amount')}
                extra={normalFen !== null ? t('duesReduction.amountHint', { normal: `${formatFen(normalFen)} ${t('dues.quote.baseSuffix')}` }) : undefined}
                rules={[{ required: true, message: t('common.required') }, { validator: (_, v) => (!v || parseYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('dues.quote.baseInvalid')))) }]}
              >
                <Input id="duesReductionAmount" inputMode="decimal" suffix={t('dues.quote.baseSuffix')} />
              </Form.Item>
            ) : null}
            <Form.Item label={t('duesReduction.months')} extra={t('duesReduction.monthsHint')} required>
              <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
                <Form.Item name="fromMonth" noStyle rules={[{ required: true, message: t('common.required') }]}>
                  <DatePicker id="duesReductionFrom" picker="month" allowClear={false} aria-label={t('duesReduction.fromMonth')} />
                </Form.Item>
                <Form.Item name="toMonth" noStyle rules={[{ required: true, message: t('common.required') }]}>
                  <DatePicker id="duesReductionTo" picker="month" allowClear={false} aria-label={t('duesReduction.toMonth')} />
                </Form.Item>
              </div>
            </Form.Item>
            <Form.Item name="reason" label={t('duesReduction.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input id="duesReductionReason" maxLength={200} placeholder={t('duesReduction.reasonPlaceholder')} />
            </Form.Item>
            <Form.Item name="branchDecision" label={t('duesReduction.branchDecision')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input id="duesReductionDecision" maxLength={200} placeholder={t('duesReduction.branchDecisionPlaceholder')} />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </>
  );
}

/** What a decision dialog does. */
export type DecideAction = 'approve' | 'reject' | 'revoke';

/** The dialog of one decision step; calls onDone with the number of bills adjusted. */
export function DecideModal({ reduction, action, onClose, onDone }: { reduction: DuesReduction; action: DecideAction; onClose: () => void; onDone: (bills: number) => void }) {
  const t = useT();
  const showError = useShowError();
  const [note, setNote] = useState('');
  // This month, kept within the decision's months (the middle of the three, 'YYYY-MM' sorting as text).
  const [month, setMonth] = useState(() => [reduction.fromMonth, dayjs().format('YYYY-MM'), reduction.toMonth].sort()[1]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const needsNote = action !== 'approve';
  const submit = async () => {
    if (needsNote && !note.trim()) return setError(t('common.required'));
    setBusy(true);
    try {
      const r =
        action === 'approve'
          ? await approveReduction(reduction.id, note.trim() || undefined)
          : action === 'reject'
            ? await rejectReduction(reduction.id, note.trim())
            : await revokeReduction(reduction.id, month, note.trim());
      onDone(r.bills);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length > 0) setError(err.fields.map((f) => f.message).join('；'));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };
  const title = t(`duesReduction.${action}Title`, { name: reduction.memberName });
  const noteLabel = action === 'approve' ? t('duesReduction.note') : action === 'reject' ? t('duesReduction.rejectNote') : t('duesReduction.revokeReason');
  return (
    <Modal open title={title} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ danger: action !== 'approve' }} destroyOnHidden>
      <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {action === 'revoke' ? (
          <DatePicker
            id="duesReductionRevokeFrom"
            picker="month"
            allowClear={false}
            aria-label={t('duesReduction.revokeFrom')}
            value={dayjs(`${month}-01`)}
            minDate={dayjs(`${reduction.fromMonth}-01`)}
            maxDate={dayjs(`${reduction.toMonth}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        ) : null}
        <Input.TextArea
          id="duesReductionNote"
          aria-label={noteLabel}
          placeholder={action === 'approve' ? `${noteLabel}（${t('duesReduction.notePlaceholder')}）` : noteLabel}
          maxLength={200}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {error ? <div style={{ color: 'var(--ant-color-error, #ff4d4f)' }}>{error}</div> : null}
      </div>
    </Modal>
  );
}
