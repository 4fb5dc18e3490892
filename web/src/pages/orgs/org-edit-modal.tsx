// Edits an organization: names, category, address and location, contact, founding date, term start.
import { App, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { type OrgDetail, updateOrg } from '../../api/orgs';
import type { OrgCategory } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { useOptions } from './org-forms';

type Values = {
  name: string;
  shortName?: string;
  category?: OrgCategory;
  address?: string;
  longitude?: number | null;
  latitude?: number | null;
  contactName?: string;
  contactPhone?: string;
  establishedOn?: Dayjs | null;
  termStart?: Dayjs | null;
};

const FIELDS = ['name', 'shortName', 'category', 'address', 'longitude', 'latitude', 'contactName', 'contactPhone', 'establishedOn', 'termStart'];
const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => (v ? v.format('YYYY-MM-DD') : null);
const notFuture = (d: Dayjs) => d.isAfter(dayjs(), 'day');

/** The modal; `onSaved` gets the saved organization. */
export function EditOrgModal({ org, onClose, onSaved }: { org: OrgDetail; onClose: () => void; onSaved: (org: OrgDetail) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { categories } = useOptions();

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const saved = await updateOrg(org.id, {
        name: v.name.trim(),
        shortName: v.shortName?.trim() || null,
        category: v.category ?? null,
        address: v.address?.trim() || null,
        longitude: v.longitude ?? null,
        latitude: v.latitude ?? null,
        contactName: v.contactName?.trim() || null,
        contactPhone: v.contactPhone?.trim() || null,
        establishedOn: iso(v.establishedOn),
        termStart: iso(v.termStart),
      });
      message.success(t('orgs.updated'));
      onSaved(saved);
    } catch (err) {
      if (!applyFieldErrors(form, FIELDS, err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const half = { xs: 24, sm: 12 };
  return (
    <Modal open width={720} title={t('orgs.rename')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{
          name: org.name,
          shortName: org.shortName ?? undefined,
          category: org.category ?? undefined,
          address: org.address ?? undefined,
          longitude: org.longitude,
          latitude: org.latitude,
          contactName: org.contactName ?? undefined,
          contactPhone: org.contactPhone ?? undefined,
          establishedOn: day(org.establishedOn),
          termStart: day(org.termStart),
        }}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item
              name="name"
              label={t('orgs.name')}
              rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, message: t('orgs.nameTooShort') }]}
            >
              <Input maxLength={100} id="orgName" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="shortName" label={t('orgs.shortName')}>
              <Input maxLength={50} id="orgShortName" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="category" label={t('orgs.category')}>
              <Select options={categories} allowClear id="orgCategory" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="address" label={t('orgs.address')}>
              <Input maxLength={200} id="orgAddress" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="longitude" label={t('orgs.longitude')}>
              <InputNumber min={-180} max={180} step={0.00001} style={{ width: '100%' }} id="orgLongitude" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="latitude" label={t('orgs.latitude')}>
              <InputNumber min={-90} max={90} step={0.00001} style={{ width: '100%' }} id="orgLatitude" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactName" label={t('orgs.contactName')}>
              <Input maxLength={50} id="orgContactName" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="contactPhone" label={t('orgs.contactPhone')} extra={t('orgs.contactPhoneHint')}>
              <Input maxLength={30} id="orgContactPhone" />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="establishedOn" label={t('orgs.establishedOn')}>
              <DatePicker style={{ width: '100%' }} id="orgEstablishedOn" disabledDate={notFuture} />
            </Form.Item>
          </Col>
          <Col {...half}>
            <Form.Item name="termStart" label={t('orgs.termStart')}>
              <DatePicker style={{ width: '100%' }} id="orgTermStart" disabledDate={notFuture} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
