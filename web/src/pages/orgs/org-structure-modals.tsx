// Structure changes of an organization: move under another parent, merge into another, dissolve.
// Each asks for a confirmation that names both organizations; the history keeps the change.
import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { dissolveOrg, getOrg, mergeOrg, moveOrg, type OrgDetail } from '../../api/orgs';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';

type Props = { org: OrgDetail; onClose: () => void; onDone: (org: OrgDetail) => void };

/** Move (`kind` move: pick the new parent) or merge (pick the organization that takes over). */
export function MoveMergeModal({ org, kind, onClose, onDone }: Props & { kind: 'move' | 'merge' }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ target: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ target }: { target: string }) => {
    let targetName = target;
    try {
      targetName = (await getOrg(target)).name;
    } catch {
      // The name only makes the confirmation friendlier; the server checks the target.
    }
    modal.confirm({
      title: kind === 'move' ? t('orgs.moveTitle') : t('orgs.mergeTitle'),
      content: t(kind === 'move' ? 'orgs.moveConfirm' : 'orgs.mergeConfirm', { name: org.name, target: targetName }),
      okButtonProps: { danger: kind === 'merge', 'data-testid': 'org-structure-confirm' },
      onOk: async () => {
        setBusy(true);
        try {
          const saved = kind === 'move' ? await moveOrg(org.id, target) : await mergeOrg(org.id, target);
          message.success(kind === 'move' ? t('orgs.moved') : t('orgs.merged'));
          onDone(saved);
        } catch (err) {
          if (!applyFieldErrors(form, ['target'], err)) showError(err);
        } finally {
          setBusy(false);
        }
      },
    });
  };

  return (
    <Modal
      open
      title={kind === 'move' ? t('orgs.moveTitle') : t('orgs.mergeTitle')}
      onCancel={onClose}
      onOk={form.submit}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type={kind === 'merge' ? 'warning' : 'info'} showIcon title={t(kind === 'move' ? 'orgs.moveHint' : 'orgs.mergeHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item
          name="target"
          label={kind === 'move' ? t('orgs.moveTarget') : t('orgs.mergeTarget')}
          rules={[{ required: true, message: t('orgs.pickTargetFirst') }]}
        >
          <OrgTreeSelect id="orgTarget" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Dissolves an organization without members or children, with a reason. */
export function DissolveModal({ org, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const saved = await dissolveOrg(org.id, reason.trim());
      message.success(t('orgs.dissolved'));
      onDone(saved);
    } catch (err) {
      if (!applyFieldErrors(form, ['reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('orgs.dissolveTitle')}
      onCancel={onClose}
      onOk={form.submit}
      okText={t('orgs.dissolve')}
      okButtonProps={{ danger: true, 'data-testid': 'org-dissolve-ok' }}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Alert type="warning" showIcon title={t('orgs.dissolveConfirm', { name: org.name })} description={t('orgs.dissolveHint')} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('orgs.dissolveReason')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
          <Input.TextArea id="dissolveReason" rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
