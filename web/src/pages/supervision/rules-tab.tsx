// 规则设置: the county's rules of organizational life (GET /api/supervision/rules), shown to every
// reader; county administrators at the root (`editable`) edit one rule in a drawer, add or delete one
// — each change sends the whole list (PUT) — or restore the defaults (DELETE). The form checks what the
// server checks (RuleDto in server/modules/supervision/compliance.schemas.ts); the server's field errors
// (body.rules.<i>.<field>) land on the drawer's fields.
import { App, Button, Drawer, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Switch, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { ORG_CATEGORIES } from '../../api/types';
import { ACTIVITY_TYPES, RULE_LEVELS, RULE_PERIODS, RULE_REQUIRES, type Rule, type Rules, getRules, putRules, resetRules } from '../../api/supervision';
import { LoadError } from '../../components/load-error';
import { useNarrow } from '../../components/page-card';
import { type TFunction, useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { ruleFieldErrors, typeTitle } from './compliance-text';

const CODE_RE = /^[a-z][a-z0-9_]{1,39}$/;

/** The rules tab; `onChanged` reloads the judgement after a change. */
export function RulesTab({ onChanged }: { onChanged: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const { data, error, loading, reload } = useAsync(getRules);
  const [editing, setEditing] = useState<{ index: number; rule: Rule } | null>(null);
  const [busy, setBusy] = useState(false);
  const rules = data?.rules ?? [];
  const editable = !!data?.editable;

  const after = (r: Rules, text: string) => {
    message.success(text);
    reload();
    onChanged();
    return r;
  };
  const remove = async (index: number) => {
    setBusy(true);
    try {
      after(await putRules(rules.filter((_, i) => i !== index)), t('supervision.rules.saved'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  const restore = async () => {
    setBusy(true);
    try {
      after(await resetRules(), t('supervision.rules.restored'));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };

  const columns: TableColumnsType<Rule> = [
    { title: t('supervision.rules.type'), key: 'type', render: (_, r) => typeTitle(t, r.activityType) },
    { title: t('supervision.rules.period'), dataIndex: 'period', render: (p: string) => label(t, 'supervision.rulePeriod', p) },
    { title: t('supervision.rules.minCount'), dataIndex: 'minCount', align: 'right' },
    { title: t('supervision.rules.levels'), dataIndex: 'levels', render: (ls: string[]) => <Wrap>{ls.map((l) => label(t, 'level', l)).join('、')}</Wrap> },
    {
      title: t('supervision.rules.categories'),
      dataIndex: 'categories',
      render: (cs: string[]) => <Wrap>{cs.length ? cs.map((c) => label(t, 'category', c)).join('、') : t('supervision.rules.allCategories')}</Wrap>,
    },
    { title: t('supervision.rules.requires'), dataIndex: 'requires', render: (r: string) => <Wrap>{label(t, 'supervision.requires', r)}</Wrap> },
    { title: t('supervision.rules.threshold'), dataIndex: 'thresholdPct', align: 'right', render: (v: number | null) => (v === null ? t('supervision.rules.noThreshold') : `${v}%`) },
    { title: t('supervision.rules.grace'), dataIndex: 'graceDays', align: 'right' },
    {
      title: t('supervision.rules.enabled'),
      dataIndex: 'enabled',
      render: (on: boolean) => <Tag color={on ? 'green' : undefined}>{t(on ? 'supervision.rules.on' : 'supervision.rules.off')}</Tag>,
    },
    ...(editable
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Rule, i: number) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing({ index: i, rule: r })} aria-label={`${t('supervision.rules.edit')} ${r.code}`}>
                  {t('supervision.rules.edit')}
                </Button>
                <Popconfirm
                  title={t('supervision.rules.deleteConfirm', { code: r.code })}
                  onConfirm={() => remove(i)}
                  disabled={rules.length <= 1}
                >
                  <Button type="link" size="small" danger disabled={busy || rules.length <= 1} title={rules.length <= 1 ? t('supervision.rules.lastRule') : undefined}>
                    {t('supervision.rules.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <LoadError error={error} onRetry={reload} />
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 12 }}>
        <Space wrap>
          <Typography.Text type="secondary">{t('supervision.rules.intro')}</Typography.Text>
          {data ? <Tag color={data.custom ? 'blue' : undefined}>{t(data.custom ? 'supervision.rules.custom' : 'supervision.rules.default')}</Tag> : null}
        </Space>
        {editable ? (
          <Space wrap>
            <Button onClick={() => setEditing({ index: rules.length, rule: newRule(rules) })} data-testid="supervision-rule-add">
              {t('supervision.rules.add')}
            </Button>
            <Popconfirm title={t('supervision.rules.resetConfirm')} onConfirm={restore} disabled={!data?.custom}>
              <Button danger disabled={busy || !data?.custom} data-testid="supervision-rules-reset">
                {t('supervision.rules.reset')}
              </Button>
            </Popconfirm>
          </Space>
        ) : data ? (
          <Typography.Text type="secondary">{t('supervision.rules.readOnly')}</Typography.Text>
        ) : null}
      </Flex>
      <Table<Rule> rowKey="code" size="middle" loading={loading} dataSource={rules} columns={columns} pagination={false} scroll={{ x: 'max-content' }} data-testid="supervision-rules" />
      {editing ? (
        <RuleDrawer
          rules={rules}
          index={editing.index}
          rule={editing.rule}
          onClose={() => setEditing(null)}
          onSaved={(r) => {
            setEditing(null);
            after(r, t('supervision.rules.saved'));
          }}
        />
      ) : null}
    </>
  );
}

/** A cell that wraps its text (the table scrolls sideways, so cells would not wrap otherwise). */
const Wrap = ({ children }: { children: ReactNode }) => <div style={{ minWidth: 96, maxWidth: 170, whiteSpace: 'normal' }}>{children}</div>;

/** A new rule's starting values (a free code). */
function newRule(rules: Rule[]): Rule {
  let n = rules.length + 1;
  while (rules.some((r) => r.code === `rule_${n}`)) n += 1;
  return { code: `rule_${n}`, activityType: 'theme_day', period: 'month', minCount: 1, levels: ['branch'], categories: [], requires: 'members', thresholdPct: null, graceDays: 5, enabled: true };
}

type Values = Omit<Rule, 'thresholdPct'> & { thresholdPct: number | null | undefined };

/** The drawer that edits (or adds, at index = rules.length) one rule and saves the whole list. */
function RuleDrawer({ rules, index, rule, onClose, onSaved }: { rules: Rule[]; index: number; rule: Rule; onClose: () => void; onSaved: (r: Rules) => void }) {
  const t = useT();
  const narrow = useNarrow();
  const showError = useShowError();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const adding = index >= rules.length;
  const required = { required: true, message: t('common.required') };

  const submit = async (v: Values) => {
    const next: Rule = { ...v, code: v.code.trim(), categories: v.categories ?? [], thresholdPct: v.thresholdPct ?? null };
    const list = adding ? [...rules, next] : rules.map((r, i) => (i === index ? next : r));
    setBusy(true);
    try {
      onSaved(await putRules(list));
    } catch (err) {
      const others = applyRuleErrors(form, index, err, t);
      if (others === null) showError(err);
      else if (others.length) message.error(others.join('；'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={narrow ? '100%' : 520}
      title={adding ? t('supervision.rules.addTitle') : t('supervision.rules.editTitle', { code: rule.code })}
      destroyOnHidden
      data-testid="supervision-rule-drawer"
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={busy} onClick={form.submit} data-testid="supervision-rule-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" initialValues={rule} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('supervision.rules.code')}
          extra={t('supervision.rules.codeHint')}
          rules={[
            required,
            { pattern: CODE_RE, message: t('supervision.rules.codeInvalid') },
            {
              validator: (_, v: string) =>
                rules.some((r, i) => i !== index && r.code === v?.trim()) ? Promise.reject(new Error(t('supervision.rules.codeDuplicate'))) : Promise.resolve(),
            },
          ]}
        >
          <Input id="ruleCode" maxLength={40} />
        </Form.Item>
        <Form.Item name="activityType" label={t('supervision.rules.type')} rules={[required]}>
          <Select id="ruleType" options={ACTIVITY_TYPES.map((v) => ({ value: v, label: typeTitle(t, v) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="period" label={t('supervision.rules.period')} rules={[required]} style={{ minWidth: 140, flex: 1 }}>
            <Select id="rulePeriod" options={RULE_PERIODS.map((v) => ({ value: v, label: label(t, 'supervision.rulePeriod', v) }))} />
          </Form.Item>
          <Form.Item name="minCount" label={t('supervision.rules.minCount')} rules={[required]} style={{ minWidth: 120, flex: 1 }}>
            <InputNumber id="ruleMinCount" min={1} max={31} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="levels" label={t('supervision.rules.levels')} rules={[{ ...required, type: 'array', min: 1 }]}>
          <Select id="ruleLevels" mode="multiple" options={RULE_LEVELS.map((v) => ({ value: v, label: label(t, 'level', v) }))} />
        </Form.Item>
        <Form.Item name="categories" label={t('supervision.rules.categories')}>
          <Select id="ruleCategories" mode="multiple" allowClear placeholder={t('supervision.rules.allCategories')} options={ORG_CATEGORIES.map((v) => ({ value: v, label: label(t, 'category', v) }))} />
        </Form.Item>
        <Form.Item name="requires" label={t('supervision.rules.requires')} rules={[required]}>
          <Select id="ruleRequires" options={RULE_REQUIRES.map((v) => ({ value: v, label: label(t, 'supervision.requires', v) }))} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="thresholdPct" label={t('supervision.rules.threshold')} extra={t('supervision.rules.thresholdHint')} style={{ minWidth: 160, flex: 1 }}>
            <InputNumber id="ruleThreshold" min={0} max={99} precision={0} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="graceDays" label={t('supervision.rules.grace')} extra={t('supervision.rules.graceHint')} rules={[required]} style={{ minWidth: 160, flex: 1 }}>
            <InputNumber id="ruleGrace" min={0} max={60} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item name="enabled" label={t('supervision.rules.enabled')} valuePropName="checked">
          <Switch id="ruleEnabled" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Puts the server's field errors of the edited rule on the form; returns what belongs elsewhere (null: no field named). */
function applyRuleErrors(form: ReturnType<typeof Form.useForm<Values>>[0], index: number, err: unknown, t: TFunction): string[] | null {
  const r = ruleFieldErrors(index, err, t);
  if (!r) return null;
  form.setFields([...r.mine].map(([name, errors]) => ({ name: name as keyof Values, errors })));
  return r.others;
}
