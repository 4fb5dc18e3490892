import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

/** The key ring as configured (HONGYUN_KEYS) or stored in DATA_DIR/keys.json. */
const KeyRingJson = z.object({
  /** Version used for new ciphertexts. */
  current: z.number().int().positive(),
  /** Encryption keys by version: SM4 key (16 bytes) and HMAC-SM3 key (32 bytes). */
  enc: z.record(z.string(), z.object({ enc: hex(16), mac: hex(32) })),
  /** Key of the blind index (HMAC-SM3); changing it needs a re-index. */
  index: hex(32),
  /** Key of the audit hash chain (HMAC-SM3). */
  audit: hex(32),
});

/** Loaded keys as buffers. */
export type KeyRing = {
  current: number;
  enc: Map<number, { enc: Buffer; mac: Buffer }>;
  index: Buffer;
  audit: Buffer;
};

/** Builds a fresh random key ring (first start, tests). */
export function generateKeyRingJson(): string {
  return JSON.stringify(
    {
      current: 1,
      enc: { '1': { enc: randomBytes(16).toString('hex'), mac: randomBytes(32).toString('hex') } },
      index: randomBytes(32).toString('hex'),
      audit: randomBytes(32).toString('hex'),
    },
    null,
    2,
  );
}

/** Parses and checks a key ring; throws naming the problem. */
export function parseKeyRing(json: string): KeyRing {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    // JSON.parse's message quotes the input, which holds keys: say only what is wrong.
    throw new Error('invalid key ring: not valid JSON');
  }
  const parsed = KeyRingJson.safeParse(raw);
  if (!parsed.success) throw new Error(`invalid key ring: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`);
  const k = parsed.data;
  const enc = new Map(
    Object.entries(k.enc).map(([v, e]) => [Number(v), { enc: Buffer.from(e.enc, 'hex'), mac: Buffer.from(e.mac, 'hex') }]),
  );
  if (!enc.has(k.current)) throw new Error(`invalid key ring: no key for current version ${k.current}`);
  return { current: k.current, enc, index: Buffer.from(k.index, 'hex'), audit: Buffer.from(k.audit, 'hex') };
}

/**
 * Loads the key ring from configuration, or from DATA_DIR/keys.json, generating that file
 * (mode 0600) on first start. Keys never live in the repository.
 */
export function loadKeyRing(opts: { keysJson?: string; dataDir: string }): KeyRing {
  if (opts.keysJson) return parseKeyRing(opts.keysJson);
  const file = path.join(opts.dataDir, 'keys.json');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    fs.writeFileSync(file, generateKeyRingJson(), { mode: 0o600, flag: 'wx' });
  }
  fs.chmodSync(file, 0o600);
  return parseKeyRing(fs.readFileSync(file, 'utf8'));
}
