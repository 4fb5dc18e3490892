import { describe, expect, it } from 'vitest';
import { canonicalRequest, checkFreshness, signRequest, signatureMatches } from './signing.ts';

describe('request signing', () => {
  const secret = 's3cr3t-key';
  it('covers method, path with query, timestamp, nonce and body', () => {
    const base = signRequest(secret, 'POST', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":1}');
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(signRequest(secret, 'GET', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":1}')).not.toBe(base);
    expect(signRequest(secret, 'POST', '/api/x?a=2', '1795849829', 'nonce-0001', '{"a":1}')).not.toBe(base);
    expect(signRequest(secret, 'POST', '/api/x?a=1', '1795849830', 'nonce-0001', '{"a":1}')).not.toBe(base);
    expect(signRequest(secret, 'POST', '/api/x?a=1', '1795849829', 'nonce-0002', '{"a":1}')).not.toBe(base);
    expect(signRequest(secret, 'POST', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":2}')).not.toBe(base);
    expect(signatureMatches(secret, 'POST', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":1}', base)).toBe(true);
    expect(signatureMatches('other', 'POST', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":1}', base)).toBe(false);
    expect(signatureMatches(secret, 'POST', '/api/x?a=1', '1795849829', 'nonce-0001', '{"a":1}', 'zz')).toBe(false);
  });
  it('has the documented canonical form', () => {
    expect(canonicalRequest('get', '/api/h', '1', 'n', '')).toBe('GET\n/api/h\n1\nn\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('refuses malformed and stale timestamps and nonces', () => {
    const now = 1_795_849_829_000;
    expect(checkFreshness('1795849829', 'abcdefgh', now)).toBe('ok');
    expect(checkFreshness('1795849529', 'abcdefgh', now)).toBe('ok');
    expect(checkFreshness('1795849528', 'abcdefgh', now)).toBe('expired');
    expect(checkFreshness('1795850130', 'abcdefgh', now)).toBe('expired');
    expect(checkFreshness('17958x9829', 'abcdefgh', now)).toBe('malformed');
    expect(checkFreshness('1795849829', 'short', now)).toBe('malformed');
    expect(checkFreshness(undefined, 'abcdefgh', now)).toBe('malformed');
  });
});
