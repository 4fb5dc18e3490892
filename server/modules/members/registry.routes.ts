import { exportXlsx } from '../../core/excel.ts';
import { pageOf } from '../../core/http/pagination.ts';
import type { App } from '../../core/module.ts';
import { type MemberJoined, maskedIdNumber, maskedPhone } from './member-dto.ts';
import { exportTitle, memberLabel } from './member-labels.ts';
import { ageOn, redactSensitive, shanghaiToday } from './member-validate.ts';
import { membersRepo } from './members.repo.ts';
import {
  CreateMemberBody, FlagsBody, IdParams, MemberFilterQuery, MemberItemDto, MemberListQuery, MemberRecordDto, UnmaskBody, UnmaskDto, UpdateMemberBody,
} from './members.schemas.ts';
import { createMember, getMember, listMembers, memberFilter, setFlags, unmask, updateMember } from './registry.service.ts';

const tags = ['members'];

/** The member registry: list and search, export, record, create, update, flags, unmask. */
export function registryRoutes(app: App) {
  app.get(
    '/api/members',
    { config: { access: 'member.read' }, schema: { tags, summary: 'Members in scope: search, filter, sort, page (masked)', querystring: MemberListQuery, response: { 200: pageOf(MemberItemDto) } } },
    (req) => listMembers(req.ctx, req.query),
  );

  app.get(
    '/api/members/export',
    { config: { access: 'member.export' }, schema: { tags, summary: 'Export members in scope to Excel (masked, watermarked, audited)', querystring: MemberFilterQuery } },
    async (req, reply) => {
      const ctx = req.ctx;
      const f = await memberFilter(ctx, 'member.export', req.query);
      const repo = membersRepo(ctx, 'member.export');
      const lang = ctx.lang;
      const keys = ctx.services.keys;
      const today = shanghaiToday();
      const h = (field: string) => memberLabel('field', field, lang);
      return exportXlsx<MemberJoined>(ctx, reply, {
        name: 'members',
        title: exportTitle(lang),
        // An exact ID number or phone searched for is audited masked (SECURITY.md 10, 12).
        filters: { ...req.query, ...(req.query.q ? { q: redactSensitive(req.query.q) } : {}) },
        count: () => repo.count(f),
        rows: (limit) => repo.list(f, req.query.sort, req.query.order, limit, 0),
        columns: [
          { header: h('name'), value: (r) => r.m.name, width: 12 },
          { header: h('gender'), value: (r) => memberLabel('gender', r.m.gender, lang), width: 8 },
          { header: h('age'), value: (r) => ageOn(r.m.birthDate, today), width: 8 },
          { header: h('idNumber'), value: (r) => maskedIdNumber(keys, r.m), width: 22 },
          { header: h('phone'), value: (r) => maskedPhone(keys, r.m), width: 14 },
          { header: h('orgId'), value: (r) => r.orgName, width: 30 },
          { header: h('status'), value: (r) => memberLabel('status', r.m.status, lang), width: 12 },
          { header: h('standing'), value: (r) => memberLabel('standing', r.m.standing, lang), width: 12 },
          { header: h('joinedOn'), value: (r) => r.m.joinedOn, width: 12 },
          { header: h('confirmedOn'), value: (r) => r.m.confirmedOn, width: 12 },
          { header: h('education'), value: (r) => memberLabel('education', r.m.education, lang), width: 12 },
          { header: h('duesCategory'), value: (r) => memberLabel('dues', r.m.duesCategory, lang), width: 14 },
          { header: h('cardNo'), value: (r) => r.m.cardNo, width: 16 },
          { header: h('excludeAttendance'), value: (r) => (r.m.excludeAttendance ? '✓' : ''), width: 10 },
          { header: h('lostContactSince'), value: (r) => r.m.lostContactSince, width: 12 },
        ],
      });
    },
  );

  app.get(
    '/api/members/:id',
    { config: { access: 'member.read' }, schema: { tags, summary: 'One member (masked); the view is logged', params: IdParams, response: { 200: MemberRecordDto } } },
    (req) => getMember(req.ctx, req.params.id),
  );

  app.post(
    '/api/members',
    { config: { access: 'member.write' }, schema: { tags, summary: 'Register a member', body: CreateMemberBody, response: { 201: MemberRecordDto } } },
    async (req, reply) => reply.status(201).send(await createMember(req.ctx, req.body)),
  );

  app.patch(
    '/api/members/:id',
    { config: { access: 'member.write' }, schema: { tags, summary: 'Change registry fields (each change goes to the file)', params: IdParams, body: UpdateMemberBody, response: { 200: MemberRecordDto } } },
    (req) => updateMember(req.ctx, req.params.id, req.body),
  );

  app.put(
    '/api/members/:id/flags',
    { config: { access: 'member.write' }, schema: { tags, summary: 'Set 不计到会率 and 失联', params: IdParams, body: FlagsBody, response: { 200: MemberRecordDto } } },
    (req) => setFlags(req.ctx, req.params.id, req.body),
  );

  app.post(
    '/api/members/:id/unmask',
    { config: { access: 'member.unmask' }, schema: { tags, summary: 'Show the ID number or phone in clear (reason required, audited)', params: IdParams, body: UnmaskBody, response: { 200: UnmaskDto } } },
    (req) => unmask(req.ctx, req.params.id, req.body),
  );
}
