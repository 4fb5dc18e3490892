import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openPglite } from '../core/db/client.ts';
import { migrate } from '../core/db/migrate.ts';

/** Migrates one PGlite database and dumps it, so each test file starts from a copy in < 1 s. */
export default async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-template-'));
  const db = await openPglite(undefined);
  await migrate(db);
  const blob = (await db.pglite!.dumpDataDir('none')) as Blob;
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  process.env.HY_TEST_TEMPLATE = file;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
