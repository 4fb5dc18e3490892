import type { FastifyReply } from 'fastify';
import { and, eq, inArray } from 'drizzle-orm';
import { ACTIVE_STANDINGS } from '../../../common/member.ts';
import { ORG_RULES } from '../../../common/org-rules.ts';
import { suggestSplit } from '../../../common/org-split.ts';
import type { Ctx } from '../../core/access/context.ts';
import { badRequest, notFound } from '../../core/errors/app-error.ts';
import type { Lang } from '../../core/errors/messages.ts';
import { exportXlsx } from '../../core/excel.ts';
import { members } from '../members/members.tables.ts';
import { orgsRepo } from './orgs.repo.ts';

// The split suggestion of a branch (common/org-split.ts) for the secretary to adopt or edit. It
// lists members by name and village group, so it needs member.read (export: member.export) in
// scope; an organization outside that scope answers 404 like a missing one.

const WORDS = {
  'zh-CN': {
    unit: (no: number) => `第 ${no} 单元`,
    noGroup: '未填地址',
    partial: '（部分）',
    TOTAL_BELOW_MIN: (total: number, min: number, max: number) => `本组织仅 ${total} 名党员，少于每单元最少 ${min} 名，无法拆分为 ${min}–${max} 人的单元`,
    NO_UNIT_COUNT: (total: number, min: number, max: number) => {
      const k = Math.ceil(total / max);
      return `${total} 名党员无法分成若干个 ${min}–${max} 人的单元：${k - 1} 个单元最多容纳 ${(k - 1) * max} 人，${k} 个单元至少需要 ${k * min} 人`;
    },
    title: '拆分建议',
    headers: { unit: '单元', groups: '村民小组/网格', size: '单元人数', name: '姓名', group: '所属小组' },
  },
  en: {
    unit: (no: number) => `Unit ${no}`,
    noGroup: '(no address)',
    partial: ' (part)',
    TOTAL_BELOW_MIN: (total: number, min: number, max: number) => `Only ${total} members, fewer than the minimum of ${min}: no units of ${min}–${max} are possible`,
    NO_UNIT_COUNT: (total: number, min: number, max: number) => {
      const k = Math.ceil(total / max);
      return `${total} members cannot be divided into units of ${min}–${max}: ${k - 1} units hold at most ${(k - 1) * max}, ${k} units need at least ${k * min}`;
    },
    title: 'Split suggestion',
    headers: { unit: 'Unit', groups: 'Village groups / grids', size: 'Unit size', name: 'Name', group: 'Group' },
  },
} as const;

/** The split suggestion of an organization's direct members (active standing) in the caller's words. */
export async function splitSuggestion(ctx: Ctx, id: string, q: { min?: number; max?: number }, perm = 'member.read') {
  const min = q.min ?? ORG_RULES.subBranchMin;
  const max = q.max ?? ORG_RULES.subBranchMax;
  if (min > max) throw badRequest('ORG_SPLIT_RANGE', [{ path: 'query.max', code: 'ORG_SPLIT_RANGE' }]);
  const org = await orgsRepo(ctx, perm).byId(id);
  if (!org) throw notFound();
  const rows = await ctx.services.db
    .select({ id: members.id, name: members.name, address: members.address })
    .from(members)
    .where(and(eq(members.countyCode, org.countyCode), eq(members.orgId, org.id), inArray(members.standing, [...ACTIVE_STANDINGS])));
  const r = suggestSplit(rows, { min, max });
  const w = WORDS[ctx.lang as Lang] ?? WORDS['zh-CN'];
  const groupName = (g: string | null) => g || w.noGroup;
  return {
    orgId: org.id,
    orgName: org.name,
    total: r.total,
    min: r.min,
    max: r.max,
    feasible: r.feasible,
    ...(r.reason ? { reason: r.reason, reasonMessage: w[r.reason](r.total, r.min, r.max) } : {}),
    householdsSplit: r.householdsSplit,
    groupsSplit: r.groupsSplit,
    units: r.units.map((u) => ({
      no: u.no,
      label: `${w.unit(u.no)}：${u.groupKeys.map((g) => groupName(g) + (u.partialGroups.includes(g) ? w.partial : '')).join('、')}`,
      groupKeys: u.groupKeys,
      partialGroups: u.partialGroups,
      size: u.size,
      // The household key is the full address: not sent, the group is enough on screen.
      members: u.members.map((m) => ({ id: m.id, name: m.name, group: m.group })),
    })),
  };
}

/** The suggestion as an Excel file, one row per member (watermarked and audited by exportXlsx). */
export async function exportSplitSuggestion(ctx: Ctx, reply: FastifyReply, id: string, q: { min?: number; max?: number }) {
  const s = await splitSuggestion(ctx, id, q, 'member.export');
  const w = WORDS[ctx.lang as Lang] ?? WORDS['zh-CN'];
  const rows = s.units.flatMap((u) => u.members.map((m) => ({ u, m })));
  return exportXlsx(ctx, reply, {
    name: 'org-split-suggestion',
    title: `${w.title} ${s.orgName}`.slice(0, 100),
    filters: { orgId: id, min: s.min, max: s.max },
    count: async () => rows.length,
    rows: async (limit) => rows.slice(0, limit),
    columns: [
      { header: w.headers.unit, value: (r) => w.unit(r.u.no), width: 12 },
      { header: w.headers.groups, value: (r) => r.u.label.replace(/^[^：]*：/, ''), width: 36 },
      { header: w.headers.size, value: (r) => r.u.size, width: 10 },
      { header: w.headers.name, value: (r) => r.m.name, width: 14 },
      { header: w.headers.group, value: (r) => r.m.group || w.noGroup, width: 20 },
    ],
  });
}
