// The kiosk signs in the browser with WebCrypto; the server checks with node:crypto. Both must agree
// byte for byte on the canonical request and the signature.
import { describe, expect, it } from 'vitest';
import { checkFreshness, signatureMatches, signRequest as serverSign } from '../../../../server/modules/api-clients/signing.ts';
import { canonicalRequest, sha256Hex, signedHeaders, signRequest } from './kiosk-signing';

const SECRET = 'hys_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ';

describe('kiosk request signing', () => {
  it('signs exactly as the server does for a fixed request', async () => {
    const body = JSON.stringify({ activityId: '0190a0b0-0000-7000-8000-000000000001', credential: { cardNo: 'CX00000001' }, nonce: 'n-1' });
    const browser = await signRequest(SECRET, 'POST', '/api/checkins', '1767225600', 'abcdefgh12345678', body);
    expect(browser).toBe(serverSign(SECRET, 'POST', '/api/checkins', '1767225600', 'abcdefgh12345678', body));
    expect(browser).toMatch(/^[0-9a-f]{64}$/);
  });

  it('agrees on GET requests with a query and no body, and on non-ASCII bodies and secrets', async () => {
    const path = '/api/kiosk/me?day=2026-01-01';
    expect(await signRequest(SECRET, 'get', path, '1767225600', 'nonce-000')).toBe(serverSign(SECRET, 'GET', path, '1767225600', 'nonce-000'));
    const body = JSON.stringify({ reason: '党员证遗失 — 张三' });
    expect(await signRequest('密钥-secret', 'POST', '/api/x', '1', 'nnnnnnnn', body)).toBe(serverSign('密钥-secret', 'POST', '/api/x', '1', 'nnnnnnnn', body));
  });

  it('hashes the body into the canonical request (the empty body too)', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await canonicalRequest('post', '/p', '1', 'n', '')).toBe('POST\n/p\n1\nn\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('produces headers the server accepts, and a changed body no longer matches', async () => {
    const body = JSON.stringify({ items: [] });
    const h = await signedHeaders({ keyId: 'hyk_test', secret: SECRET }, 'POST', '/api/checkins/batch', body);
    expect(h['X-HY-Client']).toBe('hyk_test');
    expect(checkFreshness(h['X-HY-Timestamp'], h['X-HY-Nonce'])).toBe('ok');
    const ok = signatureMatches(SECRET, 'POST', '/api/checkins/batch', h['X-HY-Timestamp'], h['X-HY-Nonce'], body, h['X-HY-Signature']);
    expect(ok).toBe(true);
    const tampered = signatureMatches(SECRET, 'POST', '/api/checkins/batch', h['X-HY-Timestamp'], h['X-HY-Nonce'], `${body} `, h['X-HY-Signature']);
    expect(tampered).toBe(false);
  });

  it('uses a fresh nonce for every request', async () => {
    const cred = { keyId: 'hyk_test', secret: SECRET };
    const a = await signedHeaders(cred, 'GET', '/api/kiosk/me');
    const b = await signedHeaders(cred, 'GET', '/api/kiosk/me');
    expect(a['X-HY-Nonce']).not.toBe(b['X-HY-Nonce']);
  });
});
