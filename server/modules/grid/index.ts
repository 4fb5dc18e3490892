import { defineModule } from '../../core/module.ts';
import { registerGridJobs } from './escalation.ts';
import { GRID_CONFIGURE, getCategories, replaceCategories } from './categories.service.ts';
import { exportEvents } from './events.export.ts';
import { GRID_ASSIGNED, GRID_HANDLE, GRID_REPORT, getEvent, listEvents, reportEvent, transition } from './events.service.ts';
import {
  CategoriesBody,
  CategoriesDto,
  EventCreateBody,
  EventDetailDto,
  EventDto,
  EventExportQuery,
  EventListDto,
  EventListQuery,
  GridCreateBody,
  GridDetailDto,
  GridDto,
  GridListDto,
  GridListQuery,
  GridMemberParams,
  GridPatchBody,
  HouseholdCreateBody,
  HouseholdDto,
  HouseholdListDto,
  HouseholdListQuery,
  HouseholdPatchBody,
  IdParams,
  LinkBody,
  LinkDto,
  LinkParams,
  MembersBody,
  TransitionBody,
  WorkersBody,
} from './grid.schemas.ts';
import {
  GRID_HOUSEHOLD,
  GRID_MANAGE,
  GRID_READ,
  addMembers,
  createGrid,
  createHousehold,
  deleteGrid,
  getGrid,
  getHousehold,
  link,
  listGrids,
  listHouseholds,
  patchGrid,
  patchHousehold,
  removeMember,
  setWorkers,
  unlink,
} from './grid.service.ts';

const tags = ['grid'];

/**
 * Grid governance (issue 7, DOMAIN §7; docs/GRID.md): grids in three levels with workers and members,
 * households and 党员联户, the event category tree with SLAs, events through the 四个平台 workflow
 * (common/grid-workflow.ts) with an append-only history, and the automatic 督办 of overdue events.
 */
