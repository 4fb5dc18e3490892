import { pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** The county's dues settings (see 0011_dues_settings.sql); no row = the defaults of common/dues.ts. */
export const duesSettings = pgTable('dues_settings', {
  countyCode: text('county_code').notNull().primaryKey(),
  /** The monthly amount of 农民 members in 分 (20–100, i.e. 0.2–1 元; DOMAIN §4). */
  farmerFlatFen: smallint('farmer_flat_fen').notNull().default(20),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
