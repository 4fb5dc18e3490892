// Signs the kiosk's requests as an API client (docs/API-CLIENTS.md) with WebCrypto: the same canonical
// form as server/modules/api-clients/signing.ts —
//   hex(HMAC-SHA256(secret, METHOD \n path?query \n timestamp \n nonce \n hex(SHA-256(body))))

/** The device's credential, from its registration. */
export type DeviceCredential = { keyId: string; secret: string };

const encoder = new TextEncoder();

const hex = (buf: ArrayBuffer) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');

/** Lower-case hex SHA-256 of a UTF-8 string. */
export async function sha256Hex(text: string): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}

/** The string that is signed. */
export async function canonicalRequest(method: string, pathWithQuery: string, timestamp: string, nonce: string, body: string): Promise<string> {
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, await sha256Hex(body)].join('\n');
}

/** Lower-case hex HMAC-SHA256 of the canonical request under the secret (its UTF-8 bytes). */
export async function signRequest(
  secret: string,
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body = '',
): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const canonical = await canonicalRequest(method, pathWithQuery, timestamp, nonce, body);
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(canonical)));
}

/** A fresh request nonce (8–64 of [A-Za-z0-9_-]; a UUID has 36). */
export const requestNonce = () => crypto.randomUUID();

/** The four X-HY-* headers of one request; `now` in milliseconds. */
export async function signedHeaders(
  credential: DeviceCredential,
  method: string,
  pathWithQuery: string,
  body = '',
  now = Date.now(),
  nonce = requestNonce(),
): Promise<Record<string, string>> {
  const timestamp = String(Math.floor(now / 1000));
  return {
    'X-HY-Client': credential.keyId,
    'X-HY-Timestamp': timestamp,
    'X-HY-Nonce': nonce,
    'X-HY-Signature': await signRequest(credential.secret, method, pathWithQuery, timestamp, nonce, body),
  };
}
