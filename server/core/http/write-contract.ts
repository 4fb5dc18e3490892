// `npm run contract`: regenerates contract/openapi.json from the zod schemas of every route.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../config.ts';
import { generateKeyRingJson, parseKeyRing } from '../crypto/keys.ts';
import { openPglite } from '../db/client.ts';

/** Where the committed contract lives. */
export const CONTRACT_FILE = path.resolve(import.meta.dirname, '../../../contract/openapi.json');

/** The OpenAPI document of the current code, as stable JSON text. */
export async function currentContract(): Promise<string> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-contract-'));
  const db = await openPglite(undefined);
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir }), db, { keys: parseKeyRing(generateKeyRingJson()), logger: false });
  await app.ready();
  const doc = app.swagger() as { paths: Record<string, unknown> };
  // Static web files are not part of the API contract.
  doc.paths = Object.fromEntries(Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/')));
  const text = `${JSON.stringify(doc, null, 2)}\n`;
  await app.close();
  await db.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  return text;
}

if (process.argv[1] && import.meta.filename === path.resolve(process.argv[1])) {
  fs.mkdirSync(path.dirname(CONTRACT_FILE), { recursive: true });
  fs.writeFileSync(CONTRACT_FILE, await currentContract());
  process.stdout.write(`wrote ${CONTRACT_FILE}\n`);
}
