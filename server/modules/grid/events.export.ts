// The Excel export of the event list (the list's filters and scope, masked phones), with the states' names.
import { desc } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { GridState } from '../../../common/grid-workflow.ts';
import type { Ctx } from '../../core/access/context.ts';
import { exportXlsx, shanghaiTime } from '../../core/excel.ts';
import { countyCategories } from './categories.service.ts';
import { countEvents, eventDto, eventQuery, listConditions } from './events.service.ts';
import type { EventExportQuery } from './grid.schemas.ts';
import { countyOf } from './grid.service.ts';
import { gridEvents } from './grid.tables.ts';

const STATE_LABELS: Record<GridState, [string, string]> = {
  reported: ['上报', 'Reported'],
  accepted: ['受理', 'Accepted'],
  analysed: ['分析研判', 'Analysed'],
  dispatched: ['分流交办', 'Dispatched'],
  in_progress: ['处置中', 'In progress'],
  resolved: ['已处置', 'Resolved'],
  closed: ['办结', 'Closed'],
  fed_back: ['反馈', 'Fed back'],
};

export async function exportEvents(ctx: Ctx, reply: FastifyReply, q: z.infer<typeof EventExportQuery>, now = new Date()) {
  const db = ctx.services.db;
  const { categories } = await countyCategories(db, countyOf(ctx));
  const where = await listConditions(ctx, q, categories, now);
  const en = ctx.lang === 'en';
  const yes = en ? 'yes' : '是';
  type Dto = ReturnType<typeof eventDto>;
  return exportXlsx<Dto>(ctx, reply, {
    name: 'grid-events',
    title: en ? 'Grid events' : '网格事件',
    filters: q,
    count: () => countEvents(db, where),
    rows: async (limit) => (await eventQuery(db).where(where).orderBy(desc(gridEvents.createdAt), desc(gridEvents.id)).limit(limit)).map((r) => eventDto(ctx, r, categories, now)),
    columns: [
      { header: en ? 'Reported at' : '上报时间', value: (r) => shanghaiTime(r.createdAt), width: 20 },
      { header: en ? 'Category' : '类别', value: (r) => r.categoryName },
      { header: en ? 'Description' : '内容', value: (r) => r.description, width: 40 },
      { header: en ? 'Township' : '乡镇（街道）', value: (r) => r.townshipName, width: 24 },
      { header: en ? 'Grid' : '网格', value: (r) => r.gridName },
      { header: en ? 'Reporter' : '上报人', value: (r) => r.reporterName },
      { header: en ? 'Reporter phone' : '联系电话', value: (r) => r.reporterPhone },
      { header: en ? 'State' : '状态', value: (r) => STATE_LABELS[r.state][en ? 1 : 0] },
      { header: en ? 'Assignee' : '承办单位', value: (r) => r.assigneeName, width: 24 },
      { header: en ? 'Due' : '本环节时限', value: (r) => shanghaiTime(r.dueAt), width: 20 },
      { header: en ? 'Overdue' : '超时', value: (r) => (r.overdue ? yes : '') },
      { header: en ? 'Supervised' : '督办', value: (r) => (r.supervised ? yes : '') },
    ],
  });
}
