import type { InjectOptions } from 'fastify';
import type { Role } from '../../common/roles.ts';
import type { ClientCreds } from './app.ts';
import type { Fixture, Target } from './fixture.ts';

/** Who calls: a role (logged in as the fixture account of that role, granted at T1) or nobody. */
export type Caller = Role | 'anonymous';

/** Every target a scoped route is tried against. */
export const TARGETS: Target[] = ['own', 'child', 'sibling', 'ancestor', 'otherCounty'];

/** Builds the request of a case for a target. `n` is unique per request (for unique names). */
export type RequestBuilder = (f: MatrixFixture, target: Target, n: number) => InjectOptions;

/** Expected status per caller, per target (or one status for every target). */
export type Expectation = Partial<Record<Caller, number | Partial<Record<Target, number>>>>;

/** What a reply check sees: the status, the headers and the body (for a stream, its first chunk). */
export type Reply = { statusCode: number; headers: Record<string, unknown>; body: string };

/** A check of a reply beyond its status: returns what is wrong, or nothing. */
export type ReplyCheck = (res: Reply, caller: Caller, target: Target) => string | undefined;

/** One row group of the authorization matrix: a route, how to call it, what each caller gets. */
export type MatrixCase = {
  /** "METHOD /url/:param" exactly as registered. */
  route: string;
  /** Instead of one exact route, every registered route this matches (static web files). */
  match?: (route: string) => boolean;
  /** Log in afresh for each call (the call ends the session, e.g. logout). */
  fresh?: boolean;
  request: RequestBuilder;
  /** Callers not listed expect `otherwise` (403 by default; 401 for anonymous). */
  expect: Expectation;
  /** Status for roles not listed (default 403). */
  otherwise?: number;
  /** Targets to try (default all five; unscoped routes use ['own']). */
  targets?: Target[];
  /** The API client that signs the calls of `api_client` (default: the matrix client at T1, named on two other routes). */
  client?: (f: MatrixFixture) => ClientCreds;
  /** Checks each reply beyond its status (e.g. `errorCodes`), after the status matched. */
  check?: ReplyCheck;
  /**
   * The route answers an endless event stream: the harness reads the status, the headers and the
   * first chunk, then hangs up. A 2xx answer must be `text/event-stream`.
   */
  stream?: boolean;
};

/** The fixture plus per-target accounts and grants used by account and grant routes. */
export type MatrixFixture = Fixture & {
  targetAccount: Record<Target, string>;
  targetGrant: Record<Target, string>;
  targetClient: Record<Target, string>;
  /** A member at each target organization (with a login and a decided correction request). */
  targetMember: Record<Target, string>;
  targetCorrection: Record<Target, string>;
};

/** In-scope targets succeed, the rest are 404 exactly like missing ids (SECURITY.md 2). */
export const inScope = (ok: number) => ({ own: ok, child: ok, sibling: 404, ancestor: 404, otherCounty: 404 });

/** Expectation for roles allowed a scoped route: given roles get inScope(ok). */
export function scoped(roles: Role[], ok = 200): Expectation {
  return Object.fromEntries(roles.map((r) => [r, inScope(ok)]));
}

/** Expectation where the listed roles get `ok` whatever the target. */
export function allowed(roles: Role[], ok = 200): Expectation {
  return Object.fromEntries(roles.map((r) => [r, ok]));
}

/** The expected status of one call. */
export function expected(c: MatrixCase, caller: Caller, target: Target): number {
  const e = c.expect[caller];
  if (e === undefined) return caller === 'anonymous' ? 401 : (c.otherwise ?? 403);
  if (typeof e === 'number') return e;
  const v = e[target];
  if (v === undefined) throw new Error(`${c.route}: no expectation for ${caller} on ${target}`);
  return v;
}

/** Expected error codes per caller, per target (or one code for every target); absent: not checked. */
export type CodeExpectation = Partial<Record<Caller, string | Partial<Record<Target, string>>>>;

/**
 * A check that a reply carries the expected error code (`error.code`, or what `pick` reads from
 * the body, e.g. a batch item's code) where one is given.
 */
export function errorCodes(codes: CodeExpectation, pick: (body: unknown) => unknown = (b) => (b as { error?: { code?: string } } | null)?.error?.code): ReplyCheck {
  return (res, caller, target) => {
    const e = codes[caller];
    const want = typeof e === 'string' ? e : e?.[target];
    if (want === undefined) return undefined;
    let got: unknown;
    try {
      got = pick(JSON.parse(res.body));
    } catch {
      got = undefined;
    }
    return got === want ? undefined : `code ${String(got)}, want ${want}`;
  };
}

/** Shorthand for a JSON request. */
export const req = (method: InjectOptions['method'], url: string, payload?: unknown): InjectOptions =>
  payload === undefined ? { method, url } : { method, url, payload: payload as InjectOptions['payload'] };
