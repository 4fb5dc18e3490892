import { z } from 'zod';

/** Page and page size of a list request (1-based page; at most 100 rows a page). */
export const PageQuery = z.strictObject({
  /** 1-based page number. */
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  /** Rows per page. */
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** A page of a list; `totalCapped` says `total` is a lower bound (the list counts exactly only up to it). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), totalCapped: z.boolean().optional() });

/** SQL limit/offset of a page. */
export const limitOffset = (q: { page: number; pageSize: number }) => ({ limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
