import type { Lang } from '../../core/errors/messages.ts';

// Chinese and English words of the organization vocabulary for server-made text: history, file
// events (stored in Chinese) and Excel exports. The console has the same words in web/src/locales.

type Pair = readonly [string, string];

const LEVEL: Record<string, Pair> = {
  county_committee: ['县委', 'County committee'],
  township_committee: ['乡镇（街道）党（工）委', 'Township committee'],
  department_committee: ['部门党委', 'Department committee'],
  party_committee: ['党委', 'Party committee'],
  general_branch: ['党总支', 'General branch'],
  branch: ['党支部', 'Branch'],
  sub_branch: ['下设支部', 'Sub-branch'],
  party_group: ['党小组', 'Party group'],
  red_station: ['红色驿站', 'Red station'],
};
const CATEGORY: Record<string, Pair> = {
  rural: ['农村', 'Rural'],
  community: ['社区', 'Community'],
  government: ['机关', 'Government'],
  institution: ['事业单位', 'Public institution'],
  soe: ['国有企业', 'State-owned enterprise'],
  private_enterprise: ['非公企业', 'Private enterprise'],
  social_org: ['社会组织', 'Social organization'],
};
const POSITION: Record<string, Pair> = {
  secretary: ['书记', 'Secretary'],
  deputy_secretary: ['副书记', 'Deputy secretary'],
  organization: ['组织委员', 'Organization member'],
  propaganda: ['宣传委员', 'Propaganda member'],
  discipline: ['纪检委员', 'Discipline member'],
  member: ['委员', 'Committee member'],
};
const SEVERITY: Record<string, Pair> = { error: ['违规', 'Breach'], warning: ['提醒', 'Warning'], info: ['提示', 'Notice'] };
/** Warning texts with {params} (DOMAIN §1). */
const WARNING: Record<string, Pair> = {
  BRANCH_OVER_50: ['支部党员 {total} 名，超过 {max} 名，宜分设支部或成立党总支', 'The branch has {total} members, more than {max}; split it or form a general branch'],
  LESS_THAN_3_FULL: ['正式党员仅 {full} 名（少于 {min} 名），宜成立联合支部', 'Only {full} full members (fewer than {min}); form a joint branch'],
  FULL_GE_7_NO_COMMITTEE: ['正式党员 {full} 名（≥ {threshold} 名），应设立支部委员会', '{full} full members (≥ {threshold}): a branch committee is required'],
  COMMITTEE_SIZE: ['支委会现有 {size} 人，应为 {min}–{max} 人', 'The committee has {size} members; it should have {min}–{max}'],
  COMMITTEE_NOT_EXPECTED: ['正式党员不足 {threshold} 名，一般只设书记（可设副书记），现有 {size} 个职务', 'Fewer than {threshold} full members: normally a secretary (and a deputy) only; {size} positions now'],
  NO_SECRETARY: ['未配备书记', 'No secretary'],
  TERM_OVERDUE: ['换届已逾期 {days} 天（应于 {dueOn} 换届）', 'Re-election overdue by {days} days (due {dueOn})'],
  TERM_DUE_SOON: ['{days} 天后到期换届（{dueOn}）', 'Re-election due in {days} days ({dueOn})'],
  GENERAL_BRANCH_SIZE: ['党总支共 {total} 名党员，一般为 {min}–{max} 名', 'The general branch has {total} members; normally {min}–{max}'],
  PARTY_COMMITTEE_SIZE: ['基层党委共 {total} 名党员，一般不少于 {min} 名', 'The Party committee has {total} members; normally at least {min}'],
  INACTIVE: ['自 {since} 以来未开展组织活动（超过 {months} 个月）', 'No activity held since {since} (more than {months} months)'],
  SUB_BRANCH_SIZE: ['下设支部党员 {total} 名，一般为 {min}–{max} 名', 'The sub-branch has {total} members; normally {min}–{max}'],
};
const TODO: Record<string, Pair> = { suspend_proposal: ['停止党籍提议', 'Suspension proposal'] };
const TODO_STATUS: Record<string, Pair> = { open: ['待处理', 'Open'], accepted: ['已采纳', 'Accepted'], dismissed: ['已忽略', 'Dismissed'], cancelled: ['已取消', 'Cancelled'] };

const TABLES = { level: LEVEL, category: CATEGORY, position: POSITION, severity: SEVERITY, warning: WARNING, todo: TODO, todoStatus: TODO_STATUS } as const;

/** The label of a code (Chinese by default), with {params} filled; the code itself when unknown. */
export function orgLabel(kind: keyof typeof TABLES, code: string | null | undefined, lang: Lang = 'zh-CN', params: Record<string, unknown> = {}): string {
  if (!code) return '';
  const pair = TABLES[kind][code];
  const text = pair ? pair[lang === 'en' ? 1 : 0] : code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Column headers of the warnings export. */
export const WARNING_EXPORT_HEADERS = {
  'zh-CN': { title: '组织设置预警', org: '组织', level: '层级', category: '类别', full: '正式党员', probationary: '预备党员', total: '党员总数', severity: '级别', warning: '预警内容' },
  en: { title: 'Organization warnings', org: 'Organization', level: 'Level', category: 'Category', full: 'Full', probationary: 'Probationary', total: 'Members', severity: 'Severity', warning: 'Warning' },
} as const;
