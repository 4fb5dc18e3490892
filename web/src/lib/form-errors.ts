// Maps the server's field errors (`fields[].path`) onto an antd form.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';

/** Sets field errors on `form` for the fields it knows; returns true when every error found a field. */
export function applyFieldErrors(form: FormInstance, names: readonly string[], err: unknown): boolean {
  if (!(err instanceof ApiError) || !err.fields.length) return false;
  const known = err.fields.filter((f) => names.includes(f.path.split('.').pop() ?? ''));
  form.setFields(known.map((f) => ({ name: f.path.split('.').pop() ?? f.path, errors: [f.message] })));
  return known.length === err.fields.length;
}
