// 党员证挂失 (/card-revocations): the revoked member cards (numbers masked), refused by every kiosk
// (the list is synced to them for offline use). A card is revoked from the member's page.
import { Alert, type TableColumnsType } from 'antd';
import { type CardRevocation, listRevocations } from '../../api/activities';
import { PageCard } from '../../components/page-card';
import { ExportButton, PagedTable, usePagedList } from '../../components/paged-table';
import { timeColumn } from '../../components/table-columns';
import { type TFunction, useT } from '../../i18n/i18n';

function columns(t: TFunction): TableColumnsType<CardRevocation> {
  return [
    { title: t('cards.cardNo'), dataIndex: 'cardNo', render: (v: string) => <code>{v}</code> },
    { title: t('cards.member'), dataIndex: 'memberName', render: (v: string | null) => v || '—' },
    { title: t('cards.reason'), dataIndex: 'reason' },
    timeColumn(t('cards.revokedAt'), 'revokedAt'),
  ];
}

/** The /card-revocations route. */
export default function RevocationsPage() {
  const t = useT();
  const list = usePagedList(listRevocations);
  return (
    <PageCard title={t('cards.title')} data-testid="revocations-page" extra={<ExportButton permission="member.export" href="/api/card-revocations/export" data-testid="revocations-export" />}>
      <Alert type="info" showIcon title={t('cards.help')} style={{ marginBottom: 16 }} />
      <PagedTable list={list} rowKey="cardNo" columns={columns(t)} data-testid="revocations-table" />
    </PageCard>
  );
}
