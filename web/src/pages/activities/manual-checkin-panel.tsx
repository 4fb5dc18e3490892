// 补签: the secretary records a member's attendance by hand with a reason (audited); below, the
// check-ins recorded that way.
import { Alert, App, Button, Col, Form, Input, Row, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { type AttendanceRow, getAttendance, manualCheckin } from '../../api/activities';
import { LoadError } from '../../components/load-error';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { useAsync } from '../../lib/use-async';
import { shortTime } from './activity-bits';
import { MemberSelect } from './member-select';

type Values = { memberId: string; reason: string };

/** The tab's content; `writable` false shows the list only. */
export function ManualCheckinPanel({ activityId, orgId, writable, onChanged }: { activityId: string; orgId: string; writable: boolean; onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const { data, error, loading, reload } = useAsync(useCallback(() => getAttendance(activityId), [activityId]));
  const manual = (data?.rows ?? []).filter((r) => r.channel === 'manual');

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      await manualCheckin(activityId, v.memberId, v.reason.trim());
      message.success(t('manual.done'));
      form.resetFields();
      reload();
      onChanged();
    } catch (err) {
      if (!applyFieldErrors(form, ['memberId', 'reason'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="manual-panel">
      {writable ? (
        <>
          <Alert type="info" showIcon title={t('manual.hint')} style={{ marginBottom: 16 }} />
          <Form<Values> form={form} layout="vertical" onFinish={submit}>
            <Row gutter={16}>
              <Col xs={24} md={10}>
                <Form.Item name="memberId" label={t('manual.member')} rules={[{ required: true, message: t('common.required') }]}>
                  <MemberSelect id="manualMember" orgId={orgId} data-testid="manual-member" />
                </Form.Item>
              </Col>
              <Col xs={24} md={14}>
                <Form.Item
                  name="reason"
                  label={t('manual.reason')}
                  rules={[
                    { required: true, whitespace: true, message: t('common.required') },
                    { min: 2, message: t('activities.rule.min', { min: 2 }) },
                    { max: 500, message: t('activities.rule.max', { max: 500 }) },
                  ]}
                >
                  <Input id="manualReason" maxLength={500} placeholder={t('manual.reasonPlaceholder')} />
                </Form.Item>
              </Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="manual-submit">
              {t('manual.submit')}
            </Button>
          </Form>
        </>
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('manual.listTitle')}
      </Typography.Title>
      <LoadError error={error} onRetry={reload} />
      <Table<AttendanceRow>
        rowKey="memberId"
        size="small"
        loading={loading}
        dataSource={manual}
        columns={[
          { title: t('attendance.name'), dataIndex: 'name' },
          { title: t('attendance.org'), dataIndex: 'orgName' },
          { title: t('attendance.at'), dataIndex: 'at', render: shortTime },
        ]}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        data-testid="manual-table"
      />
    </div>
  );
}
