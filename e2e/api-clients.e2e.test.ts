import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signRequest } from '../server/modules/api-clients/signing.ts';
import { journey } from './server.ts';

// The API-client journey: the security administrator registers a kiosk in the console, the kiosk signs
// requests with the secret shown once, and disabling the client in the console shuts it out.
const j = journey();

/** A GET signed as docs/API-CLIENTS.md describes, sent from Node. */
function signedGet(keyId: string, secret: string, pathWithQuery: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(12).toString('base64url');
  return fetch(`${j.server.url}${pathWithQuery}`, {
    headers: {
      'X-HY-Client': keyId,
      'X-HY-Timestamp': timestamp,
      'X-HY-Nonce': nonce,
      'X-HY-Signature': signRequest(secret, 'GET', pathWithQuery, timestamp, nonce),
    },
  });
}

describe('API clients', () => {
  it('a client created in the console signs requests until it is disabled there', async () => {
    const page = await j.loginAs('security');
    await page.click('[data-testid="main-menu"] >> text=API 客户端');
    await page.waitForURL(/\/api-clients$/);
    await page.waitForSelector('[data-testid="api-clients-table"]');

    // The county root is the security administrator's scope root.
    const roots = await page.evaluate(async () => (await (await fetch('/api/orgs/tree')).json()) as { items: { id: string; name: string }[] });
    const root = roots.items[0];
    expect(root).toBeDefined();

    await page.click('[data-testid="api-client-create"]');
    await page.fill('#apiClientName', '县政务服务自助终端');
    await page.click('#apiClientOrg');
    await page.locator('.ant-select-tree-node-content-wrapper', { hasText: root.name }).first().click();
    await page.click('#apiClientRoutes');
    await page.locator('.ant-select-item-option', { hasText: 'GET /api/orgs/tree' }).click();
    await page.locator('.ant-modal-title', { hasText: '新建客户端' }).click(); // closes the dropdown
    await page.click('.ant-modal-footer .ant-btn-primary');

    await page.waitForSelector('[data-testid="api-client-secret"]');
    const keyId = ((await page.locator('[data-testid="api-client-key-id"] code').textContent()) ?? '').trim();
    const secret = ((await page.locator('[data-testid="api-client-secret"] code').textContent()) ?? '').trim();
    expect(keyId).toMatch(/^hyk_/);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(await page.locator('.ant-modal .ant-alert-warning').textContent()).toContain('只显示这一次');
    await page.click('.ant-modal-footer .ant-btn-primary');
    await page.waitForSelector('[data-testid="api-client-secret"]', { state: 'detached' });
    const row = page.locator('.ant-table-row', { hasText: keyId });
    await row.waitFor();
    expect(await row.textContent()).toContain(root.name);

    const ok = await signedGet(keyId, secret, '/api/orgs/tree');
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { items: { id: string }[] };
    expect(body.items.map((o) => o.id)).toContain(root.id);

    await page.click(`[data-testid="api-client-toggle-${keyId}"]`);
    await page.click('.ant-popconfirm:visible .ant-btn-primary');
    await row.locator('text=已停用').waitFor();

    const refused = await signedGet(keyId, secret, '/api/orgs/tree');
    expect(refused.status).toBe(401);
    await page.close();
  });
});
