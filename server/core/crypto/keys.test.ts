import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { decryptField, encryptField } from './field-crypto.ts';
import { generateKeyRingJson, loadKeyRing, parseKeyRing } from './keys.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'hy-keys-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('loadKeyRing', () => {
  it('generates DATA_DIR/keys.json with mode 0600 on first call', () => {
    const dataDir = path.join(tmp(), 'nested', 'data');
    loadKeyRing({ dataDir });
    const file = path.join(dataDir, 'keys.json');
    expect(fs.existsSync(file)).toBe(true);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(json.current).toBe(1);
    expect(json.index).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the same keys on the next start: data encrypted before still decrypts', () => {
    const dataDir = tmp();
    const first = loadKeyRing({ dataDir });
    const token = encryptField(first, '330522198001011234');
    const second = loadKeyRing({ dataDir });
    expect(second.index.equals(first.index)).toBe(true);
    expect(second.audit.equals(first.audit)).toBe(true);
    expect(second.enc.get(1)?.enc.equals(first.enc.get(1)!.enc)).toBe(true);
    expect(decryptField(second, token)).toBe('330522198001011234');
  });

  it('tightens a key file that was made world-readable', () => {
    const dataDir = tmp();
    loadKeyRing({ dataDir });
    const file = path.join(dataDir, 'keys.json');
    fs.chmodSync(file, 0o644);
    loadKeyRing({ dataDir });
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('generates different keys for different installations', () => {
    expect(loadKeyRing({ dataDir: tmp() }).index.equals(loadKeyRing({ dataDir: tmp() }).index)).toBe(false);
  });

  it('uses configured keys (HONGYUN_KEYS) and writes no key file then', () => {
    const dataDir = tmp();
    const json = generateKeyRingJson();
    const ring = loadKeyRing({ keysJson: json, dataDir });
    expect(ring.index.toString('hex')).toBe(JSON.parse(json).index);
    expect(fs.existsSync(path.join(dataDir, 'keys.json'))).toBe(false);
  });

  it('rejects a ring that is not JSON with a clear message', () => {
    expect(() => loadKeyRing({ keysJson: 'not json', dataDir: tmp() })).toThrow(/invalid key ring/);
    const dataDir = tmp();
    fs.writeFileSync(path.join(dataDir, 'keys.json'), '{"current": 1, "enc": ', { mode: 0o600 });
    expect(() => loadKeyRing({ dataDir })).toThrow(/invalid key ring/);
  });

  it('does not echo key material in the error message', () => {
    const secret = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
    let message = '';
    try {
      parseKeyRing(`index=${secret}`);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/invalid key ring/);
    expect(message).not.toContain(secret.slice(0, 4));
  });
});

describe('parseKeyRing', () => {
  const good = () => JSON.parse(generateKeyRingJson());

  it('names the field that is wrong', () => {
    expect(() => parseKeyRing(JSON.stringify({ ...good(), index: 'abcd' }))).toThrow(/invalid key ring: index/);
    expect(() => parseKeyRing(JSON.stringify({ ...good(), audit: undefined }))).toThrow(/invalid key ring: audit/);
    const g = good();
    g.enc['1'].enc = 'zz';
    expect(() => parseKeyRing(JSON.stringify(g))).toThrow(/invalid key ring: enc\.1\.enc/);
  });

  it('refuses a current version without a key', () => {
    expect(() => parseKeyRing(JSON.stringify({ ...good(), current: 2 }))).toThrow(/no key for current version 2/);
  });

  it('refuses an SM4 key of the wrong length', () => {
    const g = good();
    g.enc['1'].enc = 'ab'.repeat(32);
    expect(() => parseKeyRing(JSON.stringify(g))).toThrow(/invalid key ring/);
  });
});
