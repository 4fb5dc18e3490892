// Column pieces shared by the list tables: coded tags, times, tag lists, long text, and the row actions.
import { App, Space, type TableColumnType, Tag, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { TFunction } from '../i18n/i18n';
import { useShowError } from '../lib/errors';
import { formatTime, label } from '../lib/format';

/** A code (status, result) as a translated tag; `colors` maps codes to antd tag colours (others: default). */
export function codeTag(t: TFunction, prefix: string, code: string, colors: Readonly<Record<string, string>>) {
  return <Tag color={colors[code] ?? 'default'}>{label(t, prefix, code)}</Tag>;
}

const ACTIVE_COLORS = { active: 'success' } as const;

/** The active/disabled status of an account or client. */
export function statusTag(t: TFunction, status: string) {
  return codeTag(t, 'status', status, ACTIVE_COLORS);
}

/** The status an enable/disable toggle switches to. */
export const toggledStatus = (status: string): 'active' | 'disabled' => (status === 'active' ? 'disabled' : 'active');

/** A time column (Asia/Shanghai); `orDash` shows '—' for an empty value. */
export function timeColumn<T>(
  title: string,
  dataIndex: keyof T & string,
  { orDash = false, width }: { orDash?: boolean; width?: number } = {},
): TableColumnType<T> {
  const render = orDash ? (v: string | null) => formatTime(v) || '—' : (v: string) => formatTime(v);
  return width === undefined ? { title, dataIndex, render } : { title, dataIndex, render, width };
}

/** Several short values as wrapped tags. */
export function tagList(items: readonly string[], text: (item: string) => ReactNode = (item) => item, style?: CSSProperties) {
  return (
    <Space size={[4, 4]} wrap>
      {items.map((item) => (
        <Tag key={item} style={style}>
          {text(item)}
        </Tag>
      ))}
    </Space>
  );
}

/** A code (job name, action) in monospace. */
export const codeText = (v: string) => <Typography.Text code>{v}</Typography.Text>;

/** Long text cut at `maxWidth`, whole in a tooltip; nothing for an empty text. */
export function ellipsisText(text: string | null | undefined, maxWidth: number, type?: 'danger') {
  return text ? (
    <Typography.Text type={type} ellipsis={{ tooltip: text }} style={{ maxWidth }}>
      {text}
    </Typography.Text>
  ) : null;
}

/** The trailing actions column; narrow screens get no fixed columns (they would take the whole width). */
export function actionsColumn<T>(t: TFunction, narrow: boolean, render: (row: T) => ReactNode): TableColumnType<T> {
  return { title: t('common.actions'), key: 'actions', fixed: narrow ? undefined : 'right', render: (_, row) => render(row) };
}

/** Runs a row action: on success shows `success` (if any) and calls `onChanged`; errors go to the error toast. */
export function useRowAction(onChanged: () => void) {
  const { message } = App.useApp();
  const showError = useShowError();
  return async (action: () => Promise<unknown>, success?: string) => {
    try {
      await action();
      if (success) message.success(success);
      onChanged();
    } catch (err) {
      showError(err);
    }
  };
}
