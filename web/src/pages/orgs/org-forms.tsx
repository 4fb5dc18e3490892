// Modal to create a child organization (the level and category options are shared with the edit modal).
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { createOrg } from '../../api/orgs';
import { canNest, ORG_CATEGORIES, ORG_LEVEL_NAMES, type Org, type OrgCategory, type OrgLevel } from '../../api/types';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';

type CreateValues = { name: string; level: OrgLevel; category?: OrgCategory };

/** Level options (only those allowed under `parent`) and category options. */
export function useOptions(parent?: Org) {
  const t = useT();
  return {
    levels: ORG_LEVEL_NAMES.filter((l) => !parent || canNest(parent.level, l)).map((v) => ({ value: v, label: label(t, 'level', v) })),
    categories: ORG_CATEGORIES.map((v) => ({ value: v, label: label(t, 'category', v) })),
  };
}

/** Creates a child under `parent`. */
export function CreateChildModal({ parent, onClose, onCreated }: { parent: Org; onClose: () => void; onCreated: (org: Org) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<CreateValues>();
  const [busy, setBusy] = useState(false);
  const { levels, categories } = useOptions(parent);

  const submit = async (v: CreateValues) => {
    setBusy(true);
    try {
      const org = await createOrg({ parentId: parent.id, name: v.name.trim(), level: v.level, category: v.category || undefined });
      message.success(t('orgs.created'));
      onCreated(org);
    } catch (err) {
      if (!applyFieldErrors(form, ['name', 'level', 'category'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`${t('orgs.createChild')} · ${parent.name}`} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<CreateValues> form={form} layout="vertical" onFinish={submit} initialValues={{ category: parent.category ?? undefined }}>
        <Form.Item name="name" label={t('orgs.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { min: 2, message: t('orgs.nameTooShort') }]}>
          <Input maxLength={100} id="orgName" />
        </Form.Item>
        <Form.Item name="level" label={t('orgs.level')} rules={[{ required: true, message: t('common.required') }]}>
          <Select options={levels} id="orgLevel" />
        </Form.Item>
        <Form.Item name="category" label={t('orgs.category')}>
          <Select options={categories} allowClear id="orgCategory" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
