// 会议记录 tab of the activity detail page: minutes, decisions (with the 支部党员大会 quorum), the
// 主题党日 checklist, photos/videos/attachments; save as draft, submit (locks the record and the
// activity, writes the attendees' files), and amendments appended after submission.
import { LockOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Divider, Flex, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type ActivityRecord, type DecisionInput, getRecord, saveRecordDraft, submitRecord } from '../../api/activity-records';
import { ApiError } from '../../api/client';
import { LoadError } from '../../components/load-error';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { AmendButton, AmendmentList } from '../activity-records/amendments';
import { ChecklistEditor, ChecklistSummary, type ChecklistValue, ChecklistView } from '../activity-records/checklist-editor';
import { DecisionList, DecisionsEditor } from '../activity-records/decisions-editor';
import { MediaPanel } from '../activity-records/media-panel';
import { MinutesEditor } from '../activity-records/minutes-editor';
import { SafeHtml } from '../activity-records/safe-html';

/** What the editor holds. */
type Draft = { minutesHtml: string; decisions: DecisionInput[]; checklist: ChecklistValue | null };

const draftOf = (r: ActivityRecord): Draft => ({
  minutesHtml: r.minutesHtml,
  decisions: r.decisions.map(({ subject, decision, votesFor, votesAgainst, votesAbstain }) => ({ subject, decision, votesFor, votesAgainst, votesAbstain })),
  checklist: r.checklist ? { fixed: r.checklist.fixed, extra: r.checklist.extra } : null,
});

/** The body of a save: empty free items and wholly empty decisions are left out. */
const bodyOf = (d: Draft) => ({
  minutesHtml: d.minutesHtml,
  decisions: d.decisions.filter((x) => x.subject.trim() || x.decision.trim()).map((x) => ({ ...x, subject: x.subject.trim(), decision: x.decision.trim() })),
  ...(d.checklist ? { checklist: { fixed: d.checklist.fixed, extra: d.checklist.extra.filter((x) => x.label.trim()).map((x) => ({ ...x, label: x.label.trim() })) } } : {}),
});

/** 应到 / 实到 / 请假 / guests. */
function Figures({ t, record }: { t: TFunction; record: ActivityRecord }) {
  const f = record.figures;
  return (
    <Descriptions
      size="small"
      column={{ xs: 2, sm: 4 }}
      title={
        <Space wrap size={4}>
          <span>{t('record.figures')}</span>
          <Tag color={f.frozen ? 'default' : 'processing'}>{f.frozen ? t('record.figures.frozen') : t('record.figures.live')}</Tag>
        </Space>
      }
      items={[
        { key: 'e', label: t('record.figures.expected'), children: f.expected },
        { key: 'p', label: t('record.figures.present'), children: f.present },
        { key: 'l', label: t('record.figures.leave'), children: f.leave },
        { key: 'g', label: t('record.figures.guests'), children: f.guests },
      ]}
    />
  );
}

/** The quorum of a 支部党员大会, and what it means for the decisions. */
function QuorumAlert({ t, record }: { t: TFunction; record: ActivityRecord }) {
  const q = record.quorum;
  if (!q) return null;
  return (
    <Alert
      type={q.met ? 'success' : 'warning'}
      showIcon
      data-testid="record-quorum"
      title={q.met ? t('record.quorum.met') : t('record.quorum.notMet')}
      description={t('record.quorum.detail', { voting: q.votingMembers, present: q.present, required: q.required })}
    />
  );
}

/** Who submitted, when; amendments. */
function SubmittedBanner({ t, record }: { t: TFunction; record: ActivityRecord }) {
  return (
    <Alert
      type="info"
      showIcon
      icon={<LockOutlined />}
      data-testid="record-submitted"
      title={t('record.submittedBy', { name: record.submittedName ?? '', at: formatTime(record.submittedAt) })}
      description={record.amendments.length > 0 ? t('record.amendedTimes', { n: record.amendments.length }) : t('record.lockedHint')}
    />
  );
}

/** The record read-only: as it stands now (after amendments) or as originally submitted. */
function RecordView({ t, record }: { t: TFunction; record: ActivityRecord }) {
  const [which, setWhich] = useState<'current' | 'original'>('current');
  const content = which === 'current' && record.current ? record.current : record;
  return (
    <Flex vertical gap={12}>
      {record.current ? (
        <Segmented
          value={which}
          onChange={(v) => setWhich(v as 'current' | 'original')}
          options={[
            { value: 'current', label: t('record.view.current') },
            { value: 'original', label: t('record.view.original') },
          ]}
          data-testid="record-version"
        />
      ) : null}
      <Card size="small" title={t('record.minutes')}>
        {content.minutesHtml ? <SafeHtml html={content.minutesHtml} data-testid="record-minutes" /> : <Typography.Text type="secondary">{t('record.minutesEmpty')}</Typography.Text>}
      </Card>
      <Card size="small" title={t('record.decisions')}>
        <DecisionList decisions={content.decisions} />
      </Card>
      {content.checklist ? (
        <Card size="small" title={t('record.checklist')} extra={<ChecklistSummary kind={content.checklist.kind} value={content.checklist} />}>
          <ChecklistView value={content.checklist} />
        </Card>
      ) : null}
    </Flex>
  );
}

