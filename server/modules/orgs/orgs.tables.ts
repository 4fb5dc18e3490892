import { foreignKey, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Counties served by this deployment (reference table). */
export const counties = pgTable('counties', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The organization tree; `path` is "/id/id/.../" so a subtree is one indexed LIKE prefix. */
export const organizations = pgTable(
  'organizations',
  {
    countyCode: text('county_code').notNull(),
    id: uuid('id').notNull(),
    parentId: uuid('parent_id'),
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    level: text('level').notNull(),
    category: text('category'),
    code: text('code'),
    status: text('status').notNull().default('active'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.countyCode, t.id] }),
    foreignKey({ columns: [t.countyCode, t.parentId], foreignColumns: [t.countyCode, t.id] }),
    index('organizations_parent_idx').on(t.countyCode, t.parentId),
  ],
);
