// A server-paginated list: its loading state (usePagedList), its table with load error and pagination (PagedTable),
// and the Excel export link of its header (ExportButton).
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Table, type TableColumnsType } from 'antd';
import { type ReactNode, useCallback } from 'react';
import type { Page } from '../api/types';
import { useT } from '../i18n/i18n';
import { tablePagination, usePaging } from '../lib/paging';
import { type AsyncState, useAsync } from '../lib/use-async';
import { useSession } from '../session/session';
import { LoadError } from './load-error';
import { useNarrow } from './page-card';

/** The page asked of the server. */
export type PageQuery = { page: number; pageSize: number };

/** A paged list: the loader's state, its paging and whether the screen is narrow. */
export type PagedList<T> = AsyncState<Page<T>> & { paging: ReturnType<typeof usePaging>; narrow: boolean };

/**
 * Loads one page at a time with `fetchPage` (a module function or a useCallback over the filters: a new
 * function loads again). Call `list.paging.reset()` when a filter changes.
 */
export function usePagedList<T>(fetchPage: (query: PageQuery) => Promise<Page<T>>): PagedList<T> {
  const paging = usePaging();
  const narrow = useNarrow();
  const { page, pageSize } = paging;
  const load = useCallback(() => fetchPage({ page, pageSize }), [fetchPage, page, pageSize]);
  return { ...useAsync(load), paging, narrow };
}

/** A server-side sort: the sorted column's key and direction, or none. */
export type SortChange = { key: string | undefined; order: 'asc' | 'desc' | undefined };

type TableProps<T> = {
  list: PagedList<T>;
  columns: TableColumnsType<T>;
  /** A field of the row, or a function for rows whose id is nested. */
  rowKey: (keyof T & string) | ((row: T) => string);
  'data-testid': string;
  /** Server-side sorting: columns with `sorter: true` and a `key` report here (the page goes back to 1). */
  onSort?: (sort: SortChange) => void;
};

/** The list's load error (with retry) above its table with server pagination. */
export function PagedTable<T extends object>({ list, columns, rowKey, onSort, ...rest }: TableProps<T>) {
  const t = useT();
  const { data, error, loading, reload, paging, narrow } = list;
  return (
    <>
      <LoadError error={error} onRetry={reload} />
      <Table<T>
        rowKey={rowKey}
        size="middle"
        loading={loading}
        dataSource={data?.items ?? []}
        columns={columns}
        pagination={tablePagination(t, paging, data?.total, narrow, data?.totalCapped)}
        scroll={{ x: 'max-content' }}
        data-testid={rest['data-testid']}
        onChange={(_pagination, _filters, sorter, extra) => {
          if (extra.action !== 'sort' || !onSort) return;
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const order = one?.order === 'ascend' ? 'asc' : one?.order === 'descend' ? 'desc' : undefined;
          paging.reset();
          onSort({ key: order && one?.columnKey !== undefined ? String(one.columnKey) : undefined, order });
        }}
      />
    </>
  );
}

type ExportProps = {
  /** Shown only to holders of this permission. */
  permission: string;
  href: string;
  'data-testid': string;
  /** Defaults to the common "export" text. */
  children?: ReactNode;
};

/** A plain download link to the list's Excel export, for holders of `permission`. */
export function ExportButton({ permission, href, children, ...rest }: ExportProps) {
  const t = useT();
  const { can } = useSession();
  if (!can(permission)) return null;
  return (
    <Button icon={<DownloadOutlined />} href={href} download data-testid={rest['data-testid']}>
      {children ?? t('common.export')}
    </Button>
  );
}
