import { limitOffset, pageOf } from '../../core/http/pagination.ts';
import type { App } from '../../core/module.ts';
import { addPosition, listCommittee, removePosition } from './committee.ts';
import { AddPositionBody, CommitteeDto, EntryParams } from './committee.schemas.ts';
import { IdParams } from './orgs.schemas.ts';
import { decideTodo, listTodos } from './todos.ts';
import { DecideBody, TodoDto, TodoQuery } from './todos.schemas.ts';

const tags = ['orgs'];

/** Committees (支委会) and the to-do list of an organization. */
export function committeeTodoRoutes(app: App) {
  app.get(
    '/api/orgs/:id/committee',
    { config: { access: 'org.read' }, schema: { tags, summary: 'Committee positions (current first, ended kept)', params: IdParams, response: { 200: CommitteeDto } } },
    (req) => listCommittee(req.ctx, req.params.id),
  );
  app.post(
    '/api/orgs/:id/committee',
    { config: { access: 'org.write' }, schema: { tags, summary: 'Appoint a member of the organization to a position', params: IdParams, body: AddPositionBody, response: { 200: CommitteeDto } } },
    (req) => addPosition(req.ctx, req.params.id, req.body),
  );
  app.delete(
    '/api/orgs/:id/committee/:entryId',
    { config: { access: 'org.write' }, schema: { tags, summary: 'End a position today (the entry is kept)', params: EntryParams } },
    async (req, reply) => {
      await removePosition(req.ctx, req.params.id, req.params.entryId);
      return reply.status(204).send();
    },
  );
  app.get(
    '/api/orgs/:id/todos',
    { config: { access: 'org.read' }, schema: { tags, summary: 'To-do list of an organization (proposals a person decides)', params: IdParams, querystring: TodoQuery, response: { 200: pageOf(TodoDto) } } },
    (req) => listTodos(req.ctx, req.params.id, { status: req.query.status, ...limitOffset(req.query) }),
  );
  app.post(
    '/api/todos/:id/decide',
    { config: { access: 'member.write' }, schema: { tags, summary: 'Accept or dismiss a to-do', params: IdParams, body: DecideBody, response: { 200: TodoDto } } },
    (req) => decideTodo(req.ctx, req.params.id, req.body),
  );
}
