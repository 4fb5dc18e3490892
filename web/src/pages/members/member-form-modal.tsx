// Registers a member or edits the registry fields of one (the ID number is fixed once registered).
import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import {
  createMember,
  DUES_CATEGORIES,
  EDUCATIONS,
  MEMBER_STATUSES,
  type MemberInput,
  type MemberRecord,
  STANDINGS,
  updateMember,
} from '../../api/members';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';

type Values = Omit<MemberInput, 'joinedOn' | 'confirmedOn'> & { joinedOn?: Dayjs | null; confirmedOn?: Dayjs | null };

const TEXT_FIELDS = ['name', 'idNumber', 'phone', 'ethnicity', 'occupation', 'cardNo', 'chipUid', 'address', 'household'] as const;
const FIELDS = [...TEXT_FIELDS, 'orgId', 'education', 'duesCategory', 'joinedOn', 'confirmedOn', 'status', 'standing', 'note'];

const day = (v: string | null | undefined) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const orNull = (v: string | null | undefined) => v?.trim() || null;

/**
 * The fields that differ from the record. The phone is shown masked, so its box starts empty and a
 * value is sent only when one is typed.
 */
function changedOnly(input: MemberInput, member: MemberRecord): MemberInput {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) {
    if (k === 'phone' ? v : v !== (member as unknown as Record<string, unknown>)[k]) out[k] = v;
  }
  return out as MemberInput;
}

/** The modal: `member` given = edit, else create. */
export function MemberFormModal({
  member,
  onClose,
  onSaved,
}: {
  member?: MemberRecord;
  onClose: () => void;
  onSaved: (m: MemberRecord) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const editing = !!member;

  const submit = async (v: Values) => {
    setBusy(true);
    const input: MemberInput = {
      orgId: v.orgId,
      name: v.name?.trim(),
      phone: orNull(v.phone),
      ethnicity: orNull(v.ethnicity),
      education: v.education ?? null,
      occupation: orNull(v.occupation),
      duesCategory: v.duesCategory ?? null,
      joinedOn: iso(v.joinedOn),
      confirmedOn: iso(v.confirmedOn),
      status: v.status,
      standing: v.standing,
      cardNo: orNull(v.cardNo),
      chipUid: orNull(v.chipUid),
      address: orNull(v.address),
      household: orNull(v.household),
    };
    try {
      const saved = member
        ? await updateMember(member.id, { ...changedOnly(input, member), note: v.note?.trim() || undefined })
        : await createMember({ ...input, idNumber: v.idNumber?.trim() });
      message.success(editing ? t('members.updated') : t('members.created'));
      onSaved(saved);
    } catch (err) {
      if (!applyFieldErrors(form, FIELDS, err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  const options = (codes: readonly string[], prefix: string) => codes.map((c) => ({ value: c, label: label(t, prefix, c) }));
  const item = (name: (typeof TEXT_FIELDS)[number], rules: object[] = [], max = 50) => (
    <Col xs={24} sm={12}>
      <Form.Item name={name} label={label(t, 'memberField', name)} rules={rules}>
        <Input
          id={`member-${name}`}
          maxLength={max}
          autoComplete="off"
          placeholder={editing && name === 'phone' ? t('members.phoneKeep') : undefined}
        />
      </Form.Item>
    </Col>
  );

  return (
    <Modal
      open
      width={760}
      title={editing ? t('members.edit') : t('members.create')}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'member-form-ok' }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          member
            ? { ...member, joinedOn: day(member.joinedOn), confirmedOn: day(member.confirmedOn), idNumber: undefined, phone: undefined }
            : { status: 'full', standing: 'normal', ethnicity: '汉族' }
        }
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="orgId" label={t('memberField.orgId')} rules={[{ required: true, message: t('common.required') }]}>
              <OrgTreeSelect id="member-orgId" />
            </Form.Item>
          </Col>
          {item('name', [required])}
          {editing ? null : item('idNumber', [required, { pattern: /^(\d{17}[\dxX]|\d{15})$/, message: t('members.idNumberRule') }], 18)}
          {item('phone', [{ pattern: /^1\d{10}$/, message: t('members.phoneRule') }], 11)}
          {item('ethnicity', [], 20)}
          <Col xs={24} sm={12}>
            <Form.Item name="education" label={t('memberField.education')}>
              <Select allowClear options={options(EDUCATIONS, 'education')} id="member-education" />
            </Form.Item>
          </Col>
          {item('occupation')}
          <Col xs={24} sm={12}>
            <Form.Item name="duesCategory" label={t('memberField.duesCategory')}>
              <Select allowClear options={options(DUES_CATEGORIES, 'dues')} id="member-duesCategory" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('memberField.status')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={options(MEMBER_STATUSES, 'memberStatus')} id="member-status" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="standing" label={t('memberField.standing')}>
              <Select options={options(STANDINGS, 'standing')} id="member-standing" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="joinedOn" label={t('memberField.joinedOn')}>
              <DatePicker style={{ width: '100%' }} id="member-joinedOn" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="confirmedOn" label={t('memberField.confirmedOn')}>
              <DatePicker style={{ width: '100%' }} id="member-confirmedOn" />
            </Form.Item>
          </Col>
          {item('cardNo', [], 30)}
          {item('chipUid', [], 64)}
          {item('address', [], 200)}
          {item('household', [], 100)}
          {editing ? (
            <Col span={24}>
              <Form.Item name="note" label={t('members.note')} extra={t('members.noteHint')}>
                <Input id="member-note" maxLength={200} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
