import { PageQuery, pageOf } from '../../core/http/pagination.ts';
import type { App } from '../../core/module.ts';
import { EmptyBody } from '../auth/auth.schemas.ts';
import { CorrectionDto, MyCorrectionBody } from './corrections.schemas.ts';
import { myCorrections, requestCorrection } from './corrections.service.ts';
import { enableLogin, memberTimeline, memberViewLog, myFile, myRecord, myViews } from './file.service.ts';
import { FileEventDto, FileQuery, IdParams, MemberAccountDto, MyRecordDto, ViewDto } from './members.schemas.ts';

const tags = ['members'];

/** A member's electronic file, view log and login, as administrators reach them. */
export function fileRoutes(app: App) {
  app.get(
    '/api/members/:id/file',
    { config: { access: 'member.read' }, schema: { tags, summary: 'The electronic file, newest first; the view is logged', params: IdParams, querystring: FileQuery, response: { 200: pageOf(FileEventDto) } } },
    (req) => memberTimeline(req.ctx, req.params.id, req.query),
  );
  app.get(
    '/api/members/:id/views',
    { config: { access: 'member.read' }, schema: { tags, summary: 'Who viewed the record and file', params: IdParams, querystring: PageQuery, response: { 200: pageOf(ViewDto) } } },
    (req) => memberViewLog(req.ctx, req.params.id, req.query),
  );
  app.post(
    '/api/members/:id/account',
    { config: { access: 'member.write' }, schema: { tags, summary: 'Let the member log in with the ID number (one-time password shown once)', params: IdParams, body: EmptyBody, response: { 201: MemberAccountDto } } },
    async (req, reply) => reply.status(201).send(await enableLogin(req.ctx, req.params.id)),
  );
}

/** The member's own data (self scope: the member behind the account, nothing else). */
export function selfRoutes(app: App) {
  const self = ['my'];
  app.get(
    '/api/my/record',
    { config: { access: 'self.file' }, schema: { tags: self, summary: 'My own record, in full', response: { 200: MyRecordDto } } },
    (req) => myRecord(req.ctx),
  );
  app.get(
    '/api/my/file',
    { config: { access: 'self.file' }, schema: { tags: self, summary: 'My electronic file', querystring: FileQuery, response: { 200: pageOf(FileEventDto) } } },
    (req) => myFile(req.ctx, req.query),
  );
  app.get(
    '/api/my/views',
    { config: { access: 'self.file' }, schema: { tags: self, summary: 'Who viewed my file', querystring: PageQuery, response: { 200: pageOf(ViewDto) } } },
    (req) => myViews(req.ctx, req.query),
  );
  app.get(
    '/api/my/corrections',
    { config: { access: 'self.file' }, schema: { tags: self, summary: 'My correction requests', querystring: PageQuery, response: { 200: pageOf(CorrectionDto) } } },
    (req) => myCorrections(req.ctx, req.query),
  );
  app.post(
    '/api/my/corrections',
    { config: { access: 'self.file' }, schema: { tags: self, summary: 'Ask for a correction of my file', body: MyCorrectionBody, response: { 201: CorrectionDto } } },
    async (req, reply) => reply.status(201).send(await requestCorrection(req.ctx, req.body)),
  );
}
