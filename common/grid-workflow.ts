// Grid governance (基层治理"四个平台", DOMAIN §7, docs/GRID.md): the event workflow as data, the stage
// deadlines (SLA) and the escalation rule. Pure: no clock, no database; callers pass `now`.

/** The type of a state, as FixMyStreet has it: still to do, done by the handler, finished. */
export type StateType = 'open' | 'fixed' | 'closed';

/** Who holds an event in a state: the township's 四个平台 or the organization it was dispatched to. */
export type Holder = 'township' | 'assignee';

/** The states of an event, in workflow order. */
export const GRID_STATES = {
  /** 上报 */
  reported: { type: 'open', holder: 'township' },
  /** 受理 */
  accepted: { type: 'open', holder: 'township' },
  /** 分析研判 */
  analysed: { type: 'open', holder: 'township' },
  /** 分流交办 */
  dispatched: { type: 'open', holder: 'assignee' },
  /** 处置中 */
  in_progress: { type: 'open', holder: 'assignee' },
  /** 已处置 */
  resolved: { type: 'fixed', holder: 'township' },
  /** 办结 */
  closed: { type: 'closed', holder: 'township' },
  /** 反馈 (the outcome told to the reporter) */
  fed_back: { type: 'closed', holder: 'township' },
} as const satisfies Record<string, { type: StateType; holder: Holder }>;

/** A state of an event. */
export type GridState = keyof typeof GRID_STATES;
export const GRID_STATE_NAMES = Object.keys(GRID_STATES) as [GridState, ...GridState[]];

/** The states that carry a deadline (every state that is not closed). */
export const STAGE_STATES = GRID_STATE_NAMES.filter((s) => GRID_STATES[s].type !== 'closed') as Exclude<GridState, 'closed' | 'fed_back'>[];
export type StageState = (typeof STAGE_STATES)[number];

/**
 * The roles that take actions on an event. `township` = an administrator of the event's township with
 * grid.handle; `assignee` = an account of the organization the event was dispatched to; `system` =
 * the escalation job.
 */
export const WORKFLOW_ROLES = ['township', 'assignee', 'system'] as const;
export type WorkflowRole = (typeof WORKFLOW_ROLES)[number];

/** One action: the states it may be taken from, the state it leads to (null = stays), who may take it. */
export type ActionDef = {
  from: readonly GridState[];
  to: GridState | null;
  roles: readonly WorkflowRole[];
  /** A note (the reason) is required. */
  noteRequired?: boolean;
  /** An assignee organization is required. */
  assigneeRequired?: boolean;
};

const OPEN_STATES = GRID_STATE_NAMES.filter((s) => GRID_STATES[s].type !== 'closed');

/**
 * The transitions (docs/GRID.md "Workflow"). 退回 (return) goes back to the previous holder: from the
 * assignee to the township's 分析研判 (to dispatch again), from 已处置 back to the assignee (rework).
 * 督办 (supervise) keeps the state and flags the event with a note.
 */
export const GRID_ACTIONS = {
  accept: { from: ['reported'], to: 'accepted', roles: ['township'] },
  analyse: { from: ['accepted'], to: 'analysed', roles: ['township'] },
  dispatch: { from: ['analysed'], to: 'dispatched', roles: ['township'], assigneeRequired: true },
  start: { from: ['dispatched'], to: 'in_progress', roles: ['assignee'] },
  resolve: { from: ['in_progress'], to: 'resolved', roles: ['assignee'] },
  close: { from: ['resolved'], to: 'closed', roles: ['township'] },
  feedback: { from: ['closed'], to: 'fed_back', roles: ['township'] },
  return_to_township: { from: ['dispatched', 'in_progress'], to: 'analysed', roles: ['assignee'], noteRequired: true },
  return_to_assignee: { from: ['resolved'], to: 'in_progress', roles: ['township'], noteRequired: true },
  supervise: { from: OPEN_STATES, to: null, roles: ['township', 'system'], noteRequired: true },
  reopen: { from: ['closed', 'fed_back'], to: 'accepted', roles: ['township'], noteRequired: true },
} as const satisfies Record<string, ActionDef>;

