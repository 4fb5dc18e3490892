// Small pieces of the 通报 and 综合考核 pages: the colour tag, the "not ranked" tag, a figure card and a
// download button that fetches an export (so a refusal shows the server's message instead of saving it
// as a file) and saves it under the server's file name.
import { Button, Card, Statistic, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../api/client';
import type { Color } from '../../api/bulletins';
import type { TFunction } from '../../i18n/i18n';
import { label } from '../../lib/format';
import { useShowError } from '../../lib/errors';

const COLORS: Record<Color, string> = { green: 'green', amber: 'gold', red: 'red' };

/** An organization's colour (绿 / 黄 / 红) as a tag; nothing when no rule binds it. */
export function colorTag(t: TFunction, c: Color | null) {
  if (!c) return <span>—</span>;
  return (
    <Tag color={COLORS[c]} data-testid="bulletin-color" data-color={c}>
      {label(t, 'bulletins.color', c)}
    </Tag>
  );
}

/** Ranked first by rank, then the unranked by score (highest first), then by name. */
export function byRank<T extends { rank: number | null; score: number | null; name: string }>(a: T, b: T): number {
  if (a.rank !== null && b.rank !== null) return a.rank - b.rank;
  if (a.rank !== null) return -1;
  if (b.rank !== null) return 1;
  return (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'zh-CN');
}

/** The tag of an organization left out of the ranking. */
export const unrankedTag = (t: TFunction) => (
  <Tag data-testid="bulletin-unranked" style={{ marginInlineEnd: 0 }}>
    {t('bulletins.unranked')}
  </Tag>
);

/** A figure of the summary. */
export function Figure({ title, value, suffix, testId }: { title: string; value: ReactNode; suffix?: ReactNode; testId: string }) {
  return (
    <Card size="small" style={{ height: '100%' }} data-testid={testId}>
      <Statistic title={title} value={value as string} suffix={suffix} styles={{ content: { fontSize: 20 } }} />
    </Card>
  );
}

/** The file name of a `content-disposition` header (the UTF-8 one when given). */
export function dispositionName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // A malformed name: try the plain one.
    }
  }
  const plain = /filename="([^"]+)"/i.exec(header);
  return plain ? plain[1] : fallback;
}

/** Fetches `href` and saves the answer as a file; an error answer is thrown as an ApiError. */
async function download(href: string, fallback: string) {
  const res = await fetch(href, { credentials: 'same-origin' });
  if (!res.ok) {
    let body: { error?: { code?: string; message?: string } } | undefined;
    try {
      body = await res.json();
    } catch {
      // Not JSON: the status text below.
    }
    throw new ApiError(res.status, body?.error?.code ?? `HTTP_${res.status}`, body?.error?.message ?? (res.statusText || `HTTP ${res.status}`));
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = dispositionName(res.headers.get('content-disposition'), fallback);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A button (its text is its whole accessible name) that downloads an export. */
export function DownloadButton({ href, fallback, children, testId }: { href: string; fallback: string; children: string; testId: string }) {
  const showError = useShowError();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      loading={busy}
      aria-busy={busy}
      onClick={async () => {
        setBusy(true);
        try {
          await download(href, fallback);
        } catch (err) {
          showError(err);
        } finally {
          setBusy(false);
        }
      }}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
