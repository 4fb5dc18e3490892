// The county's supervision settings on the 综合考核 page: the 综合考核 weights ('*' for every category
// without its own, and any category given its own), the day the 通报 is generated (1–28), the ranking
// minimum and the issuer printed on the 通报. Editable by county administrators at the root (the server
// says so in `editable` and checks it again); the server's field errors land on their fields.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ORG_CATEGORIES } from '../../../../common/org';
import { INDICATORS, type SupervisionSettings, type Weights, updateSupervisionSettings } from '../../api/bulletins';
import { ApiError } from '../../api/client';
import { useT } from '../../i18n/i18n';
import { useShowError } from '../../lib/errors';
import { fieldOf } from '../../lib/form-errors';
import { label } from '../../lib/format';

type Values = { bulletinDay: number; minRankedMembers: number; issuer: string; startOn: Dayjs | null; weights: Record<string, Weights> };
const PLAIN_FIELDS = ['bulletinDay', 'minRankedMembers', 'issuer', 'startOn'] as const;

/** Orders the weight rows: '*' first, then the categories in their usual order. */
const orderOf = (c: string) => (c === '*' ? -1 : ORG_CATEGORIES.indexOf(c as (typeof ORG_CATEGORIES)[number]));

/** The settings card; `onSaved` reloads what depends on them. */
export function SettingsCard({ settings, onSaved }: { settings: SupervisionSettings; onSaved: (s: SupervisionSettings) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [cats, setCats] = useState(() => Object.keys(settings.weights).sort((a, b) => orderOf(a) - orderOf(b)));
  const [busy, setBusy] = useState(false);
  const [otherErrors, setOtherErrors] = useState<string[]>([]);
  const editable = settings.editable;
  const required = [{ required: true, message: t('common.required') }];
  const free = ORG_CATEGORIES.filter((c) => !cats.includes(c));

  const submit = async (v: Values) => {
    setBusy(true);
    setOtherErrors([]);
    try {
      const weights = Object.fromEntries(cats.map((c) => [c, v.weights[c]]));
      const saved = await updateSupervisionSettings({ bulletinDay: v.bulletinDay, minRankedMembers: v.minRankedMembers, issuer: v.issuer, startOn: v.startOn ? v.startOn.format('YYYY-MM-DD') : null, weights });
      message.success(t('bulletins.settings.saved'));
      onSaved(saved);
    } catch (err) {
      if (err instanceof ApiError && err.fields.length) {
        const rest: string[] = [];
        const fields: { name: (string | number)[]; errors: string[] }[] = [];
        for (const f of err.fields) {
          const name = fieldOf(f.path);
          const parts = f.path.split('.').slice(f.path.startsWith('body.') ? 1 : 0);
          if ((PLAIN_FIELDS as readonly string[]).includes(name)) fields.push({ name: [name], errors: [f.message] });
          else if (name === 'weights' && parts.length >= 3 && cats.includes(parts[1]) && (INDICATORS as readonly string[]).includes(parts[2]))
            fields.push({ name: ['weights', parts[1], parts[2]], errors: [f.message] });
          else rest.push(f.message);
        }
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setOtherErrors(rest);
        if (!fields.length && !rest.length) showError(err);
      } else showError(err);
    } finally {
      setBusy(false);
    }
  };

  type Row = { cat: string };
  const columns = [
    { title: t('bulletins.settings.category'), key: 'cat', render: (_: unknown, r: Row) => (r.cat === '*' ? t('bulletins.settings.default') : label(t, 'category', r.cat)) },
    ...INDICATORS.map((k) => ({
      title: t(`bulletins.ind.${k}`),
      key: k,
      render: (_: unknown, r: Row) => (
        <Form.Item name={['weights', r.cat, k]} rules={required} style={{ margin: 0 }}>
          <InputNumber id={`weight-${r.cat === '*' ? 'default' : r.cat}-${k}`} aria-label={`${r.cat === '*' ? t('bulletins.settings.default') : label(t, 'category', r.cat)} ${t(`bulletins.ind.${k}`)}`} min={0} max={100} precision={0} disabled={!editable} style={{ width: 76 }} />
        </Form.Item>
      ),
    })),
    ...(editable
      ? [
          {
            title: '',
            key: 'remove',
            render: (_: unknown, r: Row) =>
              r.cat === '*' ? null : (
                <Button type="text" icon={<DeleteOutlined />} aria-label={t('bulletins.settings.removeCategory')} onClick={() => setCats((c) => c.filter((x) => x !== r.cat))} />
              ),
          },
        ]
      : []),
  ];

  return (
    <Card title={t('bulletins.settings.title')} data-testid="assessment-settings">
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={!editable}
        initialValues={{ bulletinDay: settings.bulletinDay, minRankedMembers: settings.minRankedMembers, issuer: settings.issuer, startOn: settings.startOn ? dayjs(settings.startOn) : null, weights: settings.weights }}
      >
        <Typography.Paragraph type="secondary">{t('bulletins.settings.weightsHint')}</Typography.Paragraph>
        <Table<Row>
          rowKey="cat"
          size="small"
          dataSource={cats.map((cat) => ({ cat }))}
          columns={columns}
          pagination={false}
          scroll={{ x: 'max-content' }}
          data-testid="assessment-weights"
        />
        {editable && free.length ? (
          <Flex gap={8} wrap align="center" style={{ margin: '12px 0' }}>
            <Select<string>
              aria-label={t('bulletins.settings.addCategory')}
              placeholder={t('bulletins.settings.addCategory')}
              value={null as unknown as string}
              options={free.map((c) => ({ value: c, label: label(t, 'category', c) }))}
              onChange={(c) => {
                const base = form.getFieldValue(['weights', '*']) as Weights | undefined;
                form.setFieldValue(['weights', c], { ...(base ?? settings.weights['*']) });
                setCats((prev) => [...prev, c].sort((a, b) => orderOf(a) - orderOf(b)));
              }}
              suffixIcon={<PlusOutlined />}
              style={{ width: 200, maxWidth: '100%' }}
              data-testid="assessment-add-category"
            />
          </Flex>
        ) : null}
        <Flex gap={16} wrap style={{ marginTop: 16 }}>
          <Form.Item name="bulletinDay" label={t('bulletins.settings.bulletinDay')} extra={t('bulletins.settings.bulletinDayHint')} rules={required}>
            <InputNumber id="bulletinDay" min={1} max={28} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="minRankedMembers" label={t('bulletins.settings.minRanked')} extra={t('bulletins.settings.minRankedHint')} rules={required}>
            <InputNumber id="minRankedMembers" min={1} max={200} precision={0} style={{ width: 120 }} />
          </Form.Item>
          <Form.Item name="issuer" label={t('bulletins.settings.issuer')} rules={required} style={{ minWidth: 240, flex: '1 1 240px' }}>
            <Input id="bulletinIssuer" maxLength={60} />
          </Form.Item>
          <Form.Item name="startOn" label={t('bulletins.settings.startOn')} extra={t('bulletins.settings.startOnHint')}>
            <DatePicker id="supervisionStartOn" allowClear style={{ width: 160 }} />
          </Form.Item>
        </Flex>
        {otherErrors.length ? <Alert type="error" showIcon title={otherErrors.join('；')} style={{ marginBottom: 12 }} data-testid="assessment-settings-error" /> : null}
        {editable ? (
          <Button type="primary" htmlType="submit" loading={busy} data-testid="assessment-settings-save">
            {t('common.save')}
          </Button>
        ) : (
          <Typography.Text type="secondary">{t('bulletins.settings.readOnly')}</Typography.Text>
        )}
      </Form>
    </Card>
  );
}
