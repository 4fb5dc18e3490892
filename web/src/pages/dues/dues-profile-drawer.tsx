// A member's dues details in a drawer (党费信息): the category (the member record's), the base that
// applies now and any upcoming one, this month's amount, the proxy payer (代缴) with the branch's
// consent, and the base history. Writers (dues.profile in scope) change the category and proxy and
// record a new base from a month on; the server re-quotes the unpaid bills. Works at 360 px.
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api/client';
import {
  DUES_CATEGORIES,
  type DuesBase,
  type DuesCategory,
  type DuesProfile,
  addDuesBase,
  formatFen,
  getDuesProfile,
  listDuesBases,
  parseYuanToFen,
  updateDuesProfile,
} from '../../api/dues';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { applyFieldErrors } from '../../lib/form-errors';
import { formatTime, label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { MemberSelect } from '../activities/member-select';
import { monthlyText } from './dues-bits';
import { ProposeReductionButton } from './reduction-modal';

type ProfileValues = { category?: DuesCategory | null; proxyPayerId?: string | null; proxyConsent?: string };
type BaseValues = { base?: string; effectiveMonth?: dayjs.Dayjs; reason?: string };

/** The category and proxy form. */
function ProfileForm({ profile, onSaved }: { profile: DuesProfile; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ProfileValues>();
  const payer = Form.useWatch('proxyPayerId', form);
  const [busy, setBusy] = useState(false);
  const submit = async (v: ProfileValues) => {
    setBusy(true);
    try {
      await updateDuesProfile(profile.memberId, { category: v.category ?? null, proxyPayerId: v.proxyPayerId ?? null, proxyConsent: v.proxyConsent?.trim() || undefined });
      message.success(t('dues.profile.saved'));
      onSaved();
    } catch (err) {
      if (!applyFieldErrors(form, ['category', 'proxyPayerId', 'proxyConsent'], err)) showError(err);
    } finally {
      setBusy(false);
    }
  };
  const newPayer = !!payer && payer !== profile.proxy?.payerId;
  return (
    <Form<ProfileValues>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ category: profile.category, proxyPayerId: profile.proxy?.payerId ?? null }}
      data-testid="dues-profile-form"
    >
      <Form.Item name="category" label={t('dues.profile.category')} extra={t('dues.profile.categoryHint')}>
        <Select allowClear id="duesProfileCategory" options={DUES_CATEGORIES.map((c) => ({ value: c, label: label(t, 'dues', c) }))} />
      </Form.Item>
      <Form.Item name="proxyPayerId" label={t('dues.profile.proxyPayer')}>
        <MemberSelect
          id="duesProxyPayer"
          known={profile.proxy ? [{ id: profile.proxy.payerId, name: profile.proxy.payerName }] : []}
          onChange={(v) => form.setFieldValue('proxyPayerId', (v as string | undefined) ?? null)}
        />
      </Form.Item>
      {newPayer ? (
        <Form.Item name="proxyConsent" label={t('dues.profile.consent')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input id="duesProxyConsent" maxLength={200} placeholder={t('dues.profile.proxyConsentPlaceholder')} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={busy} data-testid="dues-profile-save">
        {t('common.save')}
      </Button>
    </Form>
  );
}

/** The form field of a server field path. */
const FIELD_OF: Record<string, keyof BaseValues> = { 'body.baseFen': 'base', 'body.effectiveMonth': 'effectiveMonth', 'body.reason': 'reason' };

/** The new-base form: typed in 元, sent in 分. */
function BaseForm({ memberId, onSaved }: { memberId: string; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<BaseValues>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: BaseValues) => {
    const baseFen = parseYuanToFen(v.base ?? '');
    if (baseFen === null || !v.effectiveMonth) return;
    setBusy(true);
    try {
      const r = await addDuesBase(memberId, { baseFen, effectiveMonth: v.effectiveMonth.format('YYYY-MM'), reason: v.reason?.trim() ?? '' });
      message.success(t('dues.base.saved', { count: r.requotedBills }));
      form.resetFields();
      onSaved();
    } catch (err) {
      // The base is typed in 元 but the server names baseFen.
      const field = (path: string): keyof BaseValues | undefined => FIELD_OF[path];
      if (err instanceof ApiError && err.fields.length > 0 && err.fields.every((f) => field(f.path)))
        form.setFields(err.fields.map((f) => ({ name: field(f.path) as keyof BaseValues, errors: [f.message] })));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form<BaseValues> form={form} layout="vertical" onFinish={submit} initialValues={{ effectiveMonth: dayjs() }} data-testid="dues-base-form">
      <Form.Item
        name="base"
        label={t('dues.base.amount')}
        rules={[{ required: true, message: t('common.required') }, { validator: (_, v) => (!v || parseYuanToFen(v) !== null ? Promise.resolve() : Promise.reject(new Error(t('dues.quote.baseInvalid')))) }]}
      >
        <Input id="duesBaseAmount" inputMode="decimal" suffix={t('dues.quote.baseSuffix')} placeholder={t('dues.quote.basePlaceholder')} />
      </Form.Item>
      <Form.Item name="effectiveMonth" label={t('dues.base.effectiveMonth')} extra={t('dues.base.effectiveHint')} rules={[{ required: true, message: t('common.required') }]}>
        <DatePicker id="duesBaseMonth" picker="month" allowClear={false} />
      </Form.Item>
      <Form.Item name="reason" label={t('dues.base.reason')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required') }]}>
        <Input id="duesBaseReason" maxLength={200} placeholder={t('dues.base.reasonPlaceholder')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="dues-base-save">
        {t('dues.base.add')}
      </Button>
    </Form>
  );
}

/** The drawer of one member's dues details; `onChanged` refreshes the list behind it. */
export function DuesProfileDrawer({ memberId, onClose, onChanged }: { memberId: string; onClose: () => void; onChanged: () => void }) {
  const t = useT();
  const narrow = useNarrow();
  const profile = useAsync(useCallback(() => getDuesProfile(memberId), [memberId]));
  const bases = useAsync(useCallback(() => listDuesBases(memberId, 1, 50), [memberId]));
  const p = profile.data;
  const saved = () => {
    profile.reload();
    bases.reload();
    onChanged();
  };
  const baseText = (b: DuesBase | null) => (b ? t('dues.profile.baseValue', { amount: formatFen(b.baseFen), month: b.effectiveMonth }) : t('dues.profile.noBase'));
  return (
    <Drawer open onClose={onClose} size={narrow ? '100%' : 560} title={p ? t('dues.profile.title', { name: p.memberName }) : ''} destroyOnHidden data-testid="dues-profile-drawer">
      <LoadError error={profile.error} onRetry={profile.reload} />
      {p ? (
        <Flex vertical gap={20}>
          {!p.owes ? <Alert type="info" showIcon title={t('dues.profile.notOwing')} /> : null}
          {p.issue ? <Alert type="warning" showIcon title={label(t, 'duesIssue', p.issue)} data-testid="dues-profile-issue" /> : null}
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('dues.bills.org')}>{p.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('dues.profile.category')}>{p.category ? label(t, 'dues', p.category) : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dues.profile.billedFrom')}>{p.billedFrom ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('dues.profile.base')}>
              <Space wrap>
                <span data-testid="dues-profile-base">{baseText(p.base)}</span>
                {p.reassessmentDue ? <Tag color="warning">{t('dues.profile.reassess')}</Tag> : null}
              </Space>
            </Descriptions.Item>
            {p.upcomingBase ? <Descriptions.Item label={t('dues.profile.upcoming')}>{baseText(p.upcomingBase)}</Descriptions.Item> : null}
            <Descriptions.Item label={t('dues.profile.monthly')}>
              <span data-testid="dues-profile-monthly">{monthlyText(t, p.monthly)}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('dues.profile.proxy')}>
              {p.proxy ? (
                <Flex vertical>
                  <span>{t('dues.profile.proxyValue', { name: p.proxy.payerName })}</span>
                  <Typography.Text type="secondary">
                    {p.proxy.consent}（{t('dues.profile.consentBy', { name: p.proxy.consentedByName ?? '', time: formatTime(p.proxy.consentedAt) })}）
                  </Typography.Text>
                </Flex>
              ) : (
                t('dues.profile.noProxy')
              )}
            </Descriptions.Item>
          </Descriptions>
          {p.editable ? (
            <>
              <Typography.Title level={5}>{t('dues.profile.edit')}</Typography.Title>
              <ProfileForm key={`${p.category}-${p.proxy?.payerId}`} profile={p} onSaved={saved} />
              <ProposeReductionButton memberId={p.memberId} memberName={p.memberName} normalFen={p.monthly?.amountFen ?? null} onDone={saved} />
            </>
          ) : null}
          <Typography.Title level={5}>{t('dues.base.title')}</Typography.Title>
          <LoadError error={bases.error} onRetry={bases.reload} />
          <Table<DuesBase & { current: boolean }>
            rowKey="id"
            size="small"
            pagination={false}
            loading={bases.loading}
            dataSource={bases.data?.items ?? []}
            scroll={{ x: 'max-content' }}
            data-testid="dues-base-table"
            columns={[
              { title: t('dues.base.effectiveMonth'), dataIndex: 'effectiveMonth', render: (v: string, b) => (b.current ? <Space>{v}<Tag color="processing">{t('dues.base.current')}</Tag></Space> : v) },
              { title: t('dues.base.amount'), dataIndex: 'baseFen', align: 'right', render: (v: number) => formatFen(v) },
              { title: t('dues.base.reason'), dataIndex: 'reason' },
              { title: t('dues.base.createdBy'), dataIndex: 'createdByName' },
            ]}
          />
          {p.editable ? <BaseForm memberId={p.memberId} onSaved={saved} /> : null}
        </Flex>
      ) : null}
    </Drawer>
  );
}