/** An action name. */
export type GridAction = keyof typeof GRID_ACTIONS;
export const GRID_ACTION_NAMES = Object.keys(GRID_ACTIONS) as [GridAction, ...GridAction[]];

/** The stable error codes of a refused action (registered in server/core/errors/messages.ts). */
export const WORKFLOW_ERRORS = {
  /** The action cannot be taken in the event's current state. */
  illegal: 'GRID_TRANSITION_ILLEGAL',
  /** The caller's workflow role may not take the action. */
  role: 'GRID_TRANSITION_ROLE',
  note: 'GRID_NOTE_REQUIRED',
  assignee: 'GRID_ASSIGNEE_REQUIRED',
} as const;
export type WorkflowError = (typeof WORKFLOW_ERRORS)[keyof typeof WORKFLOW_ERRORS];

/** The result of deciding an action: the next state, or the reason it is refused. */
export type Decision = { ok: true; to: GridState; changesState: boolean } | { ok: false; error: WorkflowError };

/**
 * Decides whether `roles` may take `action` on an event in `state` (state first, then role, then the
 * inputs), and the state it leads to.
 */
export function decide(state: GridState, action: GridAction, roles: readonly WorkflowRole[], input: { note?: string | null; assignee?: string | null } = {}): Decision {
  const def: ActionDef = GRID_ACTIONS[action];
  if (!def?.from.includes(state)) return { ok: false, error: WORKFLOW_ERRORS.illegal };
  if (!def.roles.some((r) => roles.includes(r))) return { ok: false, error: WORKFLOW_ERRORS.role };
  if (def.noteRequired && !input.note?.trim()) return { ok: false, error: WORKFLOW_ERRORS.note };
  if (def.assigneeRequired && !input.assignee) return { ok: false, error: WORKFLOW_ERRORS.assignee };
  const to = def.to ?? state;
  return { ok: true, to, changesState: to !== state };
}

/** The actions `roles` may take on an event in `state` (for the UI's buttons). */
export const allowedActions = (state: GridState, roles: readonly WorkflowRole[]): GridAction[] =>
  GRID_ACTION_NAMES.filter((a) => {
    const def: ActionDef = GRID_ACTIONS[a];
    return def.from.includes(state) && def.roles.some((r) => roles.includes(r));
  });

/** Every (from, to) pair a state-changing action can produce: the legal edges of the state graph. */
export const LEGAL_EDGES: ReadonlySet<string> = new Set(
  GRID_ACTION_NAMES.flatMap((a) => {
    const def: ActionDef = GRID_ACTIONS[a];
    return def.to ? def.from.map((f) => `${f}>${def.to}`) : [];
  }),
);

// ---------------------------------------------------------------------------------------------
// Deadlines

/** Hours allowed per stage: how long an event may stay in each state that is not closed. */
export type Sla = Record<StageState, number>;

const HOUR = 3_600_000;

/** The due time of a stage entered at `enteredAt`, or null for a closed state (no deadline). */
export function stageDue(sla: Sla, state: GridState, enteredAt: Date): Date | null {
  if (GRID_STATES[state].type === 'closed') return null;
  const hours = sla[state as StageState];
  return new Date(enteredAt.getTime() + hours * HOUR);
}

/** Overdue at `now`: a stage with a deadline that has passed. Computed at read time, never stored. */
export const isOverdue = (state: GridState, dueAt: Date | null, now: Date) => GRID_STATES[state].type !== 'closed' && !!dueAt && dueAt.getTime() < now.getTime();

/** What the escalation needs to know about an event. */
export type EscalationInput = { id: string; state: GridState; stageSeq: number; dueAt: Date | null };

/** The key that makes an escalation happen once per stage of an event. */
export const escalationKey = (e: { id: string; stageSeq: number }) => `${e.id}#${e.stageSeq}`;

/**
 * The events to escalate now (automatic 督办 to the township): overdue in their current stage and not
 * escalated in that stage yet (`done` holds the keys of earlier escalations). A reopened or returned
 * event enters a new stage and may be escalated again.
 */
export function toEscalate(events: readonly EscalationInput[], now: Date, done: ReadonlySet<string>): EscalationInput[] {
  return events.filter((e) => isOverdue(e.state, e.dueAt, now) && !done.has(escalationKey(e)));
}

