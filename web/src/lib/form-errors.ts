// Maps the server's field errors (`fields[].path`) onto an antd form.
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from '../api/client';

const LOCATIONS = new Set(['body', 'query', 'params']);

/** The form field a server path names: `body.username` → `username`, `body.routes.2` → `routes`. */
export function fieldOf(path: string): string {
  const parts = path.split('.');
  return parts.length > 1 && LOCATIONS.has(parts[0]) ? parts[1] : parts[0];
}

/**
 * Sets field errors on `form` for the fields it knows (several errors on one field, such as items of a
 * list, are shown together); `describe` may replace a server message. Returns true when every error
 * found a field.
 */
export function applyFieldErrors(
  form: FormInstance,
  names: readonly string[],
  err: unknown,
  describe?: (field: FieldError) => string | undefined,
): boolean {
  if (!(err instanceof ApiError) || !err.fields.length) return false;
  const byName = new Map<string, string[]>();
  for (const f of err.fields) {
    const name = fieldOf(f.path);
    if (!names.includes(name)) continue;
    byName.set(name, [...(byName.get(name) ?? []), describe?.(f) ?? f.message]);
  }
  form.setFields([...byName].map(([name, errors]) => ({ name, errors })));
  return err.fields.every((f) => names.includes(fieldOf(f.path)));
}
