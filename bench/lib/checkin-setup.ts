// Shared set-up of the check-in benchmarks: a kiosk bound to the county, one 主题党日 open now for
// every organization that has members (≈ 1,660 in the demo county), and the members with cards.
import { randomBytes } from 'node:crypto';
import { signRequest } from '../../server/modules/api-clients/signing.ts';

export type Kiosk = { keyId: string; secret: string };
export type CardHolder = { id: string; orgId: string; cardNo: string };
export type Burst = { cookie: Session; kiosk: Kiosk; activityOf: Map<string, string>; activities: string[]; members: CardHolder[] };

const say = (s: string) => process.stdout.write(`${s}\n`);

/** A console session: the session cookie and the CSRF token state-changing calls must echo. */
export type Session = { cookie: string; csrf: string };

export async function api<T>(port: number, s: Session, method: string, url: string, body?: unknown): Promise<{ status: number; json: T }> {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as T };
}

/** Signed headers of a kiosk request (docs/API-CLIENTS.md). */
export function signedHeaders(k: Kiosk, method: string, path: string, body: string) {
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = randomBytes(12).toString('base64url');
  return {
    'content-type': 'application/json',
    'x-hy-client': k.keyId,
    'x-hy-timestamp': ts,
    'x-hy-nonce': nonce,
    'x-hy-signature': signRequest(k.secret, method, path, ts, nonce, body),
  };
}

/** One signed kiosk call. */
export async function kioskCall<T>(port: number, k: Kiosk, method: string, path: string, body: unknown) {
  const text = JSON.stringify(body);
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: signedHeaders(k, method, path, text), body: text });
  return { status: res.status, json: (await res.json()) as T };
}

/** Runs `fn` over `items` with `n` in flight. */
export async function pool<T>(items: T[], n: number, fn: (t: T) => Promise<void>) {
  let i = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (i < items.length) await fn(items[i++]);
  }));
}

/** Logs in as county.admin. */
export async function consoleSession(port: number): Promise<Session> {
  const res = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county.admin', password: 'Hongyun@2026' }),
  });
  const me = (await res.json()) as { csrfToken?: string };
  const sid = res.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('hy_sid='));
  if (res.status !== 200 || !sid || !me.csrfToken) throw new Error(`demo login failed: ${res.status}`);
  return { cookie: sid, csrf: me.csrfToken };
}

/** Logs in as county.admin, registers kiosks, opens a 主题党日 per organization with members, lists the card holders. */
export async function prepareBurst(port: number, kiosks = 1): Promise<Burst> {
  const cookie = await consoleSession(port);
  const tree = await api<{ items: { id: string }[] }>(port, cookie, 'GET', '/api/orgs/tree');
  const root = tree.json.items[0].id;
  const ks: Kiosk[] = [];
  for (let i = 0; i < kiosks; i++) {
    const d = await api<{ keyId: string; secret: string }>(port, cookie, 'POST', '/api/checkin-devices', { name: `压测签到机${i + 1}`, orgId: root, place: '县委党校' });
    if (d.status !== 201) throw new Error(`kiosk registration: ${d.status} ${JSON.stringify(d.json)}`);
    ks.push({ keyId: d.json.keyId, secret: d.json.secret });
  }
  const t0 = performance.now();
  const members: CardHolder[] = [];
  for (let page = 1; ; page++) {
    const r = await api<{ items: { id: string; orgId: string; cardNo: string | null; standing: string }[]; total: number }>(port, cookie, 'GET', `/api/members?page=${page}&pageSize=100&sort=joinedOn`);
    for (const m of r.json.items) if (m.cardNo && ['normal', 'retained', 'restored'].includes(m.standing)) members.push({ id: m.id, orgId: m.orgId, cardNo: m.cardNo });
    if (r.json.items.length < 100) break;
  }
  say(`  ${members.length} members with cards listed in ${Math.round(performance.now() - t0)} ms`);
  const orgIds = [...new Set(members.map((m) => m.orgId))];
  const activityOf = new Map<string, string>();
  const now = Date.now();
  const t1 = performance.now();
  await pool(orgIds, 8, async (orgId) => {
    const r = await api<{ id: string }>(port, cookie, 'POST', '/api/activities', {
      orgId,
      type: 'theme_day',
      title: '主题党日（压测）',
      startsAt: new Date(now - 10 * 60_000).toISOString(),
      endsAt: new Date(now + 3 * 3_600_000).toISOString(),
    });
    if (r.status === 201) activityOf.set(orgId, r.json.id);
  });
  say(`  ${activityOf.size} 主题党日 opened in ${Math.round(performance.now() - t1)} ms`);
  return { cookie, kiosk: ks[0], activityOf, activities: [...activityOf.values()], members: members.filter((m) => activityOf.has(m.orgId)), ...(kiosks > 1 ? { kiosks: ks } : {}) } as Burst & { kiosks?: Kiosk[] };
}

/** The sum of the check-in counters of the given activities (what the server says it stored). */
export async function storedCheckins(port: number, cookie: Session, ids: ReadonlySet<string>) {
  let total = 0;
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  for (let page = 1; ; page++) {
    const r = await api<{ items: { id: string; presentCount: number; guestCount: number }[] }>(port, cookie, 'GET', `/api/activities?type=theme_day&from=${today}&page=${page}&pageSize=100`);
    for (const a of r.json.items) if (ids.has(a.id)) total += a.presentCount + a.guestCount;
    if (r.json.items.length < 100) break;
  }
  return total;
}

/**
 * The rollup's lag behind the burst's last check-in (issue 6: < 60 s): the county's activity summary of
 * today is read every second from `endedAt` until it has not changed for `settleS` seconds (at most
 * `windowS`); the lag is when it first showed its final value. Returns null when it never settled.
 */
export async function rollupLag(port: number, s: Session, endedAt: number, windowS = 180, settleS = 75): Promise<{ lagMs: number; changes: number } | null> {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const url = `/api/supervision/activity-summary?groupBy=day&from=${today}&to=${today}`;
  type T = { totals: { held: number; obliged: number; attended: number; guests: number } };
  let last = '';
  let firstSeen = endedAt;
  let changes = 0;
  while (Date.now() - endedAt < windowS * 1000) {
    const r = await api<T>(port, s, 'GET', url);
    const v = JSON.stringify(r.json.totals);
    const now = Date.now();
    if (v !== last) {
      if (last !== '') changes++;
      last = v;
      firstSeen = now;
    } else if (now - firstSeen >= settleS * 1000) return { lagMs: Math.max(0, firstSeen - endedAt), changes };
    await new Promise((res) => setTimeout(res, 1000));
  }
  return null;
}
