// Inline form adding a grant (role over an organization subtree) to an account.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Select } from 'antd';
import { useState } from 'react';
import { createGrant } from '../../api/accounts';
import { ROLES, type Role } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';

type Values = { role: Role; orgId: string };

/** Adds a grant to `accountId`, then calls onAdded. */
export function AddGrantForm({ accountId, onAdded }: { accountId: string; onAdded: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await createGrant({ accountId, role: v.role, orgId: v.orgId });
      message.success(t('grants.added'));
      form.resetFields();
      onAdded();
    } catch (err) {
      if (!applyFieldErrors(form, ['role', 'orgId'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('grants.add')} type="inner">
      <Form<Values> form={form} layout="inline" onFinish={submit} style={{ rowGap: 12 }}>
        <Form.Item name="role" label={t('grants.role')} rules={[{ required: true, message: t('common.required') }]}>
          <Select
            id="grantRole"
            style={{ width: 200 }}
            options={ROLES.map((r) => ({ value: r, label: label(t, 'role', r) }))}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('grants.org')}
          rules={[{ required: true, message: t('common.required') }]}
          style={{ minWidth: 260, flex: '1 1 260px' }}
        >
          <OrgTreeSelect id="grantOrg" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy}>
            {t('grants.add')}
          </Button>
        </Form.Item>
      </Form>
    </Card>
  );
}
