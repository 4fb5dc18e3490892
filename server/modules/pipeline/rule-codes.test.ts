import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from '../../core/errors/messages.ts';

// The pure rule functions in common/ return error codes as strings; each must have a Chinese and an
// English message, or the API would answer with the generic internal message.
describe('rule codes', () => {
  it('every code the pipeline rules can return has messages in both languages', () => {
    const src = fs.readFileSync(path.resolve(import.meta.dirname, '../../../common/pipeline-rules.ts'), 'utf8');
    const codes = new Set([...src.matchAll(/['"]((?:PIPELINE|DATE)_[A-Z_]+)['"]/g)].map((m) => m[1]));
    expect(codes.size).toBeGreaterThan(10);
    for (const c of codes) {
      const pair = (ERROR_MESSAGES as Record<string, readonly [string, string]>)[c];
      expect(pair, c).toBeDefined();
      expect(pair[0]).not.toBe(pair[1]);
    }
  });

  it('the ID number codes the application returns exist', () => {
    for (const e of ['FORMAT', 'BIRTH_DATE', 'CHECK_DIGIT']) expect(ERROR_MESSAGES).toHaveProperty(`ID_NUMBER_${e}`);
  });
});
