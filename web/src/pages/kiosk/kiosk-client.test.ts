// The kiosk's client tells an unreachable server (queue the scan) from a refusal (show it), and its
// requests carry signatures the server accepts.
import { describe, expect, it } from 'vitest';
import { signatureMatches } from '../../../../server/modules/api-clients/signing.ts';
import { type Fetch, KioskOffline, KioskRefused, kioskClient } from './kiosk-client';

const cred = { keyId: 'hyk_test', secret: 'hys_secret_for_tests_0123456789' };

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('kiosk client', () => {
  it('signs the exact bytes it sends', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fetcher: Fetch = async (url, init) => {
      seen = { url, init };
      return json(201, { status: 'ok', duplicate: false, affiliated: true });
    };
    const client = kioskClient(cred, 'http://127.0.0.1:1', fetcher);
    const answer = await client.post('/api/checkins', { activityId: 'a', credential: { cardNo: 'CX1' }, nonce: 'n', deviceTime: 't', deviceId: 'd' });
    expect(answer.status).toBe(201);
    const { url, init } = seen as unknown as { url: string; init: RequestInit };
    expect(url).toBe('http://127.0.0.1:1/api/checkins');
    const h = init.headers as Record<string, string>;
    expect(h['content-type']).toBe('application/json');
    expect(init.credentials).toBe('omit');
    expect(signatureMatches(cred.secret, 'POST', '/api/checkins', h['X-HY-Timestamp'], h['X-HY-Nonce'], String(init.body), h['X-HY-Signature'])).toBe(true);
  });

  it('treats a network failure or a gateway without its server as offline', async () => {
    const down = kioskClient(cred, '', async () => {
      throw new TypeError('fetch failed');
    });
    await expect(down.get('/api/kiosk/me')).rejects.toBeInstanceOf(KioskOffline);
    const gateway = kioskClient(cred, '', async () => new Response('bad gateway', { status: 502 }));
    await expect(gateway.post('/api/checkins', {})).rejects.toBeInstanceOf(KioskOffline);
  });

  it('turns an error answer into a refusal with its code and message', async () => {
    const client = kioskClient(cred, '', async () => json(422, { error: { code: 'CHECKIN_CARD_REVOKED', message: '该党员证已挂失或注销' } }));
    const err = await client.post('/api/checkins', {}).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KioskRefused);
    expect(err).toMatchObject({ status: 422, code: 'CHECKIN_CARD_REVOKED', message: '该党员证已挂失或注销' });
    const flat = kioskClient(cred, '', async () => json(404, { code: 'CHECKIN_UNKNOWN_CARD', message: 'Unknown member card' }));
    await expect(flat.post('/api/checkins', {})).rejects.toMatchObject({ code: 'CHECKIN_UNKNOWN_CARD' });
    const html = kioskClient(cred, '', async () => new Response('<html>', { status: 401, statusText: 'Unauthorized' }));
    await expect(html.get('/api/kiosk/me')).rejects.toMatchObject({ status: 401, code: 'HTTP_401' });
  });
});
