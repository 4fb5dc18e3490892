// Modal to register an API client: name, the organization it works for, the routes it may call.
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import {
  API_CLIENT_ROUTE_PATTERN,
  API_CLIENT_ROUTES,
  type ApiClientSecret,
  createApiClient,
} from '../../api/api-clients';
import type { FieldError } from '../../api/client';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';

type Values = { name: string; orgId: string; routes: string[] };

const ROUTE_OPTIONS = API_CLIENT_ROUTES.map((r) => ({ value: r, label: r }));

/** Creates a client; the caller shows the secret. */
export function CreateApiClientModal({ onClose, onCreated }: { onClose: () => void; onCreated: (issued: ApiClientSecret) => void }) {
  const t = useT();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);

  const submit = async (v: Values) => {
    setBusy(true);
    const routes = v.routes.map((r) => r.trim());
    // Route errors name an item (body.routes.N): say which route was refused.
    const describe = (f: FieldError) => {
      const m = /^body\.routes\.(\d+)$/.exec(f.path);
      if (!m) return undefined;
      const route = routes[Number(m[1])] ?? '';
      return f.code === 'invalid_value' ? t('apiClients.routeNotAllowed', { route }) : `${route}: ${f.message}`;
    };
    try {
      onCreated(await createApiClient({ name: v.name.trim(), orgId: v.orgId, routes }));
    } catch (err) {
      if (!applyFieldErrors(form, ['name', 'orgId', 'routes'], err, describe)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  const checkRoutes = async (_: unknown, value: string[] | undefined) => {
    if (!value?.length) throw new Error(t('common.required'));
    const bad = value.find((r) => !API_CLIENT_ROUTE_PATTERN.test(r.trim()));
    if (bad) throw new Error(t('apiClients.routesRule', { route: bad }));
  };

  return (
    <Modal open title={t('apiClients.create')} onCancel={onClose} onOk={form.submit} confirmLoading={busy} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ routes: [] }}>
        <Form.Item
          name="name"
          label={t('apiClients.name')}
          rules={[
            { required: true, whitespace: true, message: t('common.required') },
            { min: 2, max: 50, message: t('apiClients.nameRule') },
          ]}
        >
          <Input id="apiClientName" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="orgId"
          label={t('apiClients.org')}
          extra={t('apiClients.orgHint')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <OrgTreeSelect id="apiClientOrg" />
        </Form.Item>
        <Form.Item name="routes" label={t('apiClients.routes')} rules={[{ validator: checkRoutes }]} required>
          <Select
            id="apiClientRoutes"
            mode="tags"
            options={ROUTE_OPTIONS}
            placeholder={t('apiClients.routesPlaceholder')}
            tokenSeparators={[',', '，']}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
