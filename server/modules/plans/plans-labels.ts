import type { Lang } from '../../core/errors/messages.ts';

// Words of plans for server-made documents (Excel exports, the iCal feed). The console has the
// same words in web/src/locales/plans.*.ts; keep the two in step.

type Pair = readonly [string, string];

const TYPE: Record<string, Pair> = {
  theme_day: ['主题党日', 'Theme party day'],
  branch_assembly: ['支部党员大会', 'Branch general meeting'],
  committee: ['支委会', 'Branch committee meeting'],
  group_meeting: ['党小组会', 'Party group meeting'],
  party_lecture: ['党课', 'Party lecture'],
  life_meeting: ['组织生活会', 'Organizational life meeting'],
  evaluation: ['民主评议党员', 'Democratic evaluation of members'],
  volunteer: ['志愿服务', 'Volunteer service'],
  other: ['其他活动', 'Other activity'],
};
const STATUS: Record<string, Pair> = {
  planned: ['待开展', 'Planned'],
  held: ['已开展', 'Held'],
  overdue: ['已逾期', 'Overdue'],
};

const TABLES = { type: TYPE, status: STATUS } as const;

/** The label of a code (Chinese by default). */
export function planLabel(kind: keyof typeof TABLES, code: string | null | undefined, lang: Lang = 'zh-CN'): string {
  if (!code) return '';
  const pair = TABLES[kind][code];
  return pair ? pair[lang === 'en' ? 1 : 0] : code;
}

/** Texts of the plan exports and the feed. */
export const PLAN_TEXTS = {
  'zh-CN': {
    plan: '组织生活计划', overview: '组织生活计划执行情况', month: '月度组织生活安排', calendar: '组织生活计划',
    org: '组织', type: '类型', plannedOn: '计划日期', title: '事项', note: '备注', status: '状态', activityStartsAt: '活动时间',
    themeDay: '主题党日', hasPlan: '已制定计划', planned: '计划项数', held: '已开展', overdue: '已逾期', yes: '是', no: '否',
  },
  en: {
    plan: 'Plan of organizational life', overview: 'Plans: progress', month: 'Organizational life this month', calendar: 'plan of organizational life',
    org: 'Organization', type: 'Type', plannedOn: 'Planned on', title: 'Item', note: 'Note', status: 'Status', activityStartsAt: 'Activity time',
    themeDay: 'Theme day', hasPlan: 'Has a plan', planned: 'Planned', held: 'Held', overdue: 'Overdue', yes: 'Yes', no: 'No',
  },
} as const;
