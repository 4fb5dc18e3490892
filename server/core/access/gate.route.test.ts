import { describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../config.ts';
import { generateKeyRingJson, parseKeyRing } from '../crypto/keys.ts';
import { defineModule } from '../module.ts';
import { testDatabase } from '../../test/db.ts';

// SECURITY.md 1: deny by default — the app refuses to start when a route declares no access.
async function tryBuild(routes: Parameters<typeof defineModule>[0]['routes']) {
  const db = await testDatabase();
  const app = await buildApp(loadConfig({ NODE_ENV: 'test', DATA_DIR: '/tmp/hy-gate-test' }), db, {
    keys: parseKeyRing(generateKeyRingJson()),
    logger: false,
    extraModules: [defineModule({ name: 'probe', routes })],
  });
  try {
    await app.ready();
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await app.close().catch(() => {});
    await db.close();
  }
}

describe('route declarations', () => {
  it('refuses to start when a route declares no access', async () => {
    const err = await tryBuild((app) => {
      app.get('/api/probe/forgotten', async () => ({ ok: true }));
    });
    expect(err).toMatch(/refusing to start: GET \/api\/probe\/forgotten declares no access/);
  });
  it('refuses to start when a route names a permission nobody declared', async () => {
    const err = await tryBuild((app) => {
      app.get('/api/probe/typo', { config: { access: 'org.raed' } }, async () => ({ ok: true }));
    });
    expect(err).toMatch(/declares unknown access "org.raed"/);
  });
  it('starts when every route declares its access', async () => {
    const err = await tryBuild((app) => {
      app.get('/api/probe/fine', { config: { access: 'org.read' } }, async () => ({ ok: true }));
    });
    expect(err).toBeNull();
  });
});
