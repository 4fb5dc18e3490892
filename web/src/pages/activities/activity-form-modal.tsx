// 新建活动 / 编辑活动: organization, type, title, agenda, time and check-in window, place (or a 红色驿站),
// host, recorder, lecturer, remote check-in and invitations; the checks mirror the server's.
import { Alert, App, Col, DatePicker, Form, type FormInstance, Input, Modal, Row, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { type Activity, type ActivityInput, createActivity, updateActivity } from '../../api/activities';
import { ApiError } from '../../api/client';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { fieldOf } from '../../lib/form-errors';
import { useMe } from '../../session/session';
import { fromPicker, toPicker } from './activity-bits';
import { useActivityTypes } from './activity-types';
import { MemberSelect } from './member-select';
import { OrgMultiSelect, StationSelect } from './org-pickers';

type Range = [Dayjs | null, Dayjs | null] | null;

type Values = {
  orgId?: string;
  type?: string;
  title?: string;
  agenda?: string;
  time?: Range;
  window?: Range;
  place?: string;
  stationOrgId?: string | null;
  hostName?: string;
  recorderName?: string;
  lecturer?: string;
  remoteAllowed: boolean;
  inviteMemberIds: string[];
  inviteOrgIds: string[];
};

/** The longest activity the server accepts. */
export const MAX_DAYS = 7;

const FIELDS = [
  'orgId',
  'time',
  'window',
  'type',
  'title',
  'agenda',
  'place',
  'stationOrgId',
  'hostName',
  'recorderName',
  'lecturer',
  'inviteMemberIds',
  'inviteOrgIds',
];

/** Server fields that belong to the two range pickers. */
const RANGE_OF: Record<string, 'time' | 'window'> = { startsAt: 'time', endsAt: 'time', checkinFrom: 'window', checkinUntil: 'window' };

/**
 * Puts the server's field errors on the form (times on their range picker); true when every error
 * found a field.
 */
function showFieldErrors(form: FormInstance<Values>, err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.fields.length) return false;
  const byName = new Map<string, string[]>();
  let placed = 0;
  for (const f of err.fields) {
    const field = fieldOf(f.path);
    const name = RANGE_OF[field] ?? field;
    if (!FIELDS.includes(name)) continue;
    placed += 1;
    byName.set(name, [...(byName.get(name) ?? []), f.message]);
  }
  form.setFields([...byName].map(([name, errors]) => ({ name: name as keyof Values, errors })));
  return placed === err.fields.length;
}

const text = (v: string | undefined) => v?.trim() || null;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const FORMAT = 'YYYY-MM-DD HH:mm';

/** The values of a form for an activity being edited. */
function initialValues(a: Activity | undefined): Partial<Values> {
  if (!a) return { remoteAllowed: true, inviteMemberIds: [], inviteOrgIds: [] };
  return {
    type: a.type,
    title: a.title,
    agenda: a.agenda ?? undefined,
    time: [toPicker(a.startsAt), toPicker(a.endsAt)],
    window: [toPicker(a.checkinFrom), toPicker(a.checkinUntil)],
    place: a.place ?? undefined,
    stationOrgId: a.stationOrgId,
    hostName: a.hostName ?? undefined,
    recorderName: a.recorderName ?? undefined,
    lecturer: a.lecturer ?? undefined,
    remoteAllowed: a.remoteAllowed,
    inviteMemberIds: a.invites.filter((i) => i.kind === 'member').map((i) => i.id),
    inviteOrgIds: a.invites.filter((i) => i.kind === 'org').map((i) => i.id),
  };
}

/** The body to send: everything for a create; only what changed for an update. */
function toInput(v: Values, a: Activity | undefined): ActivityInput {
  const [startsAt, endsAt] = v.time ?? [null, null];
  const [from, until] = v.window ?? [null, null];
  const full: ActivityInput = {
    type: v.type,
    title: v.title?.trim(),
    agenda: text(v.agenda),
    startsAt: startsAt ? fromPicker(startsAt) : undefined,
    endsAt: endsAt ? fromPicker(endsAt) : undefined,
    checkinFrom: from ? fromPicker(from) : undefined,
    checkinUntil: until ? fromPicker(until) : undefined,
    place: text(v.place),
    stationOrgId: v.stationOrgId ?? null,
    hostName: text(v.hostName),
    recorderName: text(v.recorderName),
    lecturer: text(v.lecturer),
    remoteAllowed: v.remoteAllowed,
    inviteMemberIds: v.inviteMemberIds,
    inviteOrgIds: v.inviteOrgIds,
  };
  if (!a) {
    const out: ActivityInput = { orgId: v.orgId };
    for (const [k, val] of Object.entries(full)) {
      if (val !== null && val !== undefined && !(Array.isArray(val) && val.length === 0)) (out as Record<string, unknown>)[k] = val;
    }
    return out;
  }
  const before = toInput(initialValues(a) as Values, undefined);
  const out: ActivityInput = {};
  for (const [k, val] of Object.entries(full) as [keyof ActivityInput, unknown][]) {
    const old = before[k] ?? null;
    const changed = Array.isArray(val) ? !sameSet(val, (old as string[] | null) ?? []) : (val ?? null) !== old;
    if (changed) (out as Record<string, unknown>)[k] = val;
  }
  return out;
}

