import type { Lang } from '../../core/errors/messages.ts';

// Words of the development pipeline for server-made text (file events stored in Chinese, exports).

type Pair = readonly [string, string];

const STAGE: Record<string, Pair> = {
  applicant: ['入党申请人', 'Applicant'],
  activist: ['入党积极分子', 'Activist'],
  candidate: ['发展对象', 'Candidate'],
  probationary: ['预备党员', 'Probationary member'],
  full: ['正式党员', 'Full member'],
  closed: ['已终止', 'Closed'],
};
const TIMER: Record<string, Pair> = {
  TALK_DUE: ['入党谈话（申请后 1 个月内）', 'Talk (within 1 month of applying)'],
  ACTIVIST_REVIEW: ['积极分子半年考察', 'Six-monthly activist review'],
  CANDIDATE_ELIGIBLE: ['可确定为发展对象', 'Eligible as candidate'],
  APPROVAL_DUE: ['党委审批（3 个月内）', 'Committee approval (within 3 months)'],
  APPROVAL_EXPIRED: ['审批时限（6 个月，逾期须重新履行程序）', 'Approval deadline (6 months; later the procedure restarts)'],
  CONFIRMATION_DUE: ['预备期满，讨论转正', 'Probation ends: confirmation due'],
};
const REMARK: Record<string, Pair> = {
  TALK_LATE: ['入党谈话晚于申请后 1 个月（应于 {dueOn} 前，实际 {talkedOn}）', 'The talk came later than 1 month after applying (due {dueOn}, held {talkedOn})'],
  APPROVAL_LATE: ['党委审批超过 3 个月（应于 {dueOn} 前，实际 {approvedOn}）', 'Approval took more than 3 months (due {dueOn}, approved {approvedOn})'],
};
const GENDER: Record<string, Pair> = { male: ['男', 'Male'], female: ['女', 'Female'] };

const TABLES = { stage: STAGE, timer: TIMER, remark: REMARK, gender: GENDER } as const;

/** The label of a code (Chinese by default) with {params} filled. */
export function pipelineLabel(kind: keyof typeof TABLES, code: string | null | undefined, lang: Lang = 'zh-CN', params: Record<string, unknown> = {}): string {
  if (!code) return '';
  const pair = TABLES[kind][code];
  const text = pair ? pair[lang === 'en' ? 1 : 0] : code;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));
}

/** Column headers of the pipeline exports. */
export const PIPELINE_EXPORT_HEADERS = {
  'zh-CN': {
    board: '发展党员工作台', overdue: '发展党员逾期事项', org: '所属组织', name: '姓名', gender: '性别', age: '年龄', idNumber: '身份证号', stage: '阶段',
    appliedOn: '申请日期', activistOn: '确定积极分子', candidateOn: '确定发展对象', admittedOn: '支部大会', approvedOn: '党委审批', confirmedOn: '转正日期', timers: '待办事项', overdueItems: '逾期事项',
  },
  en: {
    board: 'Development pipeline', overdue: 'Overdue development steps', org: 'Organization', name: 'Name', gender: 'Gender', age: 'Age', idNumber: 'ID number', stage: 'Stage',
    appliedOn: 'Applied', activistOn: 'Activist since', candidateOn: 'Candidate since', admittedOn: 'Branch meeting', approvedOn: 'Approved', confirmedOn: 'Confirmed', timers: 'Due', overdueItems: 'Overdue',
  },
} as const;
