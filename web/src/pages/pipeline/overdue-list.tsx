// The overdue development steps under an organization (a township) or the whole scope, with export.
import { Flex, Space, type TableColumnsType } from 'antd';
import { useCallback, useState } from 'react';
import { type Applicant, listOverdue, overdueExportUrl } from '../../api/pipeline';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { timerTag } from './applicant-card';

/** The overdue tab. */
export function OverdueList() {
  const t = useT();
  const [orgId, setOrgId] = useState<string | undefined>();
  const list = usePagedList(useCallback((q: PageQuery) => listOverdue(orgId, q.page, q.pageSize), [orgId]));

  const columns: TableColumnsType<Applicant> = [
    { title: t('memberField.name'), dataIndex: 'name', fixed: list.narrow ? undefined : 'left' },
    { title: t('pipeline.org'), dataIndex: 'orgName' },
    { title: t('pipeline.stage'), dataIndex: 'stage', render: (s: string) => label(t, 'stage', s) },
    { title: t('memberField.idNumber'), dataIndex: 'idNumber' },
    { title: t('pipeline.appliedOn'), dataIndex: 'appliedOn' },
    {
      title: t('pipeline.timers'),
      key: 'timers',
      render: (_, a) => <Space size={[4, 4]} wrap>{a.timers.filter((x) => x.overdue).map((x) => timerTag(t, x))}</Space>,
    },
  ];

  return (
    <>
      <Flex gap={8} wrap justify="space-between" style={{ marginBottom: 16 }}>
        <div style={{ width: 320, maxWidth: '100%' }}>
          <OrgTreeSelect
            id="overdueOrg"
            value={orgId}
            onChange={(v) => {
              list.paging.reset();
              setOrgId(v);
            }}
          />
        </div>
        <ExportButton permission="pipeline.read" href={overdueExportUrl(orgId)} data-testid="pipeline-overdue-export" />
      </Flex>
      <PagedTable list={list} rowKey="id" columns={columns} data-testid="pipeline-overdue-table" />
    </>
  );
}