/** The record of one activity (embedded by the activity detail page as a tab). */
export function ActivityRecordPanel({ activityId }: { activityId: string }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useAsync(useCallback(() => getRecord(activityId), [activityId]));
  const [record, setRecord] = useState<ActivityRecord | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  // The editor is uncontrolled: a new key remounts it with the saved HTML.
  const [editorKey, setEditorKey] = useState(0);

  const adopt = useCallback((r: ActivityRecord) => {
    setRecord(r);
    setDraft(draftOf(r));
    setDirty(false);
    setEditorKey((k) => k + 1);
  }, []);
  useEffect(() => {
    if (data) adopt(data);
  }, [data, adopt]);

  const edit = (patch: Partial<Draft>) => {
    setDraft((d) => (d ? { ...d, ...patch } : d));
    setDirty(true);
  };

  const save = async (): Promise<ActivityRecord | null> => {
    if (!record || !draft) return null;
    setBusy('save');
    try {
      const r = await saveRecordDraft(activityId, { ...bodyOf(draft), version: record.version });
      adopt(r);
      return r;
    } catch (err) {
      showError(err);
      if (err instanceof ApiError && err.code === 'RECORD_SUBMITTED') reload();
      return null;
    } finally {
      setBusy(null);
    }
  };

  const submit = () =>
    modal.confirm({
      title: t('record.submitConfirm.title'),
      content: t('record.submitConfirm.body'),
      okText: t('record.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'record-submit-ok' } as Record<`data-${string}`, string>,
      onOk: async () => {
        const saved = dirty ? await save() : record;
        if (!saved) return;
        setBusy('submit');
        try {
          adopt(await submitRecord(activityId, saved.version));
          message.success(t('record.submitted'));
        } catch (err) {
          showError(err);
        } finally {
          setBusy(null);
        }
      },
    });

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!record || !draft) return loading ? <Spin /> : null;
  const editing = record.state === 'draft' && record.canEdit;

  return (
    <Flex vertical gap={16} data-testid="record-panel">
      {record.state === 'submitted' ? <SubmittedBanner t={t} record={record} /> : null}
      {record.state === 'draft' && !record.canEdit ? <Alert type="info" showIcon title={t('record.readOnlyDraft')} /> : null}
      <Figures t={t} record={record} />
      <QuorumAlert t={t} record={record} />

      {editing ? (
        <>
          <div>
            <Typography.Title level={5}>{t('record.minutes')}</Typography.Title>
            <MinutesEditor key={editorKey} initialHtml={record.minutesHtml} onChange={(minutesHtml) => edit({ minutesHtml })} data-testid="record-minutes-editor" />
          </div>
          <div>
            <Typography.Title level={5}>{t('record.decisions')}</Typography.Title>
            <DecisionsEditor value={draft.decisions} onChange={(decisions) => edit({ decisions })} quorum={record.quorum} />
          </div>
          {draft.checklist && record.checklist ? (
            <div>
              <Flex wrap gap={8} align="center" justify="space-between">
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {t('record.checklist')}
                </Typography.Title>
                <ChecklistSummary kind={record.checklist.kind} value={draft.checklist} />
              </Flex>
              <ChecklistEditor value={draft.checklist} onChange={(checklist) => edit({ checklist })} />
            </div>
          ) : null}
          <Flex wrap gap={8} align="center">
            <Button icon={<SaveOutlined />} onClick={save} loading={busy === 'save'} disabled={busy !== null} data-testid="record-save">
              {t('record.saveDraft')}
            </Button>
            <Button type="primary" icon={<SendOutlined />} onClick={submit} loading={busy === 'submit'} disabled={busy !== null} data-testid="record-submit">
              {t('record.submit')}
            </Button>
            <Typography.Text type="secondary">
              {dirty ? t('record.unsaved') : record.updatedAt ? t('record.savedBy', { name: record.updatedName ?? '', at: formatTime(record.updatedAt) }) : null}
            </Typography.Text>
          </Flex>
        </>
      ) : (
        <RecordView t={t} record={record} />
      )}

      <Divider style={{ margin: '4px 0' }} />
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('media.title')}
      </Typography.Title>
      <MediaPanel activityId={activityId} editable={editing} />

      {record.state === 'submitted' ? (
        <>
          <Divider style={{ margin: '4px 0' }} />
          <Flex wrap gap={8} align="center" justify="space-between">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('record.amendments', { n: record.amendments.length })}
            </Typography.Title>
            {record.canAmend ? <AmendButton record={record} onDone={adopt} /> : null}
          </Flex>
          {record.amendments.length === 0 ? <Typography.Text type="secondary">{t('record.amend.none')}</Typography.Text> : <AmendmentList amendments={record.amendments} />}
        </>
      ) : null}
    </Flex>
  );
}

