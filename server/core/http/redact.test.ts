import { describe, expect, it } from 'vitest';
import { redactedError } from './error-handler.ts';

describe('error log redaction', () => {
  it('drops the parameters a database error quotes', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' });
    const e = new Error('Failed query: insert into "sessions" values ($1, $2)\nparams: 9f2c…token,330522199001011234', { cause });
    const r = redactedError(e);
    const text = JSON.stringify(r);
    expect(text).not.toContain('330522199001011234');
    expect(text).not.toContain('token');
    expect(r.message).toContain('Failed query: insert into "sessions"');
    expect(r.cause?.code).toBe('23505');
  });
});