// ---------------------------------------------------------------------------------------------
// Categories

/** A category of the tree: the top level is the 四个平台, each child holds the SLA of its events. */
export type CategoryDef = { code: string; parent: string | null; zh: string; en: string; sla: Sla };

/** Default stage hours: 1 day to accept, 1 to analyse, 1 to dispatch, 1 to start, 5 to resolve, 2 to close. */
const STD: Sla = { reported: 24, accepted: 24, analysed: 24, dispatched: 24, in_progress: 120, resolved: 48 };
/** Urgent (safety, food): hours, not days. */
const URGENT: Sla = { reported: 2, accepted: 4, analysed: 4, dispatched: 4, in_progress: 48, resolved: 24 };
/** Services to residents: a week to resolve. */
const SERVICE: Sla = { reported: 24, accepted: 24, analysed: 48, dispatched: 24, in_progress: 168, resolved: 48 };

/** The default category tree of a county without its own (the 四个平台 and 2–4 kinds each). */
export const DEFAULT_CATEGORIES: CategoryDef[] = [
  { code: 'zongzhi', parent: null, zh: '综治工作', en: 'Comprehensive governance', sla: STD },
  { code: 'zongzhi.dispute', parent: 'zongzhi', zh: '矛盾纠纷', en: 'Disputes', sla: STD },
  { code: 'zongzhi.hazard', parent: 'zongzhi', zh: '安全隐患', en: 'Safety hazards', sla: URGENT },
  { code: 'zongzhi.petition', parent: 'zongzhi', zh: '信访维稳', en: 'Petitions and stability', sla: STD },
  { code: 'shichang', parent: null, zh: '市场监管', en: 'Market supervision', sla: STD },
  { code: 'shichang.food', parent: 'shichang', zh: '食品安全', en: 'Food safety', sla: URGENT },
  { code: 'shichang.pricing', parent: 'shichang', zh: '价格欺诈', en: 'Price fraud', sla: STD },
  { code: 'shichang.unlicensed', parent: 'shichang', zh: '无证经营', en: 'Unlicensed business', sla: STD },
  { code: 'zhifa', parent: null, zh: '综合执法', en: 'Integrated law enforcement', sla: STD },
  { code: 'zhifa.sanitation', parent: 'zhifa', zh: '环境卫生', en: 'Sanitation', sla: STD },
  { code: 'zhifa.construction', parent: 'zhifa', zh: '违章搭建', en: 'Illegal construction', sla: STD },
  { code: 'zhifa.pollution', parent: 'zhifa', zh: '环境污染', en: 'Pollution', sla: URGENT },
  { code: 'bianmin', parent: null, zh: '便民服务', en: 'Services to residents', sla: SERVICE },
  { code: 'bianmin.facility', parent: 'bianmin', zh: '公共设施', en: 'Public facilities', sla: SERVICE },
  { code: 'bianmin.assistance', parent: 'bianmin', zh: '困难帮扶', en: 'Hardship assistance', sla: SERVICE },
  { code: 'bianmin.consult', parent: 'bianmin', zh: '政策咨询', en: 'Policy questions', sla: SERVICE },
];

/** The problems of a category tree: duplicate codes, unknown or nested-too-deep parents (2 levels). */
export function treeProblems(cats: readonly Pick<CategoryDef, 'code' | 'parent'>[]): { index: number; problem: 'duplicate' | 'parent_unknown' | 'too_deep' }[] {
  const out: { index: number; problem: 'duplicate' | 'parent_unknown' | 'too_deep' }[] = [];
  const byCode = new Map<string, Pick<CategoryDef, 'code' | 'parent'>>();
  cats.forEach((c, index) => {
    if (byCode.has(c.code)) out.push({ index, problem: 'duplicate' });
    else byCode.set(c.code, c);
  });
  cats.forEach((c, index) => {
    if (c.parent === null) return;
    const p = byCode.get(c.parent);
    if (!p || p.code === c.code) out.push({ index, problem: 'parent_unknown' });
    else if (p.parent !== null) out.push({ index, problem: 'too_deep' });
  });
  return out;
}
