import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { label } from '../../core/i18n/labels.ts';
import { PageQuery, limitOffset, pageOf } from '../../core/http/pagination.ts';
import { jobs } from '../../core/jobs/jobs.tables.ts';
import { defineModule } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';

const STATUSES = ['pending', 'running', 'done', 'failed'] as const;
const JobDto = z.object({
  id: z.number().int(),
  name: z.string(),
  status: z.enum(STATUSES),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const JobFilter = z.strictObject({ status: z.enum(STATUSES).optional() });
const JobQuery = PageQuery.extend(JobFilter.shape);

const HEADERS = {
  'zh-CN': { title: '后台任务', id: '编号', name: '任务', status: '状态', attempts: '尝试次数', runAt: '计划时间', error: '最近错误', finished: '完成时间' },
  en: { title: 'Background jobs', id: 'Id', name: 'Job', status: 'Status', attempts: 'Attempts', runAt: 'Run at', error: 'Last error', finished: 'Finished' },
} as const;

/** Jobs are node-local operational data (no personal data): no organization scope applies. */
function jobsRepo(services: Services, status?: (typeof STATUSES)[number]) {
  const where = status ? eq(jobs.status, status) : undefined;
  return {
    async list(limit: number, offset: number) {
      const rows = await services.db.select().from(jobs).where(where).orderBy(desc(jobs.id)).limit(limit).offset(offset);
      return rows.map((j) => ({ ...j, id: Number(j.id), runAt: j.runAt.toISOString(), createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null }));
    },
    async count() {
      const [{ n }] = await services.db.select({ n: sql<number>`count(*)::int` }).from(jobs).where(where);
      return n;
    },
  };
}

/** The daily purge of old finished jobs (03:30 Asia/Shanghai). */
export const PURGE_JOB = 'jobs.purge';

/** 后台任务: the system administrator watches the job outbox; finished jobs are kept JOB_RETENTION_DAYS days. */
export const jobsModule = defineModule({
  name: 'jobs',
  jobs(services) {
    services.jobs.handle(PURGE_JOB, async () => {
      const n = await services.jobs.purgeDone();
      if (n > 0) services.log.info({ deleted: n }, 'old finished jobs deleted');
    });
    services.jobs.schedule({ name: PURGE_JOB, cron: '30 3 * * *', job: PURGE_JOB });
  },
  permissions: {
    'job.read': { description: 'See background jobs', roles: ['system_admin'] },
    'job.export': { description: 'Export the job list to Excel', roles: ['system_admin'] },
  },
  routes(app, services) {
    app.get(
      '/api/system/jobs',
      { config: { access: 'job.read' }, schema: { tags: ['system'], summary: 'Background jobs', querystring: JobQuery, response: { 200: pageOf(JobDto) } } },
      async (req) => {
        const repo = jobsRepo(services, req.query.status);
        const { limit, offset } = limitOffset(req.query);
        const [items, total] = await Promise.all([repo.list(limit, offset), repo.count()]);
        return { items, total };
      },
    );
    app.get(
      '/api/system/jobs/export',
      { config: { access: 'job.export' }, schema: { tags: ['system'], summary: 'Export background jobs to Excel', querystring: JobFilter } },
      async (req, reply) => {
        const repo = jobsRepo(services, req.query.status);
        const h = HEADERS[req.ctx.lang];
        return exportXlsx(req.ctx, reply, {
          name: 'jobs',
          title: h.title,
          filters: req.query,
          count: () => repo.count(),
          rows: (limit) => repo.list(limit, 0),
          columns: [
            { header: h.id, value: (j) => j.id, width: 8 },
            { header: h.name, value: (j) => j.name, width: 28 },
            { header: h.status, value: (j) => label(req.ctx.lang, 'job', j.status), width: 10 },
            { header: h.attempts, value: (j) => `${j.attempts}/${j.maxAttempts}`, width: 10 },
            { header: h.runAt, value: (j) => shanghaiTime(j.runAt), width: 20 },
            { header: h.error, value: (j) => j.lastError, width: 40 },
            { header: h.finished, value: (j) => shanghaiTime(j.finishedAt), width: 20 },
          ],
        });
      },
    );
  },
});
