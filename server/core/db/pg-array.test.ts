import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../test/db.ts';
import type { Database } from './client.ts';
import { pgArray } from './pg-array.ts';

let d: Database;
beforeAll(async () => {
  d = await testDatabase();
});
afterAll(() => d?.close());

describe('pgArray', () => {
  it('round-trips awkward values through one parameter', async () => {
    const values = ['plain', 'with,comma', 'with "quotes"', 'back\\slash', '{braces}', '', 'NULL', '张三 李四'];
    const r = (await d.db.execute(sql`SELECT unnest(${pgArray(values)}::text[]) AS v`)) as unknown as { rows: { v: string }[] };
    expect(r.rows.map((x) => x.v)).toEqual(values);
  });
});
