import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';

// SECURITY.md 21: CSP without inline scripts, nosniff, frame-ancestors 'none', HSTS behind TLS,
// Cache-Control: no-store on API answers (they carry personal data).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // antd renders CSS-in-JS <style> tags; inline styles are allowed, inline scripts are not.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Adds the security headers to every answer. */
export function installSecurityHeaders(app: FastifyInstance, config: Config) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('content-security-policy', CSP);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(self), microphone=(self), geolocation=(self)');
    if (config.secureCookies) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
