// The kiosk's calls to the server, signed as an API client (no session, no cookies). A request that
// never reaches the server throws KioskOffline; an answer with an error status throws KioskRefused.
import { type DeviceCredential, signedHeaders } from './kiosk-signing';

/** The server could not be reached (network down, server stopped): the scan goes to the offline queue. */
export class KioskOffline extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KioskOffline';
  }
}

/** The server answered with an error (`code` such as CHECKIN_CARD_REVOKED or SIGNATURE_INVALID). */
export class KioskRefused extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'KioskRefused';
    this.status = status;
    this.code = code;
  }
}

/** A fetch function (the browser's, or a fake in tests). */
export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

/** Reads `{ error: { code, message } }` (the API's error shape) or `{ code, message }`. */
async function refusal(res: Response): Promise<KioskRefused> {
  try {
    const body = (await res.json()) as { code?: string; message?: string; error?: { code?: string; message?: string } };
    const e = body.error ?? body;
    if (e?.code) return new KioskRefused(res.status, e.code, e.message ?? e.code);
  } catch {
    // Not JSON (a proxy's error page): the status alone.
  }
  return new KioskRefused(res.status, `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`);
}

/** A proxy or gateway answering for a server that is down counts as offline too. */
const GATEWAY_DOWN = new Set([502, 503, 504]);

/** Signed JSON calls to one server (`base` '' for the same origin). */
export function kioskClient(credential: DeviceCredential, base = '', fetcher: Fetch = (i, init) => fetch(i, init)) {
  async function call<T>(method: 'GET' | 'POST', pathWithQuery: string, payload?: unknown, signal?: AbortSignal): Promise<{ status: number; body: T }> {
    const body = payload === undefined ? '' : JSON.stringify(payload);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(await signedHeaders(credential, method, pathWithQuery, body)),
    };
    if (payload !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetcher(base + pathWithQuery, {
        method,
        headers,
        body: payload === undefined ? undefined : body,
        credentials: 'omit',
        cache: 'no-store',
        signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new KioskOffline(err instanceof Error ? err.message : String(err));
    }
    if (GATEWAY_DOWN.has(res.status)) throw new KioskOffline(`HTTP ${res.status}`);
    if (!res.ok) throw await refusal(res);
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
  return {
    get: <T>(p: string, signal?: AbortSignal) => call<T>('GET', p, undefined, signal).then((r) => r.body),
    post: <T>(p: string, payload: unknown, signal?: AbortSignal) => call<T>('POST', p, payload, signal),
  };
}

/** The client type. */
export type KioskClient = ReturnType<typeof kioskClient>;

/** A public call (the county's public keys): no signature. */
export async function publicGet<T>(pathWithQuery: string, base = '', fetcher: Fetch = (i, init) => fetch(i, init)): Promise<T> {
  let res: Response;
  try {
    res = await fetcher(base + pathWithQuery, { method: 'GET', headers: { accept: 'application/json' }, credentials: 'omit', cache: 'no-store' });
  } catch (err) {
    throw new KioskOffline(err instanceof Error ? err.message : String(err));
  }
  if (GATEWAY_DOWN.has(res.status)) throw new KioskOffline(`HTTP ${res.status}`);
  if (!res.ok) throw await refusal(res);
  return (await res.json()) as T;
}
