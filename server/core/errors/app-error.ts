import type { ErrorCode } from './messages.ts';

/** A field-level problem, named by its path. */
export type FieldProblem = { path: string; code: string; message?: string; params?: Record<string, unknown> };

/** The one error type handlers throw; the error handler renders it with a localized message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly fields?: FieldProblem[],
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

/** 404 for missing and out-of-scope ids alike. */
export const notFound = () => new AppError(404, 'NOT_FOUND');
/** 403 for a missing permission. */
export const forbidden = (code: ErrorCode = 'FORBIDDEN') => new AppError(403, code);
/** 400 naming fields. */
export const badRequest = (code: ErrorCode, fields?: FieldProblem[], params?: Record<string, unknown>) =>
  new AppError(400, code, params, fields);
/** 409 for a uniqueness or state conflict. */
export const conflict = (code: ErrorCode = 'CONFLICT', params: Record<string, unknown> = {}) =>
  new AppError(409, code, params);
