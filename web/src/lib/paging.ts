// Pagination state for server-paginated tables.
import type { TablePaginationConfig } from 'antd';
import { useCallback, useState } from 'react';
import type { TFunction } from '../i18n/i18n';

/** Page state with a reset for when filters change. */
export function usePaging(initialPageSize = 20) {
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(initialPageSize);
  const onChange = useCallback((p: number, size: number) => {
    setPage(size === pageSize ? p : 1);
    setPageSize(size);
  }, [pageSize]);
  const reset = useCallback(() => setPage(1), []);
  return { page, pageSize, onChange, reset };
}

/** antd pagination props for a server-paginated table. */
export function tablePagination(
  t: TFunction,
  paging: ReturnType<typeof usePaging>,
  total: number | undefined,
  narrow = false,
  totalCapped = false,
): TablePaginationConfig {
  return {
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: !narrow,
    size: narrow ? 'small' : undefined,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: narrow ? undefined : (n) => t(totalCapped ? 'common.totalAtLeast' : 'common.total', { total: n.toLocaleString() }),
    onChange: paging.onChange,
    responsive: true,
  };
}
