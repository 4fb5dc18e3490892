/**
 * A PostgreSQL array literal of text values, bound as ONE parameter (`${pgArray(xs)}::text[]`):
 * drizzle binds a JS array as one parameter per value, which costs more CPU than the database
 * spends on a batch of a few hundred rows. Every element is quoted and escaped.
 */
export const pgArray = (values: Iterable<string>) => `{${[...values].map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
