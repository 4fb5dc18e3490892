// 月度通报 (/supervision/bulletins): the county's monthly 通报, newest first, filtered by year; a version
// tag when a month was generated again. County administrators at the root generate the 通报 of an
// ended month by hand (the server refuses a month not yet ended with its own message). A row opens the
// 通报. Works at 360 px (the table scrolls).
import { FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, DatePicker, Flex, Modal, Table, type TableColumnsType, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type BulletinHead, generateBulletin, listBulletins } from '../../api/bulletins';
import { LoadError } from '../../components/load-error';
import { PageCard } from '../../components/page-card';
import { useT } from '../../i18n/i18n';
import { errorText } from '../../lib/errors';
import { formatTime } from '../../lib/format';
import { useAsync } from '../../lib/use-async';

/** The /supervision/bulletins route. */
export default function BulletinsPage() {
  const t = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = yearParam >= 2000 && yearParam <= 2100 ? yearParam : undefined;
  const { data, error, loading, reload } = useAsync(useCallback(() => listBulletins(year), [year]));
  const [generating, setGenerating] = useState(false);

  const setYear = (d: Dayjs | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (d) next.set('year', d.format('YYYY'));
        else next.delete('year');
        return next;
      },
      { replace: true },
    );

  const columns: TableColumnsType<BulletinHead> = [
    { title: t('bulletins.serial'), dataIndex: 'serial', width: 130 },
    {
      title: t('bulletins.titleCol'),
      dataIndex: 'title',
      render: (title: string, r) => (
        <Flex gap={4} wrap align="center">
          <Link to={`/supervision/bulletins/${r.id}`} data-testid="bulletin-link">
            {title}
          </Link>
          {r.version > 1 ? (
            <Tag color="blue" data-testid="bulletin-version">
              {t('bulletins.version', { version: r.version })}
            </Tag>
          ) : null}
        </Flex>
      ),
    },
    { title: t('bulletins.month'), dataIndex: 'month', width: 100 },
    { title: t('bulletins.asOf'), dataIndex: 'asOf', width: 120 },
    { title: t('bulletins.generatedAt'), dataIndex: 'generatedAt', width: 170, render: (v: string) => formatTime(v) },
  ];

  return (
    <PageCard
      title={t('bulletins.title')}
      data-testid="bulletins-page"
      extra={
        data?.canGenerate ? (
          <Button type="primary" icon={<FileAddOutlined />} onClick={() => setGenerating(true)} data-testid="bulletin-generate">
            {t('bulletins.generate')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary">{t('bulletins.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
        <DatePicker
          id="bulletinsYear"
          picker="year"
          value={year ? dayjs(`${year}-01-01`) : null}
          onChange={setYear}
          placeholder={t('bulletins.allYears')}
          aria-label={t('bulletins.year')}
          minDate={dayjs('2000-01-01')}
          maxDate={dayjs('2099-12-31')}
        />
      </Flex>
      <LoadError error={error} onRetry={reload} />
      <Table<BulletinHead>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('bulletins.empty') }}
        onRow={(r) => ({ onClick: () => navigate(`/supervision/bulletins/${r.id}`), style: { cursor: 'pointer' } })}
        data-testid="bulletins-table"
      />
      {generating ? (
        <GenerateModal
          onClose={() => setGenerating(false)}
          onDone={(id) => {
            setGenerating(false);
            reload();
            navigate(`/supervision/bulletins/${id}`);
          }}
        />
      ) : null}
    </PageCard>
  );
}

/** Picks an ended month and generates its 通报 (a new version when one exists). */
function GenerateModal({ onClose, onDone }: { onClose: () => void; onDone: (id: string) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [month, setMonth] = useState<Dayjs | null>(() => dayjs().subtract(1, 'month'));
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const submit = async () => {
    if (!month) {
      setFailure(t('bulletins.pickMonth'));
      return;
    }
    setBusy(true);
    setFailure(undefined);
    try {
      const b = await generateBulletin(month.format('YYYY-MM'));
      message.success(t('bulletins.generated', { serial: b.serial }));
      onDone(b.id);
    } catch (err) {
      setFailure(errorText(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('bulletins.generate')}
      onCancel={onClose}
      onOk={submit}
      okText={t('bulletins.generateOk')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'bulletin-generate-ok' }}
    >
      <Typography.Paragraph type="secondary">{t('bulletins.generateHint')}</Typography.Paragraph>
      <DatePicker
        id="bulletinMonth"
        picker="month"
        value={month}
        onChange={(d) => {
          setMonth(d);
          setFailure(undefined);
        }}
        aria-label={t('bulletins.month')}
        style={{ width: 200, maxWidth: '100%' }}
      />
      {failure ? <Alert type="error" showIcon title={failure} style={{ marginTop: 12 }} data-testid="bulletin-generate-error" /> : null}
    </Modal>
  );
}
