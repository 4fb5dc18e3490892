// 党员管理: search (name, pinyin initials, card number, ID number), organization / status / 党籍 filters,
// server-side sort and pagination, export, and registering a member (member.write).
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Input, Select, Space } from 'antd';
import { useCallback, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  listMembers,
  MEMBER_STATUSES,
  type MemberFilter,
  type MemberSort,
  membersExportUrl,
  STANDINGS,
} from '../../api/members';
import { OrgTreeSelect } from '../../components/org-tree-select';
import { PageCard } from '../../components/page-card';
import { ExportButton, type PageQuery, PagedTable, type SortChange, usePagedList } from '../../components/paged-table';
import { useT } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useSession } from '../../session/session';
import { memberColumns } from './member-columns';
import { MemberFormModal } from './member-form-modal';

/** A sort of the table as the server takes it; the age column sorts by birth date the other way round. */
function serverSort({ key, order }: SortChange): Pick<MemberFilter, 'sort' | 'order'> {
  if (!key || !order) return {};
  if (key === 'birthDate') return { sort: 'birthDate', order: order === 'asc' ? 'desc' : 'asc' };
  return { sort: key as MemberSort, order };
}

/** The /members route. */
export default function MembersPage() {
  const t = useT();
  const { can } = useSession();
  const navigate = useNavigate();
  const [filter, setFilter] = useState<MemberFilter>({});
  const [creating, setCreating] = useState(false);

  const list = usePagedList(
    useCallback((page: PageQuery) => listMembers(filter, page.page, page.pageSize), [filter]),
  );
  const { paging, narrow } = list;
  const change = (patch: Partial<MemberFilter>) => {
    paging.reset();
    setFilter((f) => ({ ...f, ...patch }));
  };

  return (
    <PageCard
      title={t('members.title')}
      data-testid="members-page"
      extra={
        <Space wrap>
          <ExportButton permission="member.export" href={membersExportUrl(filter)} data-testid="members-export" />
          {can('member.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="member-create">
              {t('members.create')}
            </Button>
          ) : null}
        </Space>
      }
    >
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          id="memberSearch"
          allowClear
          placeholder={t('members.searchPlaceholder')}
          enterButton={t('common.search')}
          onSearch={(v) => change({ q: v.trim() || undefined })}
          style={{ maxWidth: 380 }}
          data-testid="member-search"
        />
        <div style={{ width: 260, maxWidth: '100%' }} data-testid="member-org-filter">
          <OrgTreeSelect id="memberOrgFilter" value={filter.orgId} onChange={(orgId) => change({ orgId })} />
        </div>
        <Select
          allowClear
          placeholder={t('members.allStatuses')}
          style={{ width: 140 }}
          value={filter.status}
          onChange={(status) => change({ status })}
          options={MEMBER_STATUSES.map((s) => ({ value: s, label: label(t, 'memberStatus', s) }))}
          data-testid="member-status-filter"
        />
        <Select
          allowClear
          placeholder={t('members.allStandings')}
          style={{ width: 150 }}
          value={filter.standing}
          onChange={(standing) => change({ standing })}
          options={STANDINGS.map((s) => ({ value: s, label: label(t, 'standing', s) }))}
          data-testid="member-standing-filter"
        />
      </Flex>
      <PagedTable
        list={list}
        rowKey="id"
        columns={memberColumns(t, narrow)}
        data-testid="members-table"
        onSort={(s) => setFilter((f) => ({ ...f, sort: undefined, order: undefined, ...serverSort(s) }))}
      />
      {creating ? (
        <MemberFormModal
          onClose={() => setCreating(false)}
          onSaved={(m) => {
            setCreating(false);
            navigate(`/members/${m.id}`);
          }}
        />
      ) : null}
    </PageCard>
  );
}
