import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../../core/db/client.ts';
import { TEST_ENGINE } from '../../test/db.ts';
import { memberRow } from './import-kit.ts';
import { MEMBER_HEADERS, ORG_HEADERS, makeIdNumber, xlsxOf } from './test-workbook.ts';

// `hongyun import …` on the embedded database of a temp DATA_DIR: the same checks as the web,
// row errors printed, exit 1 with errors (nothing written), 0 when everything was written.
// PGlite only: the command opens DATA_DIR/pgdata.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let dir = '';

function hongyun(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, HONGYUN_MODE: 'demo' };
  for (const k of ['DATABASE_URL', 'HONGYUN_KEYS', 'TEST_DATABASE_URL']) delete env[k];
  const r = spawnSync(process.execPath, ['bin/hongyun.mjs', ...args], { cwd: ROOT, env, encoding: 'utf8', timeout: 90_000 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function write(name: string, buf: Promise<Buffer>) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, await buf);
  return file;
}

const members = async () => {
  const db = await openPglite(path.join(dir, 'pgdata'));
  try {
    return (await db.query<{ name: string }>('SELECT name FROM members ORDER BY name')).map((r) => r.name);
  } finally {
    await db.close();
  }
};

describe.skipIf(TEST_ENGINE === 'postgres')('hongyun import', () => {
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-import-cli-'));
  });
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports organizations under the county root (by its code)', async () => {
    const file = await write('orgs.xlsx', xlsxOf(ORG_HEADERS, [['城东社区党支部', '330522', '党支部', '社区']], { sheetName: '组织信息' }));
    const r = hongyun('import', 'organizations', file);
    expect(r.stderr).not.toMatch(/hongyun: /);
    expect(r.stdout).toContain('导入完成：共 1 行，已写入 1 行');
    expect(r.status).toBe(0);
  }, 120_000);

  it('exits 1 and prints each row error when a row is wrong, writing nothing', async () => {
    const rows = [
      memberRow({ name: '甲', id: makeIdNumber('330522', '19800101', 11), status: '正式党员', org: '城东社区党支部', joined: '2005-07-01' }),
      memberRow({ name: '乙', id: '330522198001011234', status: '正式党员', org: '城东社区党支部' }),
    ];
    const r = hongyun('import', 'members', await write('bad.xlsx', xlsxOf(MEMBER_HEADERS, rows)));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('第 3 行 身份证号：身份证号校验位错误');
    expect(r.stdout).toContain('[ID_NUMBER_CHECK_DIGIT]');
    expect(r.stdout).toContain('导入失败：共 2 行，1 行有错误，未写入任何数据');
    expect(r.stderr).toMatch(/校验 validate .*100%/);
    expect(await members()).toEqual([]);
  }, 120_000);

  it('exits 0 when every row is valid (organization from --org), and 1 on a file that is not a workbook', async () => {
    const rows = [
      memberRow({ name: '丙', id: makeIdNumber('330522', '19800101', 13), status: '正式党员', joined: '2005-07-01' }),
      memberRow({ name: '丁', id: makeIdNumber('330522', '19810101', 14).toLowerCase(), status: '预备党员', joined: '2024-07-01' }),
    ];
    const r = hongyun('import', 'members', await write('good.xlsx', xlsxOf(MEMBER_HEADERS, rows)), '--org', '城东社区党支部');
    expect(r.stdout).toContain('导入完成：共 2 行，已写入 2 行');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/写入 write .*100%/);
    expect(await members()).toEqual(['丁', '丙']);
    const junk = path.join(dir, 'junk.xlsx');
    fs.writeFileSync(junk, 'not a workbook');
    const j = hongyun('import', 'members', junk);
    expect(j.status).toBe(1);
    expect(j.stdout).toContain('[IMPORT_NOT_XLSX]');
  }, 120_000);
});
