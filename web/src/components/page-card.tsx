// A page-level Card whose header actions move into the body on narrow screens (so the title stays readable).
import { Card, Flex, Grid } from 'antd';
import type { ReactNode } from 'react';

type Props = { title: ReactNode; extra?: ReactNode; children: ReactNode; 'data-testid'?: string };

/** The standard frame of a list page. */
export function PageCard({ title, extra, children, ...rest }: Props) {
  const screens = Grid.useBreakpoint();
  const wide = screens.md ?? true;
  return (
    <Card title={title} extra={wide ? extra : undefined} data-testid={rest['data-testid']}>
      {!wide && extra ? (
        <Flex wrap gap={8} style={{ marginBottom: 16 }}>
          {extra}
        </Flex>
      ) : null}
      {children}
    </Card>
  );
}

/** True on screens narrower than antd's `md` breakpoint. */
export function useNarrow(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}
