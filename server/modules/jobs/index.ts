import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { jobs } from '../../core/jobs/jobs.tables.ts';
import { PageQuery, limitOffset, pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';

const JobDto = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(['pending', 'running', 'done', 'failed']),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const JobQuery = PageQuery.extend({ status: z.enum(['pending', 'running', 'done', 'failed']).optional() });

/** 后台任务: the system administrator watches the job outbox (jobs carry no personal data). */
export const jobsModule = defineModule({
  name: 'jobs',
  permissions: { 'job.read': { description: 'See background jobs', roles: ['system_admin'] } },
  routes(app, services) {
    app.get(
      '/api/system/jobs',
      { config: { access: 'job.read' }, schema: { tags: ['system'], summary: 'Background jobs', querystring: JobQuery, response: { 200: pageOf(JobDto) } } },
      async (req) => {
        const where = req.query.status ? eq(jobs.status, req.query.status) : undefined;
        const { limit, offset } = limitOffset(req.query);
        const rows = await services.db.select().from(jobs).where(where).orderBy(desc(jobs.id)).limit(limit).offset(offset);
        const [{ n }] = await services.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(where);
        return {
          items: rows.map((j) => ({ ...j, id: Number(j.id), runAt: j.runAt.toISOString(), createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null })),
          total: n,
        };
      },
    );
  },
});
