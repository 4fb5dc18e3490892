import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { App } from '../module.ts';

/** The OpenAPI document's header. */
export const OPENAPI_INFO = {
  title: '红云 Hongyun API',
  description: '智慧党建云平台 — smart Party-building cloud platform. Errors: { error: { code, message, fields? } }.',
  version: '0.1.0',
};

/** Registers OpenAPI generation (from the zod schemas) and serves /api/openapi.json and /api/docs. */
export async function installOpenApi(app: App) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: OPENAPI_INFO,
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hy_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
    hideUntagged: false,
  });
  app.get(
    '/api/openapi.json',
    { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );
  // The docs UI is public: its routes get `access: public` inside this encapsulated scope.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (r) => {
      r.config = { ...(r.config ?? {}), access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: false });
  });
}
