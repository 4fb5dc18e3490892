// 追加修改: the amendments of a submitted record in order (who, when, why, what changed from what)
// and the form that appends one. The original record is never overwritten.
import { Alert, App, Button, Collapse, Flex, Form, Input, Modal, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { type ActivityRecord, type Amendment, type DecisionInput, amendRecord } from '../../api/activity-records';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatTime } from '../../lib/format';
import type { MessageKey } from '../../locales/zh-CN';
import { ChecklistEditor, type ChecklistValue, ChecklistView } from './checklist-editor';
import { DecisionLines, DecisionsEditor } from './decisions-editor';
import { MinutesEditor } from './minutes-editor';
import { SafeHtml } from './safe-html';

const FIELD_LABEL: Record<keyof Amendment['changes'], MessageKey> = {
  minutesHtml: 'record.minutes',
  decisions: 'record.decisions',
  checklist: 'record.checklist',
};

const fieldsOf = (a: Amendment) => (Object.keys(a.changes) as (keyof Amendment['changes'])[]).filter((k) => a.changes[k]);

function BeforeAfter({ t, before, after }: { t: TFunction; before: React.ReactNode; after: React.ReactNode }) {
  return (
    <Flex wrap gap={12}>
      <div style={{ flex: '1 1 260px', minWidth: 0 }}>
        <Typography.Text type="secondary">{t('record.amend.before')}</Typography.Text>
        <div style={{ background: '#fff1f0', padding: 8, borderRadius: 6 }}>{before}</div>
      </div>
      <div style={{ flex: '1 1 260px', minWidth: 0 }}>
        <Typography.Text type="secondary">{t('record.amend.after')}</Typography.Text>
        <div style={{ background: '#f6ffed', padding: 8, borderRadius: 6 }}>{after}</div>
      </div>
    </Flex>
  );
}

/** The amendments of a record, oldest first. */
export function AmendmentList({ amendments }: { amendments: Amendment[] }) {
  const t = useT();
  if (amendments.length === 0) return null;
  return (
    <Timeline
      data-testid="record-amendments"
      items={amendments.map((a) => ({
        key: a.id,
        content: (
          <Flex vertical gap={4}>
            <Flex wrap gap={6} align="center">
              <Typography.Text strong>{t('record.amend.numbered', { n: a.seq })}</Typography.Text>
              <Typography.Text type="secondary">
                {a.actorName} · {formatTime(a.at)}
              </Typography.Text>
              {fieldsOf(a).map((f) => (
                <Tag key={f}>{t(FIELD_LABEL[f])}</Tag>
              ))}
            </Flex>
            <Typography.Text>
              {t('record.amend.reason')}：{a.reason}
            </Typography.Text>
            <Collapse
              size="small"
              items={[
                {
                  key: 'diff',
                  label: t('record.amend.details'),
                  children: (
                    <Flex vertical gap={12}>
                      {a.changes.minutesHtml ? (
                        <BeforeAfter t={t} before={<SafeHtml html={a.changes.minutesHtml.before} />} after={<SafeHtml html={a.changes.minutesHtml.after} />} />
                      ) : null}
                      {a.changes.decisions ? (
                        <BeforeAfter t={t} before={<DecisionLines decisions={a.changes.decisions.before} />} after={<DecisionLines decisions={a.changes.decisions.after} />} />
                      ) : null}
                      {a.changes.checklist ? (
                        <BeforeAfter t={t} before={<ChecklistView value={a.changes.checklist.before} />} after={<ChecklistView value={a.changes.checklist.after} />} />
                      ) : null}
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        ),
      }))}
    />
  );
}

const plainDecisions = (r: ActivityRecord): DecisionInput[] =>
  (r.current ?? r).decisions.map(({ subject, decision, votesFor, votesAgainst, votesAbstain }) => ({ subject, decision, votesFor, votesAgainst, votesAbstain }));

type ModalProps = { record: ActivityRecord; onClose: () => void; onDone: (r: ActivityRecord) => void };

/**
 * Appends an amendment: the reason is required; only the sections the user opened and changed are
 * sent, so a section left alone is never recorded as changed.
 */
export function AmendModal({ record, onClose, onDone }: ModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const content = record.current ?? record;
  const [minutes, setMinutes] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<DecisionInput[] | null>(null);
  const [checklist, setChecklist] = useState<ChecklistValue | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const r = await amendRecord(record.activityId, {
        reason: reason.trim(),
        ...(minutes !== null ? { minutesHtml: minutes } : {}),
        ...(decisions !== null ? { decisions } : {}),
        ...(checklist !== null ? { checklist: { fixed: checklist.fixed, extra: checklist.extra.filter((x) => x.label.trim()) } } : {}),
      });
      message.success(t('record.amend.done'));
      onDone(r);
    } catch (err) {
      if (!applyFieldErrors(form, ['reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('record.amend.title')}
      onCancel={onClose}
      onOk={form.submit}
      okText={t('record.amend.submit')}
      confirmLoading={busy}
      destroyOnHidden
      width={860}
      okButtonProps={{ 'data-testid': 'amend-ok' }}
    >
      <Alert type="info" showIcon title={t('record.amend.hint')} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="reason"
          label={t('record.amend.reason')}
          rules={[
            { required: true, whitespace: true, message: t('record.amend.reasonRequired') },
            { max: 500, message: t('activities.rule.max', { max: 500 }) },
          ]}
        >
          <Input.TextArea id="amendReason" rows={2} maxLength={500} data-testid="amend-reason" />
        </Form.Item>
      </Form>
      <Collapse
        items={[
          {
            key: 'minutes',
            label: t('record.minutes'),
            children: <MinutesEditor initialHtml={content.minutesHtml} onChange={setMinutes} data-testid="amend-minutes" />,
          },
          {
            key: 'decisions',
            label: t('record.decisions'),
            children: <DecisionsEditor value={decisions ?? plainDecisions(record)} onChange={setDecisions} quorum={record.quorum} />,
          },
          ...(content.checklist
            ? [
                {
                  key: 'checklist',
                  label: t('record.checklist'),
                  children: <ChecklistEditor value={checklist ?? { fixed: content.checklist.fixed, extra: content.checklist.extra }} onChange={setChecklist} />,
                },
              ]
            : []),
        ]}
      />
    </Modal>
  );
}

/** The button that opens the amendment form. */
export function AmendButton({ record, onDone }: { record: ActivityRecord; onDone: (r: ActivityRecord) => void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="record-amend">
        {t('record.amend.open')}
      </Button>
      {open ? (
        <AmendModal
          record={record}
          onClose={() => setOpen(false)}
          onDone={(r) => {
            setOpen(false);
            onDone(r);
          }}
        />
      ) : null}
    </>
  );
}
