import { z } from 'zod';
import { defineModule } from '../../core/module.ts';

/** The health answer. */
export const HealthDto = z.object({
  status: z.literal('ok'),
  db: z.enum(['pglite', 'postgres']),
  version: z.string(),
  mode: z.enum(['demo', 'production']),
  county: z.object({ code: z.string(), name: z.string() }),
});

/** GET /api/health: is the process up and the database answering. */
export const healthModule = defineModule({
  name: 'health',
  routes(app, services) {
    app.get(
      '/api/health',
      { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Health check', response: { 200: HealthDto } } },
      async () => {
        await services.database.query('SELECT 1');
        const c = services.config;
        return { status: 'ok' as const, db: services.database.engine, version: c.version, mode: c.mode, county: { code: c.countyCode, name: c.countyName } };
      },
    );
  },
});
