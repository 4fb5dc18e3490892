// 组织预警 (/orgs/warnings): organizations in scope with size or term warnings, filtered by code and
// subtree, exported to Excel.
import { Flex, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useCallback, useState } from 'react';
import { listOrgWarnings, ORG_WARNING_CODES, orgWarningsExportUrl, type WarningItem, type WarningsFilter } from '../../api/orgs';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { warningText } from './org-warnings';

const SEVERITY_COLORS = { error: 'error', warning: 'warning', info: 'processing' } as const;

/** The /orgs/warnings route. */
export default function OrgWarningsPage() {
  const t = useT();
  const [filter, setFilter] = useState<WarningsFilter>({});
  const list = usePagedList(useCallback((q: PageQuery) => listOrgWarnings(filter, q.page, q.pageSize), [filter]));
  const change = (patch: Partial<WarningsFilter>) => {
    list.paging.reset();
    setFilter((f) => ({ ...f, ...patch }));
  };

  const columns: TableColumnsType<WarningItem> = [
    { title: t('orgWarnings.org'), key: 'org', fixed: list.narrow ? undefined : 'left', render: (_, r) => r.org.name },
    { title: t('orgs.level'), key: 'level', render: (_, r) => label(t, 'level', r.org.level) },
    { title: t('orgs.category'), key: 'category', render: (_, r) => label(t, 'category', r.org.category) || '—' },
    {
      title: t('orgs.members'),
      key: 'members',
      render: (_, r) => t('orgWarnings.counts', { ...r.memberCounts, subtree: r.subtreeMemberCount }),
    },
    {
      title: t('orgWarnings.items'),
      key: 'warnings',
      render: (_, r) => (
        <Space orientation="vertical" size={4}>
          {r.warnings.map((w) => (
            <span key={w.code}>
              <Tag color={SEVERITY_COLORS[w.severity]}>{label(t, 'severity', w.severity)}</Tag>
              {warningText(t, w)}
            </span>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('orgWarnings.title')}
      data-testid="org-warnings-page"
      extra={<ExportButton permission="org.read" href={orgWarningsExportUrl(filter)} data-testid="org-warnings-export" />}
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('orgWarnings.allCodes')}
          style={{ width: 260, maxWidth: '100%' }}
          value={filter.code}
          onChange={(code) => change({ code })}
          options={ORG_WARNING_CODES.map((c) => ({ value: c, label: label(t, 'orgWarningName', c) }))}
          data-testid="org-warnings-code"
        />
        <div style={{ width: 280, maxWidth: '100%' }}>
          <OrgTreeSelect id="warningsOrg" value={filter.orgId} onChange={(orgId) => change({ orgId })} />
        </div>
      </Flex>
      <PagedTable list={list} rowKey={(r) => r.org.id} columns={columns} data-testid="org-warnings-table" />
    </PageCard>
  );
}
