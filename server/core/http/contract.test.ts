import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT_FILE, currentContract } from './write-contract.ts';

describe('API contract', () => {
  it('the committed contract/openapi.json matches the code (run `npm run contract` after changing a route)', async () => {
    const current = await currentContract();
    expect(fs.existsSync(CONTRACT_FILE)).toBe(true);
    expect(JSON.parse(fs.readFileSync(CONTRACT_FILE, 'utf8'))).toEqual(JSON.parse(current));
  });
  it('documents every API route with its schemas', async () => {
    const doc = JSON.parse(await currentContract());
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/orgs/{id}', '/api/audit/logs']));
    expect(doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required).toEqual(['username', 'password']);
  });
});
