// 党费测算 (/dues/quote): pick a category, type the base in 元, and see the monthly dues with the rate
// and the rule the engine applied (POST /api/dues/quote); the rates of DOMAIN §4 below. County
// administrators also set the county's 农民 amount here. Used on phones: everything works at 360 px.
import { SettingOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import {
  DUES_CATEGORIES,
  type DuesCategory,
  type DuesQuote,
  type DuesRule,
  type DuesSettings,
  FARMER_FLAT_FEN,
  formatFen,
  formatRateBp,
  getDuesSettings,
  isRatedCategory,
  parseYuanToFen,
  quoteDues,
} from '../../api/dues';
import { ApiError } from '../../api/client';
import { PageCard, useNarrow } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { fieldOf } from '../../lib/form-errors';
import { label } from '../../lib/format';
import { useAsync } from '../../lib/use-async';
import { FarmerSettingsModal } from './farmer-settings-modal';

type Values = { category?: DuesCategory; base?: string };

/** The form field of a server field path (the base is typed in 元 but sent in 分). */
const FORM_FIELD: Record<string, keyof Values> = { category: 'category', baseFen: 'base' };

/** The /dues/quote route. */
export default function DuesQuotePage() {
  const t = useT();
  const narrow = useNarrow();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('category', form);
  const rated = category ? isRatedCategory(category) : true;
  const settings = useAsync(useCallback(getDuesSettings, []));
  const [result, setResult] = useState<DuesQuote | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<DuesSettings | null>(null);

  const submit = async (v: Values) => {
    if (!v.category) return;
    setBusy(true);
    try {
      const baseFen = isRatedCategory(v.category) ? (parseYuanToFen(v.base ?? '') ?? undefined) : undefined;
      setResult(await quoteDues({ category: v.category, baseFen }));
    } catch (err) {
      const fields = err instanceof ApiError ? err.fields.filter((f) => FORM_FIELD[fieldOf(f.path)]) : [];
      if (fields.length) form.setFields(fields.map((f) => ({ name: FORM_FIELD[fieldOf(f.path)], errors: [f.message] })));
      else showError(err);
    } finally {
      setBusy(false);
    }
  };

  const farmerFen = settings.data?.farmerFlatFen ?? FARMER_FLAT_FEN.default;
  const yuan = (fen: number) => t('dues.quote.amountValue', { amount: formatFen(fen) });

  return (
    <PageCard
      title={t('dues.quote.title')}
      data-testid="dues-quote-page"
      extra={
        settings.data?.editable ? (
          <Button icon={<SettingOutlined />} onClick={() => setEditing(settings.data ?? null)} data-testid="dues-settings">
            {t('dues.settings.button')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('dues.quote.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12}>
          <Form<Values> form={form} layout="vertical" onFinish={submit} onValuesChange={() => setResult(null)} requiredMark={false}>
            <Form.Item name="category" label={t('dues.quote.category')} rules={[{ required: true, message: t('common.required') }]}>
              <Select
                id="duesCategory"
                data-testid="dues-category"
                options={DUES_CATEGORIES.map((c) => ({ value: c, label: label(t, 'dues', c) }))}
                placeholder={t('dues.quote.category')}
              />
            </Form.Item>
            {rated ? (
              <Form.Item
                name="base"
                label={t('dues.quote.base')}
                extra={category ? label(t, 'dues.quote.baseHint', category) : undefined}
                rules={[
                  { required: true, message: t('common.required') },
                  { validator: async (_, v: string | undefined) => (v === undefined || v === '' || parseYuanToFen(v) !== null ? undefined : Promise.reject(new Error(t('dues.quote.baseInvalid')))) },
                ]}
              >
                <Input id="duesBase" data-testid="dues-base" inputMode="decimal" autoComplete="off" suffix={t('dues.quote.baseSuffix')} placeholder={t('dues.quote.basePlaceholder')} />
              </Form.Item>
            ) : (
              <Alert type="info" showIcon title={t('dues.quote.flatHint')} style={{ marginBottom: 24 }} />
            )}
            <Button type="primary" htmlType="submit" loading={busy} block={narrow} data-testid="dues-quote-submit">
              {t('dues.quote.submit')}
            </Button>
          </Form>
          {result ? (
            <Card size="small" title={t('dues.quote.result')} style={{ marginTop: 16 }} data-testid="dues-quote-result">
              <Descriptions
                column={1}
                size="small"
                items={[
                  {
                    key: 'amount',
                    label: t('dues.quote.amount'),
                    children: (
                      <Typography.Text strong style={{ fontSize: 20 }} data-testid="dues-quote-amount">
                        {yuan(result.amountFen)}
                      </Typography.Text>
                    ),
                  },
                  { key: 'rate', label: t('dues.quote.rate'), children: <span data-testid="dues-quote-rate">{result.rateBp === null ? t('dues.quote.flat') : `${formatRateBp(result.rateBp)}%`}</span> },
                  { key: 'rule', label: t('dues.quote.rule'), children: <span data-testid="dues-quote-rule">{label(t, 'duesRule', result.rule)}</span> },
                ]}
              />
            </Card>
          ) : null}
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('dues.quote.rulesTitle')} data-testid="dues-rules">
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              <RuleList title={t('dues.quote.rules.income')} rules={['income_le_3000', 'income_le_5000', 'income_le_10000', 'income_gt_10000']} />
              <RuleList title={t('dues.quote.rules.pension')} rules={['pension_le_5000', 'pension_gt_5000']} />
              <RuleList title={t('dues.quote.rules.flat')} rules={['farmer_flat', 'flat_minimum']} />
              <Typography.Text type="secondary" data-testid="dues-farmer-amount">
                {t('dues.quote.farmerAmount', { amount: formatFen(farmerFen) })}
              </Typography.Text>
              <Typography.Text type="secondary">{t('dues.quote.rounding')}</Typography.Text>
            </Space>
          </Card>
        </Col>
      </Row>
      {editing ? (
        <FarmerSettingsModal
          settings={editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setResult(null);
            settings.reload();
          }}
        />
      ) : null}
    </PageCard>
  );
}

/** One group of the rates: a heading and its rules. */
function RuleList({ title, rules }: { title: string; rules: DuesRule[] }) {
  const t = useT();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
        {rules.map((r) => (
          <li key={r}>{label(t, 'duesRule', r)}</li>
        ))}
      </ul>
    </div>
  );
}
