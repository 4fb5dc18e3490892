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

/** Turns zod issues into named field problems; unknown keys become one problem per key. */
export function fieldsFromValidation(context: string | undefined, issues: Validation[]): FieldProblem[] {
  const base = context === 'querystring' ? 'query' : (context ?? 'body');
  const out: FieldProblem[] = [];
  for (const v of issues) {
    const path = [base, ...v.instancePath.split('/').filter(Boolean)].join('.');
    if (v.keyword === 'unrecognized_keys') {
      for (const k of (v.params.keys as string[]) ?? []) out.push({ path: `${path}.${k}`, code: 'unrecognized_keys' });
      continue;
    }
    const missing = v.keyword === 'invalid_type' && String(v.params.input ?? '') === 'undefined';
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

/** Installs the error and not-found handlers: every error leaves with a stable code. */
export function installErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) return sendError(reply, req, err);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = fieldsFromValidation(err.validationContext, err.validation as unknown as Validation[]);
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
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, req, new AppError(500, 'INTERNAL'));
  });
}