/** The modal: `activity` given = edit (the organization stays), else create. */
export function ActivityFormModal({ activity, onClose, onSaved }: { activity?: Activity; onClose: () => void; onSaved: (a: Activity) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const types = useActivityTypes();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = !!activity;
  // A secretary of one branch plans for that branch: start with it.
  const grantOrgs = [...new Set(me.grants.map((g) => g.orgId))];
  const defaultOrg = !activity && grantOrgs.length === 1 ? grantOrgs[0] : undefined;

  const submit = async (v: Values) => {
    const input = toInput(v, activity);
    if (editing && Object.keys(input).length === 0) {
      onClose();
      return;
    }
    setBusy(true);
    try {
      const saved = activity ? await updateActivity(activity.id, input) : await createActivity(input);
      message.success(editing ? t('activities.updated') : t('activities.created'));
      onSaved(saved);
    } catch (err) {
      if (!showFieldErrors(form, err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const checkTime = async (_: unknown, v: Range) => {
    if (!v?.[0] || !v[1]) throw new Error(t('common.required'));
    if (!v[1].isAfter(v[0])) throw new Error(t('activities.rule.endAfterStart'));
    if (v[1].diff(v[0], 'day', true) > MAX_DAYS) throw new Error(t('activities.rule.tooLong', { days: MAX_DAYS }));
  };
  const checkWindow = async (_: unknown, v: Range) => {
    if (!v?.[0] && !v?.[1]) return;
    if (!v?.[0] || !v[1]) throw new Error(t('activities.rule.windowBoth'));
    if (!v[1].isAfter(v[0])) throw new Error(t('activities.rule.windowOrder'));
  };
  const half = { xs: 24, sm: 12 };
  const cancelledOrLocked = activity && (activity.state === 'cancelled' || activity.locked);

  return (
    <Modal
      open
      width={760}
      title={editing ? t('activities.edit') : t('activities.create')}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ disabled: !!cancelledOrLocked, 'data-testid': 'activity-form-ok' }}
    >
      {cancelledOrLocked ? <Alert type="warning" showIcon title={t('activities.notEditable')} style={{ marginBottom: 16 }} /> : null}
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ orgId: defaultOrg, ...initialValues(activity) }}>
        <Row gutter={16}>
          {editing ? null : (
            <Col xs={24}>
              <Form.Item name="orgId" label={t('activities.field.org')} rules={[{ required: true, message: t('common.required') }]}>
                <OrgTreeSelect id="activityOrg" />
              </Form.Item>
            </Col>
          )}
          <Col {...half}>
            <Form.Item name="type" label={t('activities.field.type')} rules={[{ required: true, message: t('common.required') }]}>
              <Select id="activityType" options={types.options} data-testid="activity-type" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="title" label={t('activities.field.title')} rules={[required, { max: 200, message: t('activities.rule.max', { max: 200 }) }]}>
              <Input id="activityTitle" maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="time" label={t('activities.field.time')} rules={[{ validator: checkTime }]} required>
              <DatePicker.RangePicker id="activityTime" showTime={{ format: 'HH:mm' }} format={FORMAT} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="window" label={t('activities.field.window')} extra={t('activities.windowHint')} rules={[{ validator: checkWindow }]}>
              <DatePicker.RangePicker
                id="activityWindow"
                showTime={{ format: 'HH:mm' }}
                format={FORMAT}
                allowEmpty={[true, true]}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="place" label={t('activities.field.place')} rules={[{ max: 200, message: t('activities.rule.max', { max: 200 }) }]}>
              <Input id="activityPlace" maxLength={200} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="stationOrgId" label={t('activities.field.station')}>
              <StationSelect id="activityStation" knownName={activity?.stationName} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="hostName" label={t('activities.field.host')} rules={[{ max: 50, message: t('activities.rule.max', { max: 50 }) }]}>
              <Input id="activityHost" maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="recorderName"
              label={t('activities.field.recorder')}
              rules={[{ max: 50, message: t('activities.rule.max', { max: 50 }) }]}
            >
              <Input id="activityRecorder" maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="lecturer"
              label={t('activities.field.lecturer')}
              rules={[{ max: 50, message: t('activities.rule.max', { max: 50 }) }]}
            >
              <Input id="activityLecturer" maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="agenda" label={t('activities.field.agenda')} rules={[{ max: 5000, message: t('activities.rule.max', { max: 5000 }) }]}>
              <Input.TextArea id="activityAgenda" rows={3} maxLength={5000} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="inviteMemberIds" label={t('activities.field.inviteMembers')} extra={t('activities.inviteHint')}>
              <MemberSelect
                id="activityInviteMembers"
                multiple
                known={activity?.invites.filter((i) => i.kind === 'member')}
                data-testid="activity-invite-members"
              />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="inviteOrgIds" label={t('activities.field.inviteOrgs')}>
              <OrgMultiSelect id="activityInviteOrgs" known={activity?.invites.filter((i) => i.kind === 'org')} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="remoteAllowed" label={t('activities.field.remoteAllowed')} valuePropName="checked" extra={t('activities.remoteHint')}>
              <Switch id="activityRemote" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
