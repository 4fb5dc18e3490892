import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

// Request signing for API clients (SECURITY.md 5), documented in docs/API-CLIENTS.md:
//   X-HY-Client: <key id>   X-HY-Timestamp: <unix seconds>   X-HY-Nonce: <8-64 of [A-Za-z0-9_-]>
//   X-HY-Signature: hex(HMAC-SHA256(secret, METHOD \n path?query \n timestamp \n nonce \n hex(SHA-256(body))))

/** How far a request's timestamp may be from the server clock. */
export const MAX_SKEW_SECONDS = 300;

/** The headers a signed request carries. */
export const HEADERS = { client: 'x-hy-client', timestamp: 'x-hy-timestamp', nonce: 'x-hy-nonce', signature: 'x-hy-signature' } as const;

/** The string that is signed. */
export function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): string {
  const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex');
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, bodyHash].join('\n');
}

/** Signs a request (clients do this; tests and the docs example use it). */
export function signRequest(secret: string, method: string, pathWithQuery: string, timestamp: string, nonce: string, body = ''): string {
  return createHmac('sha256', secret).update(canonicalRequest(method, pathWithQuery, timestamp, nonce, body)).digest('hex');
}

/** Checks a signature in constant time. */
export function signatureMatches(secret: string, method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string, signature: string): boolean {
  const want = Buffer.from(signRequest(secret, method, pathWithQuery, timestamp, nonce, body), 'hex');
  const got = /^[0-9a-f]{64}$/i.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  return got.length === want.length && timingSafeEqual(got, want);
}

/** Problems with the timestamp and nonce headers, before any lookup. */
export function checkFreshness(timestamp: string | undefined, nonce: string | undefined, now = Date.now()): 'ok' | 'malformed' | 'expired' {
  if (!timestamp || !/^\d{9,11}$/.test(timestamp) || !nonce || !/^[A-Za-z0-9_-]{8,64}$/.test(nonce)) return 'malformed';
  return Math.abs(now / 1000 - Number(timestamp)) > MAX_SKEW_SECONDS ? 'expired' : 'ok';
}
