import { and, eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import type { Role } from '../../../common/roles.ts';
import { type Actor, permissionsFromGrants } from '../../core/access/context.ts';
import { decryptField } from '../../core/crypto/field-crypto.ts';
import { Batcher } from '../../core/db/batcher.ts';
import { pgArray } from '../../core/db/pg-array.ts';
import { AppError } from '../../core/errors/app-error.ts';
import type { Services } from '../../core/services.ts';
import { organizations } from '../orgs/orgs.tables.ts';
import { apiClients } from './api-clients.tables.ts';
import { HEADERS, checkFreshness, signatureMatches } from './signing.ts';

type Loaded = { actor: Actor; secret: string; countyCode: string; clientId: string; loadedAt: number };
const RECHECK_MS = 5_000;

const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Authenticates signed API-client requests: the key id names the client (cached for 5 s), the
 * timestamp must be within 5 minutes, the signature must cover method, path, timestamp, nonce and
 * body, and each nonce works once (a row in api_nonces; a second insert is a replay).
 */
export class ClientStore {
  private cache = new Map<string, Loaded>();
  /** Nonces of concurrent requests are stored together (one insert per flush, see Batcher). */
  private readonly nonces: Batcher<{ countyCode: string; clientId: string; nonce: string }, boolean>;

  constructor(private readonly services: Services) {
    this.nonces = new Batcher(async (items) => {
      // One statement: store the nonces, and mark the clients used (at most once a minute each).
      const rows = await this.services.database.query<{ k: string }>(
        `WITH ins AS (
           INSERT INTO api_nonces (county_code, client_id, nonce) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[])
           ON CONFLICT DO NOTHING RETURNING county_code, client_id, nonce),
         used AS (
           UPDATE api_clients c SET last_used_at = now()
             FROM (SELECT DISTINCT county_code, client_id FROM ins) u
            WHERE c.county_code = u.county_code AND c.id = u.client_id AND (c.last_used_at IS NULL OR c.last_used_at < now() - interval '1 minute')
           RETURNING c.id)
         SELECT county_code || '|' || client_id || '|' || nonce AS k FROM ins`,
        [pgArray(items.map((i) => i.countyCode)), pgArray(items.map((i) => i.clientId)), pgArray(items.map((i) => i.nonce))],
        'api_nonces_store',
      );
      const fresh = new Set(rows.map((r) => r.k));
      // The first of two equal nonces in one batch is the one stored; the second is a replay.
      return items.map((i) => fresh.delete(`${i.countyCode}|${i.clientId}|${i.nonce}`));
    }, 1000);
  }

  /** Forgets a client (status change, secret rotation). */
  drop(keyId: string) {
    this.cache.delete(keyId);
  }

  /** The gate's authenticator for requests that carry X-HY-Client. */
  async authenticate(req: FastifyRequest): Promise<Actor | null> {
    const keyId = header(req, HEADERS.client);
    if (!keyId || keyId.length > 64) throw new AppError(401, 'SIGNATURE_INVALID');
    const fresh = checkFreshness(header(req, HEADERS.timestamp), header(req, HEADERS.nonce));
    if (fresh === 'malformed') throw new AppError(401, 'SIGNATURE_INVALID');
    if (fresh === 'expired') throw new AppError(401, 'SIGNATURE_EXPIRED');
    let c = this.cache.get(keyId);
    if (!c || Date.now() - c.loadedAt > RECHECK_MS) {
      c = (await this.load(keyId)) ?? undefined;
      if (!c) {
        this.cache.delete(keyId);
        throw new AppError(401, 'SIGNATURE_INVALID');
      }
      this.cache.set(keyId, c);
    }
    return c.actor;
  }

  private async load(keyId: string): Promise<Loaded | null> {
    const [r] = await this.services.db
      .select({ c: apiClients, orgPath: organizations.path, orgName: organizations.name })
      .from(apiClients)
      .innerJoin(organizations, and(eq(organizations.countyCode, apiClients.countyCode), eq(organizations.id, apiClients.orgId)))
      .where(eq(apiClients.keyId, keyId))
      .limit(1);
    if (r?.c.status !== 'active') return null;
    const secret = decryptField(this.services.keys, r.c.secretEnc);
    const grants = [{ id: r.c.id, role: 'api_client' as Role, orgId: r.c.orgId, orgPath: r.orgPath, orgName: r.orgName }];
    const loaded: Loaded = { secret, countyCode: r.c.countyCode, clientId: r.c.id, loadedAt: Date.now(), actor: null as unknown as Actor };
    loaded.actor = {
      accountId: r.c.id,
      countyCode: r.c.countyCode,
      username: `client:${r.c.name}`,
      displayName: r.c.name,
      kind: 'api_client',
      orgId: r.c.orgId,
      memberId: null,
      grants,
      roles: ['api_client'],
      permissions: permissionsFromGrants(grants),
      restricted: null,
      sessionId: '',
      csrfToken: '',
      flags: { mustChangePassword: false, totpEnabled: false, isDemo: false },
      client: { routes: new Set(r.c.routes), verify: (req) => this.verify(req, loaded) },
    };
    return loaded;
  }

  private async verify(req: FastifyRequest, c: Loaded) {
    const ts = header(req, HEADERS.timestamp) ?? '';
    const nonce = header(req, HEADERS.nonce) ?? '';
    const sig = header(req, HEADERS.signature) ?? '';
    if (!signatureMatches(c.secret, req.method, req.url, ts, nonce, req.rawBody ?? '', sig)) throw new AppError(401, 'SIGNATURE_INVALID');
    if (!(await this.nonces.push({ countyCode: c.countyCode, clientId: c.clientId, nonce }))) throw new AppError(401, 'REPLAYED');
  }
}