export const gridModule = defineModule({
  name: 'grid',
  permissions: {
    [GRID_READ]: { description: 'Read grids, households and the events of townships in scope', roles: ['county_admin', 'township_admin', 'grid_worker'] },
    [GRID_MANAGE]: { description: 'Create, change and delete grids; assign grid workers and members', roles: ['county_admin', 'township_admin'] },
    [GRID_HOUSEHOLD]: { description: 'Record households (户) and 党员联户 links', roles: ['county_admin', 'township_admin', 'grid_worker'] },
    [GRID_REPORT]: { description: 'Report an event (社情民意 / hazard) and read the category tree', roles: ['county_admin', 'township_admin', 'grid_worker', 'member'] },
    [GRID_HANDLE]: { description: 'Take the township 四个平台’s actions on events of townships in scope', roles: ['county_admin', 'township_admin'] },
    [GRID_ASSIGNED]: { description: 'Read events (of townships in grid.read scope, or dispatched to an organization in scope) and work those dispatched to an organization in scope', roles: ['county_admin', 'township_admin', 'branch_secretary', 'branch_committee', 'grid_worker'] },
    [GRID_CONFIGURE]: { description: 'Edit the county’s event category tree and SLAs (county administrators at the county root)', roles: ['county_admin'] },
  },
  async routes(app) {
    // Grids
    app.get('/api/grid/grids', { config: { access: GRID_READ }, schema: { tags, summary: 'Grids in scope (filter by organization subtree, parent, level), paginated', querystring: GridListQuery, response: { 200: GridListDto } } }, (req) => listGrids(req.ctx, req.query));
    app.post('/api/grid/grids', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Create a grid (乡镇/街道, 社区/村 or 网格) for an organization in scope, with an optional GeoJSON boundary', body: GridCreateBody, response: { 201: GridDto } } }, async (req, reply) => reply.code(201).send(await createGrid(req.ctx, req.body)));
    app.get('/api/grid/grids/:id', { config: { access: GRID_READ }, schema: { tags, summary: 'A grid with its trail, workers, members and counts', params: IdParams, response: { 200: GridDetailDto } } }, (req) => getGrid(req.ctx, req.params.id));
    app.patch('/api/grid/grids/:id', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Rename a grid, change its code or boundary', params: IdParams, body: GridPatchBody, response: { 200: GridDto } } }, (req) => patchGrid(req.ctx, req.params.id, req.body));
    app.delete('/api/grid/grids/:id', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Delete a grid without child grids, households or events', params: IdParams } }, async (req, reply) => {
      await deleteGrid(req.ctx, req.params.id);
      return reply.code(204).send();
    });
    app.put('/api/grid/grids/:id/workers', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Replace the grid workers of a grid (grid_worker or member accounts in scope)', params: IdParams, body: WorkersBody, response: { 200: GridDetailDto } } }, (req) => setWorkers(req.ctx, req.params.id, req.body));
    app.post('/api/grid/grids/:id/members', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Assign members in scope to a grid (a member in another grid moves)', params: IdParams, body: MembersBody, response: { 200: GridDetailDto } } }, (req) => addMembers(req.ctx, req.params.id, req.body));
    app.delete('/api/grid/grids/:id/members/:memberId', { config: { access: GRID_MANAGE }, schema: { tags, summary: 'Take a member out of a grid', params: GridMemberParams } }, async (req, reply) => {
      await removeMember(req.ctx, req.params.id, req.params.memberId);
      return reply.code(204).send();
    });

    // Households and 党员联户
    app.get('/api/grid/households', { config: { access: GRID_READ }, schema: { tags, summary: 'Households in scope (of a grid’s subtree, or a member’s 联户 list), phones masked, paginated', querystring: HouseholdListQuery, response: { 200: HouseholdListDto } } }, (req) => listHouseholds(req.ctx, req.query));
    app.post('/api/grid/households', { config: { access: GRID_HOUSEHOLD }, schema: { tags, summary: 'Record a household of a grid in scope (the phone is stored encrypted)', body: HouseholdCreateBody, response: { 201: HouseholdDto } } }, async (req, reply) => reply.code(201).send(await createHousehold(req.ctx, req.body)));
    app.get('/api/grid/households/:id', { config: { access: GRID_READ }, schema: { tags, summary: 'A household with its 联户 members', params: IdParams, response: { 200: HouseholdDto } } }, (req) => getHousehold(req.ctx, req.params.id));
    app.patch('/api/grid/households/:id', { config: { access: GRID_HOUSEHOLD }, schema: { tags, summary: 'Change a household’s address, head or phone', params: IdParams, body: HouseholdPatchBody, response: { 200: HouseholdDto } } }, (req) => patchHousehold(req.ctx, req.params.id, req.body));
    app.post('/api/grid/links', { config: { access: GRID_HOUSEHOLD }, schema: { tags, summary: 'Link a member to a household they keep in touch with (党员联户)', body: LinkBody, response: { 200: LinkDto } } }, (req) => link(req.ctx, req.body));
    app.delete('/api/grid/links/:memberId/:householdId', { config: { access: GRID_HOUSEHOLD }, schema: { tags, summary: 'Remove a 党员联户 link', params: LinkParams } }, async (req, reply) => {
      await unlink(req.ctx, req.params.memberId, req.params.householdId);
      return reply.code(204).send();
    });

    // Categories
    app.get('/api/grid/categories', { config: { access: GRID_REPORT }, schema: { tags, summary: 'The county’s event category tree (四个平台 → kinds) with the SLA hours per stage', response: { 200: CategoriesDto } } }, (req) => getCategories(req.ctx));
    app.put('/api/grid/categories', { config: { access: GRID_CONFIGURE }, schema: { tags, summary: 'Replace the county’s category tree (county administrators at the root; codes in use must stay)', body: CategoriesBody, response: { 200: CategoriesDto } } }, (req) => replaceCategories(req.ctx, req.body));

    // Events
    app.post('/api/grid/events', { config: { access: GRID_REPORT }, schema: { tags, summary: 'Report an event on a grid of the county (as the caller, or for a resident with a phone)', body: EventCreateBody, response: { 201: EventDto } } }, async (req, reply) => reply.code(201).send(await reportEvent(req.ctx, req.body)));
    app.get('/api/grid/events', { config: { access: GRID_ASSIGNED }, schema: { tags, summary: 'Events the caller may see, filtered by state, category, grid, township, overdue, supervised and day range, newest first', querystring: EventListQuery, response: { 200: EventListDto } } }, (req) => listEvents(req.ctx, req.query));
    app.get('/api/grid/events/export', { config: { access: GRID_ASSIGNED }, schema: { tags, summary: 'Export the filtered events to Excel', querystring: EventExportQuery } }, (req, reply) => exportEvents(req.ctx, reply, req.query));
    app.get('/api/grid/events/:id', { config: { access: GRID_ASSIGNED }, schema: { tags, summary: 'An event with its history and the actions the caller may take', params: IdParams, response: { 200: EventDetailDto } } }, (req) => getEvent(req.ctx, req.params.id));
    app.post('/api/grid/events/:id/transitions', { config: { access: GRID_ASSIGNED }, schema: { tags, summary: 'Take a workflow action on an event (受理, 分析研判, 分流交办, 处置, 办结, 反馈, 退回, 督办, 重新办理)', params: IdParams, body: TransitionBody, response: { 200: EventDetailDto } } }, (req) => transition(req.ctx, req.params.id, req.body));
  },
  jobs: registerGridJobs,
});
