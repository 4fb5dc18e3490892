
import { verifyAudit } from '../../core/audit/verify.ts';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { label, roleLabels } from '../../core/i18n/labels.ts';
import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import { defineModule } from '../../core/module.ts';
import { EmptyBody } from '../auth/auth.schemas.ts';
import { auditRepo } from './audit.repo.ts';
import { AuditFilter, AuditListQuery, AuditRowDto, VerifyDto } from './audit.schemas.ts';
import { EXPORT_HEADERS } from './export-headers.ts';

type Row = Awaited<ReturnType<ReturnType<typeof auditRepo>['list']>>[number];
const dto = (r: Row) => ({ ...r, at: r.at.toISOString(), seq: Number(r.seq) });

/** 登录日志 and 操作日志 for the audit administrator: read-only, exportable, verifiable. */
export const auditModule = defineModule({
  name: 'audit',
  permissions: {
    'audit.read': { description: 'Read the audit trail (三员分立: the audit administrator only)', roles: ['audit_admin'] },
    'audit.export': { description: 'Export the audit trail to Excel', roles: ['audit_admin'] },
  },
  routes(app) {
    app.get(
      '/api/audit/logs',
      { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: 'Login log or operation log', querystring: AuditListQuery, response: { 200: pageOf(AuditRowDto) } } },
      async (req) => {
        const repo = auditRepo(req.ctx);
        const { limit, offset } = limitOffset(req.query);
        const [items, total] = await Promise.all([repo.list(req.query, limit, offset), repo.count(req.query)]);
        return { items: items.map(dto), total };
      },
    );
    app.get(
      '/api/audit/logs/export',
      { config: { access: 'audit.export' }, schema: { tags: ['audit'], summary: 'Export the log to Excel', querystring: AuditFilter } },
      async (req, reply) => {
        const repo = auditRepo(req.ctx);
        const h = EXPORT_HEADERS[req.ctx.lang];
        return exportXlsx(req.ctx, reply, {
          name: req.query.kind === 'login' ? 'login-log' : 'operation-log',
          title: req.query.kind === 'login' ? h.loginTitle : h.operationTitle,
          filters: req.query,
          count: () => repo.count(req.query),
          rows: (limit) => repo.list(req.query, limit),
          columns: [
            { header: h.seq, value: (r) => Number(r.seq), width: 8 },
            { header: h.at, value: (r) => shanghaiTime(r.at), width: 20 },
            { header: h.actor, value: (r) => r.actorName },
            { header: h.roles, value: (r) => roleLabels(req.ctx.lang, r.roles ? r.roles.split(',') : []) },
            { header: h.ip, value: (r) => r.ip, width: 16 },
            { header: h.action, value: (r) => r.action, width: 22 },
            { header: h.object, value: (r) => [r.objectType, r.objectId].filter(Boolean).join(':'), width: 40 },
            { header: h.result, value: (r) => label(req.ctx.lang, 'result', r.result), width: 10 },
            { header: h.reason, value: (r) => r.reason, width: 24 },
          ],
        });
      },
    );
    app.post(
      '/api/audit/verify',
      { config: { access: 'audit.read' }, schema: { tags: ['audit'], summary: 'Verify the hash chain', body: EmptyBody, response: { 200: VerifyDto } } },
      async (req) => verifyAudit(req.ctx.services.database, req.ctx.services.keys),
    );
  },
});

