import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type FieldProblem } from '../errors/app-error.ts';
import { type ErrorCode, type Lang, errorMessage, fieldMessage, pickLang } from '../errors/messages.ts';

/** The language of a request (the context may not exist yet when parsing failed). */
export function langOf(req: FastifyRequest): Lang {
  return req.ctx?.lang ?? pickLang(req.cookies?.hy_lang, req.headers['accept-language']);
}

/** Sends the one error shape: { error: { code, message, fields? } }. */
export function sendError(reply: FastifyReply, req: FastifyRequest, e: AppError) {
  const lang = langOf(req);
  const fields = e.fields?.map((f) => ({
    path: f.path,
    code: f.code,
    message: f.message ?? fieldMessage(f.code, lang, f.params),
  }));
  if (e.headers) reply.headers(e.headers);
  return reply
    .status(e.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: e.code, message: errorMessage(e.code, lang, e.params), ...(fields ? { fields } : {}) } });
}

type Validation = { keyword: string; instancePath: string; params: Record<string, unknown> };

/** The value at a JSON-pointer-like path ("/a/0/b"), or undefined. */
function valueAt(input: unknown, pointer: string): unknown {
  let cur = input;
  for (const k of pointer.split('/').filter(Boolean)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/**
 * Turns zod issues into named field problems; unknown keys become one problem per key. `input` is
 * the validated data: a type error on a value that is absent there is reported as `required`
 * (zod does not put the input in its issues).
 */
export function fieldsFromValidation(context: string | undefined, issues: Validation[], input?: unknown): FieldProblem[] {
  const base = context === 'querystring' ? 'query' : (context ?? 'body');
  const out: FieldProblem[] = [];
  for (const v of issues) {
    const path = [base, ...v.instancePath.split('/').filter(Boolean)].join('.');
    if (v.keyword === 'unrecognized_keys') {
      for (const k of (v.params.keys as string[]) ?? []) out.push({ path: `${path}.${k}`, code: 'unrecognized_keys' });
      continue;
    }
    const absent = input !== undefined && v.instancePath.split('/').some(Boolean) && valueAt(input, v.instancePath) === undefined;
    const missing = v.keyword === 'invalid_type' && (String(v.params.input ?? '') === 'undefined' || absent);
    out.push({ path, code: missing ? 'required' : v.keyword, params: v.params });
  }
  return out;
}

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'MALFORMED_JSON'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'BODY_TOO_LARGE'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'VALIDATION_FAILED'],
  FST_ERR_CTP_INVALID_TYPE: [415, 'UNSUPPORTED_MEDIA_TYPE'],
};

/** The path of the first string holding a NUL character, which PostgreSQL text cannot store. */
function nulAt(v: unknown, path: string): string | null {
  if (typeof v === 'string') return v.includes('\u0000') ? path : null;
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) {
      const p = nulAt(x, `${path}.${i}`);
      if (p) return p;
    }
  } else if (v !== null && typeof v === 'object' && !ArrayBuffer.isView(v) && typeof (v as { pipe?: unknown }).pipe !== 'function') {
    for (const [k, x] of Object.entries(v)) {
      const p = k.includes('\u0000') ? path : nulAt(x, `${path}.${k}`);
      if (p) return p;
    }
  }
  return null;
}

/**
 * Installs the error and not-found handlers: every error leaves with a stable code. The API takes
 * JSON only (text/plain answers 415 like any other type), and a NUL character anywhere in the
 * input answers 400 instead of failing in the database with a 500 (SECURITY.md 19).
 */
export function installErrorHandling(app: FastifyInstance) {
  app.removeContentTypeParser('text/plain');
  app.addHook('preValidation', async (req) => {
    const at = nulAt(req.params, 'params') ?? nulAt(req.query, 'query') ?? nulAt(req.body, 'body');
    if (at) throw new AppError(400, 'VALIDATION_FAILED', {}, [{ path: at, code: 'custom' }]);
  });
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(reply, req, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const ctx = err.validationContext;
      const input = ctx === 'querystring' ? req.query : ctx === 'params' ? req.params : ctx === 'headers' ? req.headers : req.body;
      const fields = fieldsFromValidation(ctx, err.validation as unknown as Validation[], input);
      const unknown = fields.filter((f) => f.code === 'unrecognized_keys');
      const code: ErrorCode = unknown.length > 0 ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED';
      return sendError(reply, req, new AppError(400, code, { field: unknown.map((f) => f.path).join(', ') }, fields));
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return sendError(reply, req, new AppError(mapped[0], mapped[1]));
    if (err instanceof SyntaxError || (err.statusCode === 400 && /JSON/i.test(err.message)))
      return sendError(reply, req, new AppError(400, 'MALFORMED_JSON'));
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      const code: ErrorCode = err.statusCode === 404 ? 'NOT_FOUND' : err.statusCode === 413 ? 'BODY_TOO_LARGE' : err.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED';
      return sendError(reply, req, new AppError(err.statusCode, code));
    }
    req.log.error({ err: redactedError(err) }, 'unhandled error');
    return sendError(reply, req, new AppError(500, 'INTERNAL'));
  });
}

/**
 * An error as it may be logged: database errors quote the statement's parameters (tokens, ID
 * numbers, hashes), so everything after "params:" is dropped (SECURITY.md 12).
 */
export function redactedError(err: Error & { code?: string }) {
  const clean = (m: string | undefined) => m?.replace(/params:[\s\S]*/, 'params: [redacted]');
  const cause = err.cause as (Error & { code?: string }) | undefined;
  return {
    type: err.name,
    code: err.code,
    message: clean(err.message),
    stack: clean(err.stack),
    cause: cause ? { type: cause.name, code: cause.code, message: clean(cause.message) } : undefined,
  };
}
