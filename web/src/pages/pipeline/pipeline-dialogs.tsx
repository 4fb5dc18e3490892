// Dialogs of the 发展党员 board: register an application, advance one stage (with the dates the step
// needs), extend the 预备期, stop the procedure.
import { Alert, App, DatePicker, Form, type FormInstance, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  type AdvanceInput,
  type Applicant,
  advanceApplicant,
  closeApplicant,
  createApplicant,
  extendProbation,
  NEXT_STAGE,
  type PipelineRemark,
} from '../../api/pipeline';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';
import { remarkText } from './applicant-card';

type Target = AdvanceInput['to'];

/** The dates each step asks for besides its own date. */
const STEP_FIELDS: Record<Target, readonly (keyof Applicant & string)[]> = {
  activist: ['talkedOn'],
  candidate: ['trainingDoneOn', 'politicalReviewOn', 'publicityStart', 'publicityEnd'],
  probationary: ['approvedOn'],
  full: [],
};

const day = (v: string | null | undefined) => (v ? dayjs(v) : undefined);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : undefined);
const future = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** Runs a dialog's request: busy state, field errors on the form, other errors as a toast. */
function useSubmit<V>(form: FormInstance<V>, fields: readonly string[]) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      if (!applyFieldErrors(form, fields, err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

type DialogProps = { applicant: Applicant; onClose: () => void; onDone: (notes: PipelineRemark[]) => void };

/** One step forward: the date of the step and the dates it needs (recorded ones prefilled). */
export function AdvanceModal({ applicant: a, onClose, onDone }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Record<string, Dayjs | undefined>>();
  const to = NEXT_STAGE[a.stage] as Target;
  const fields = STEP_FIELDS[to];
  const { busy, run } = useSubmit(form, ['date', ...fields]);

  const submit = (v: Record<string, Dayjs | undefined>) =>
    run(async () => {
      const input: AdvanceInput = { to, date: iso(v.date) ?? '' };
      for (const f of fields) (input as Record<string, string | undefined>)[f] = iso(v[f]);
      const { notes } = await advanceApplicant(a.id, input);
      message.success(t('pipeline.advanced', { stage: label(t, 'stage', to) }));
      onDone(notes);
    });

  return (
    <Modal open title={t('pipeline.advanceTitle', { name: a.name, stage: label(t, 'stage', to) })} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={Object.fromEntries(fields.map((f) => [f, day(a[f] as string | null)]))}>
        <Form.Item name="date" label={label(t, 'pipeline.date', to)} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker id="advanceDate" style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
        {fields.map((f) => (
          <Form.Item key={f} name={f} label={label(t, 'pipeline', f)} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker id={`advance-${f}`} style={{ width: '100%' }} disabledDate={future} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** Extends the 预备期 once, by at most a year. */
export function ExtendModal({ applicant: a, onClose, onDone }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: Dayjs }>();
  const { busy, run } = useSubmit(form, ['to']);
  const submit = (v: { to: Dayjs }) =>
    run(async () => {
      const { notes } = await extendProbation(a.id, iso(v.to) ?? '');
      message.success(t('pipeline.extended'));
      onDone(notes);
    });
  return (
    <Modal open title={t('pipeline.extendTitle', { name: a.name })} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Alert type="info" showIcon title={t('pipeline.extendHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="to" label={t('pipeline.extendTo')} rules={[{ required: true, message: t('common.required') }]}>
          <DatePicker id="extendTo" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Stops the procedure with a reason. */
export function CloseModal({ applicant: a, onClose, onDone }: DialogProps) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, run } = useSubmit(form, ['reason']);
  const submit = (v: { reason: string }) =>
    run(async () => {
      const { notes } = await closeApplicant(a.id, v.reason.trim());
      message.success(t('pipeline.closed'));
      onDone(notes);
    });
  return (
    <Modal
      open
      title={t('pipeline.closeTitle', { name: a.name })}
      onCancel={onClose}
      onOk={form.submit}
      okButtonProps={{ danger: true }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('pipeline.closeReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea id="closeReason" rows={3} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CreateValues = { orgId: string; name: string; idNumber: string; appliedOn: Dayjs };

/** Registers a written application (the applicant must be ≥ 18). */
export function CreateApplicantModal({ orgId, onClose, onDone }: { orgId?: string; onClose: () => void; onDone: (a: Applicant) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const { busy, run } = useSubmit(form, ['orgId', 'name', 'idNumber', 'appliedOn']);
  const submit = (v: CreateValues) =>
    run(async () => {
      const a = await createApplicant({ orgId: v.orgId, name: v.name.trim(), idNumber: v.idNumber.trim(), appliedOn: iso(v.appliedOn) ?? '' });
      message.success(t('pipeline.created'));
      onDone(a);
    });
  const required = { required: true, message: t('common.required') };
  return (
    <Modal open title={t('pipeline.create')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<CreateValues> form={form} layout="vertical" onFinish={submit} initialValues={{ orgId, appliedOn: dayjs() }}>
        <Form.Item name="orgId" label={t('pipeline.org')} rules={[required]}>
          <OrgTreeSelect id="applicantOrg" />
        </Form.Item>
        <Form.Item name="name" label={t('memberField.name')} rules={[{ ...required, whitespace: true }]}>
          <Input id="applicantName" maxLength={50} />
        </Form.Item>
        <Form.Item name="idNumber" label={t('memberField.idNumber')} rules={[required, { pattern: /^(\d{17}[\dxX]|\d{15})$/, message: t('members.idNumberRule') }]}>
          <Input id="applicantIdNumber" maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="appliedOn" label={t('pipeline.appliedOn')} rules={[required]}>
          <DatePicker id="applicantAppliedOn" style={{ width: '100%' }} disabledDate={future} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Shows the remarks a step recorded (e.g. the talk came late) as a warning toast. */
export function useNotesToast() {
  const t = useT();
  const { message } = App.useApp();
  return (notes: PipelineRemark[]) => {
    for (const n of notes) message.warning(remarkText(t, n));
  };
}
