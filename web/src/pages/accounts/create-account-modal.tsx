// Modal to create an account under an organization picked from the lazy tree.
import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { createAccount } from '../../api/accounts';
import type { Account } from '../../api/types';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';

type Values = { username: string; displayName: string; orgId: string };

/** Creates an account; the caller shows the one-time password. */
export function CreateAccountModal({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (account: Account, oneTimePassword: string) => void;
}) {
  const t = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const { account, oneTimePassword } = await createAccount({
        username: v.username.trim(),
        displayName: v.displayName.trim(),
        orgId: v.orgId,
      });
      onCreated(account, oneTimePassword);
    } catch (err) {
      if (!applyFieldErrors(form, ['username', 'displayName', 'orgId'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <Modal open title={t('accounts.create')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="username"
          label={t('accounts.username')}
          rules={[required, { pattern: /^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, message: t('accounts.usernameRule') }]}
        >
          <Input id="newUsername" autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item name="displayName" label={t('accounts.displayName')} rules={[required]}>
          <Input id="newDisplayName" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item name="orgId" label={t('accounts.org')} rules={[{ required: true, message: t('common.required') }]}>
          <OrgTreeSelect id="newOrgId" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
