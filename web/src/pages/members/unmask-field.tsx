// A masked ID number or phone with a 查看完整 button that asks a reason (audited, shown to the member).
import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { unmaskMember } from '../../api/members';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { applyFieldErrors } from '../../lib/form-errors';

type Props = { memberId: string; field: 'idNumber' | 'phone'; masked: string | null; allowed: boolean };

/** The masked value; with `allowed` a button reveals it after a reason is given. */
export function UnmaskField({ memberId, field, masked, allowed }: Props) {
  const t = useT();
  const showError = useShowError();
  const [form] = Form.useForm<{ reason: string }>();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [clear, setClear] = useState<string | null>(null);

  if (!masked) return <>—</>;
  const submit = async ({ reason }: { reason: string }) => {
    setBusy(true);
    try {
      const r = await unmaskMember(memberId, field, reason.trim());
      setClear(r.value ?? '—');
      setAsking(false);
    } catch (err) {
      if (!applyFieldErrors(form, ['reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap>
      <Typography.Text code copyable={clear ? { text: clear } : false} data-testid={`member-${field}`}>
        {clear ?? masked}
      </Typography.Text>
      {allowed && !clear ? (
        <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => setAsking(true)} data-testid={`unmask-${field}`}>
          {t('members.unmask')}
        </Button>
      ) : null}
      {asking ? (
        <Modal
          open
          title={t('members.unmaskTitle', { field: label(t, 'memberField', field) })}
          onCancel={() => setAsking(false)}
          onOk={form.submit}
          confirmLoading={busy}
          destroyOnHidden
        >
          <Alert type="info" showIcon title={t('members.unmaskHint')} style={{ marginBottom: 16 }} />
          <Form form={form} layout="vertical" onFinish={submit}>
            <Form.Item
              name="reason"
              label={t('members.unmaskReason')}
              rules={[{ required: true, whitespace: true, min: 5, message: t('members.unmaskReasonRule') }]}
            >
              <Input.TextArea id="unmaskReason" rows={2} maxLength={200} showCount />
            </Form.Item>
          </Form>
        </Modal>
      ) : null}
    </Space>
  );
}
