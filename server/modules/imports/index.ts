import type { FastifyReply } from 'fastify';
import type { Ctx } from '../../core/access/context.ts';
import { audit } from '../../core/audit/audit.ts';
import { AppError, notFound } from '../../core/errors/app-error.ts';
import { type App, defineModule } from '../../core/module.ts';
import type { Services } from '../../core/services.ts';
import { orgsRepo } from '../orgs/orgs.repo.ts';
import type { ImportKind } from './columns.ts';
import { buildErrorWorkbook } from './error-workbook.ts';
import { ErrorsQuery, ImportIdParams, ImportQuery, ImportStatusDto, XLSX_TYPE } from './imports.schemas.ts';
import { OrgDirectory } from './org-directory.ts';
import { runImport } from './run.ts';
import { drainImports, startImport, statusDto, visibleImport } from './store.ts';
import { buildTemplate } from './template.ts';
import { type ImportMode, importPermission, importerOf } from './types.ts';
import { readSheet } from './xlsx-read.ts';

/** Most organizations listed in a template's 组织列表 sheet. */
const TEMPLATE_ORGS = 5000;

function sendXlsx(reply: FastifyReply, buf: Buffer, name: string, ascii: string) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .header('cache-control', 'no-store')
    .send(buf);
}

/** Checks the upload and its options, reads the sheet, and queues the import (202 with its status). */
async function upload(services: Services, ctx: Ctx, kind: ImportKind, body: unknown, q: { mode: ImportMode; orgId?: string; fileName?: string }) {
  if (body === undefined || body === null || (Buffer.isBuffer(body) && body.length === 0)) throw new AppError(400, 'IMPORT_NOT_XLSX');
  if (!Buffer.isBuffer(body)) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE');
  let defaultOrgId: string | null = null;
  if (q.orgId) {
    // An organization outside the import scope is refused like a missing one (mass assignment).
    const org = await orgsRepo(ctx, importPermission(kind)).byId(q.orgId);
    if (org?.status !== 'active') throw notFound();
    defaultOrgId = org.id;
  }
  const sheet = await readSheet(kind, body, services.config.importMaxRows);
  const importer = importerOf(ctx, kind);
  const fileName = q.fileName ?? null;
  return startImport(
    { kind, mode: q.mode, countyCode: importer.countyCode, ownerId: ctx.actor!.accountId, scope: importer.scope, fileName, sheet, total: sheet.rows.length },
    (progress) => runImport(services, importer, sheet, { mode: q.mode, defaultOrgId }, progress, fileName),
    services.log,
  );
}

function uploadRoutes(app: App, services: Services) {
  const limit = services.config.importMaxBytes;
  // The body of an upload is the .xlsx itself; only these routes accept that media type.
  app.addContentTypeParser([XLSX_TYPE, 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: limit }, (_req, body, done) => done(null, body));
  for (const kind of ['members', 'organizations'] as const) {
    app.post(
      `/api/imports/${kind}`,
      {
        bodyLimit: limit,
        config: { access: importPermission(kind) },
        schema: {
          tags: ['imports'],
          summary: `Import ${kind} from an .xlsx (body: the file, Content-Type ${XLSX_TYPE}); answers 202 and runs in the background`,
          querystring: ImportQuery,
          response: { 202: ImportStatusDto },
        },
      },
      async (req, reply) => reply.status(202).send(statusDto(await upload(services, req.ctx, kind, req.body, req.query), req.ctx.lang)),
    );
  }
}

/** Excel import of members and organizations: templates, uploads with progress, error workbooks. */
export const importsModule = defineModule({
  name: 'imports',
  permissions: {
    'member.import': { description: 'Import members from Excel into organizations in scope', roles: ['county_admin', 'township_admin', 'branch_secretary'] },
    'org.import': { description: 'Import organizations from Excel under organizations in scope', roles: ['county_admin', 'township_admin'] },
  },
  async routes(app, services) {
    app.addHook('onClose', drainImports);
    for (const kind of ['members', 'organizations'] as const) {
      app.get(
        `/api/imports/templates/${kind}.xlsx`,
        { config: { access: importPermission(kind) }, schema: { tags: ['imports'], summary: `The ${kind} import template (.xlsx)` } },
        async (req, reply) => {
          const dir = await OrgDirectory.systemLoad(services.db, req.ctx.actor!.countyCode, []);
          const buf = await buildTemplate(kind, dir.inScope(req.ctx.scope(importPermission(kind)), TEMPLATE_ORGS), services.config.importMaxRows);
          return sendXlsx(reply, buf, kind === 'members' ? '党员信息导入模板.xlsx' : '党组织导入模板.xlsx', `${kind}-template.xlsx`);
        },
      );
    }
    await app.register(async (scope) => uploadRoutes(scope as unknown as App, services));
    app.get(
      '/api/imports/:id',
      { config: { access: 'authenticated' }, schema: { tags: ['imports'], summary: 'Progress and result of an import (the importer, or the same scope)', params: ImportIdParams, response: { 200: ImportStatusDto } } },
      async (req) => {
        const rec = visibleImport(req.ctx, req.params.id);
        if (!rec) throw notFound();
        return statusDto(rec, req.ctx.lang);
      },
    );
    app.get(
      '/api/imports/:id/errors.xlsx',
      { config: { access: 'authenticated' }, schema: { tags: ['imports'], summary: 'The error workbook of a finished import: uploaded rows, an added 错误 column, cells at fault highlighted', params: ImportIdParams, querystring: ErrorsQuery } },
      async (req, reply) => {
        const rec = visibleImport(req.ctx, req.params.id);
        if (!rec) throw notFound();
        if (rec.status !== 'done' || !rec.result) throw new AppError(409, 'IMPORT_NOT_FINISHED');
        if (rec.result.errors.length === 0) throw new AppError(409, 'IMPORT_NO_ERRORS');
        if (!rec.sheet) throw new AppError(410, 'IMPORT_ROWS_EXPIRED');
        const onlyErrors = req.query.rows === 'errors';
        const buf = await buildErrorWorkbook(rec.sheet, rec.result.errors, onlyErrors, req.ctx.lang);
        // The workbook holds the uploaded personal data in clear: its download is audited like an export.
        await services.db.transaction((tx) =>
          audit(req.ctx, tx, { action: 'export', result: 'success', objectType: 'import_errors', objectId: rec.id, detail: { kind: rec.kind, rows: req.query.rows, errorRows: new Set(rec.result!.errors.map((e) => e.row)).size } }),
        );
        return sendXlsx(reply, buf, `${rec.kind === 'members' ? '党员导入' : '党组织导入'}错误报告.xlsx`, `${rec.kind}-import-errors.xlsx`);
      },
    );
  },
});
