import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CATEGORIES,
  GRID_ACTIONS,
  GRID_ACTION_NAMES,
  GRID_STATES,
  GRID_STATE_NAMES,
  type GridAction,
  type GridState,
  LEGAL_EDGES,
  type Sla,
  WORKFLOW_ROLES,
  type WorkflowRole,
  allowedActions,
  decide,
  escalationKey,
  isOverdue,
  stageDue,
  toEscalate,
  treeProblems,
} from './grid-workflow.ts';

const T: WorkflowRole[] = ['township'];
const A: WorkflowRole[] = ['assignee'];

describe('the event workflow', () => {
  it('walks the whole happy path 上报 → 受理 → 分析研判 → 分流交办 → 处置中 → 已处置 → 办结 → 反馈', () => {
    const steps: [GridAction, WorkflowRole[], GridState][] = [
      ['accept', T, 'accepted'],
      ['analyse', T, 'analysed'],
      ['dispatch', T, 'dispatched'],
      ['start', A, 'in_progress'],
      ['resolve', A, 'resolved'],
      ['close', T, 'closed'],
      ['feedback', T, 'fed_back'],
    ];
    let s: GridState = 'reported';
    for (const [action, roles, to] of steps) {
      const d = decide(s, action, roles, { assignee: 'org-1' });
      expect(d).toEqual({ ok: true, to, changesState: true });
      s = to;
    }
    expect(GRID_STATES[s].type).toBe('closed');
  });

  it('refuses every action not allowed from a state with GRID_TRANSITION_ILLEGAL, whoever asks', () => {
    let refused = 0;
    for (const state of GRID_STATE_NAMES)
      for (const action of GRID_ACTION_NAMES) {
        if ((GRID_ACTIONS[action].from as readonly GridState[]).includes(state)) continue;
        for (const roles of [T, A, ['system'] as WorkflowRole[], [...WORKFLOW_ROLES]]) {
          expect(decide(state, action, roles, { note: 'n', assignee: 'o' })).toEqual({ ok: false, error: 'GRID_TRANSITION_ILLEGAL' });
          refused++;
        }
      }
    expect(refused).toBeGreaterThan(200);
  });

  it('refuses a role that may not take the action with GRID_TRANSITION_ROLE', () => {
    expect(decide('reported', 'accept', A)).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
    expect(decide('dispatched', 'start', T)).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
    expect(decide('resolved', 'close', A)).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
    expect(decide('closed', 'reopen', ['system'])).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
    expect(decide('accepted', 'supervise', A, { note: 'x' })).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
    expect(decide('accepted', 'analyse', [])).toEqual({ ok: false, error: 'GRID_TRANSITION_ROLE' });
  });

  it('requires a reason for 退回, 督办 and 重新办理, and an assignee for 分流交办', () => {
    expect(decide('in_progress', 'return_to_township', A, { note: '  ' })).toEqual({ ok: false, error: 'GRID_NOTE_REQUIRED' });
    expect(decide('in_progress', 'return_to_township', A, { note: '不属本单位职责' })).toEqual({ ok: true, to: 'analysed', changesState: true });
    expect(decide('resolved', 'return_to_assignee', T, { note: '未处置到位' })).toMatchObject({ to: 'in_progress' });
    expect(decide('closed', 'reopen', T)).toEqual({ ok: false, error: 'GRID_NOTE_REQUIRED' });
    expect(decide('fed_back', 'reopen', T, { note: '群众再次反映' })).toMatchObject({ ok: true, to: 'accepted' });
    expect(decide('analysed', 'dispatch', T)).toEqual({ ok: false, error: 'GRID_ASSIGNEE_REQUIRED' });
  });

  it('督办 flags an open event without changing its state, and is refused on a closed one', () => {
    for (const s of GRID_STATE_NAMES.filter((x) => GRID_STATES[x].type !== 'closed'))
      expect(decide(s, 'supervise', ['system'], { note: '超时' })).toEqual({ ok: true, to: s, changesState: false });
    expect(decide('closed', 'supervise', T, { note: 'x' })).toEqual({ ok: false, error: 'GRID_TRANSITION_ILLEGAL' });
  });

  it('offers the holder of each state its buttons', () => {
    expect(allowedActions('reported', T)).toEqual(['accept', 'supervise']);
    expect(allowedActions('in_progress', A)).toEqual(['resolve', 'return_to_township']);
    expect(allowedActions('closed', T)).toEqual(['feedback', 'reopen']);
    expect(allowedActions('closed', A)).toEqual([]);
  });

  it('never reaches a state outside the graph along random sequences of actions (property)', () => {
    const anyRoles = fc.subarray([...WORKFLOW_ROLES]);
    const step = fc.record({ action: fc.constantFrom(...GRID_ACTION_NAMES), roles: anyRoles, note: fc.option(fc.string(), { nil: undefined }), assignee: fc.option(fc.uuid(), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        let s: GridState = 'reported';
        let holderIsAssignee = false;
        for (const st of steps) {
          const d = decide(s, st.action, st.roles, st);
          if (!d.ok) continue;
          // Only a role the action names took it; a state change is a legal edge of the graph.
          expect(GRID_ACTIONS[st.action].roles.some((r) => st.roles.includes(r))).toBe(true);
          if (d.changesState) expect(LEGAL_EDGES.has(`${s}>${d.to}`)).toBe(true);
          expect(GRID_STATE_NAMES).toContain(d.to);
          // The assignee holds only what was dispatched: being there means a dispatch (with an assignee) happened.
          if (d.to === 'dispatched') expect(st.assignee).toBeTruthy();
          if (GRID_STATES[d.to].holder === 'assignee' && !holderIsAssignee && d.to !== 'dispatched') expect(s).toBe('resolved');
          holderIsAssignee = GRID_STATES[d.to].holder === 'assignee';
          s = d.to;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('deadlines and escalation (fake clock)', () => {
  const sla: Sla = { reported: 2, accepted: 4, analysed: 4, dispatched: 4, in_progress: 48, resolved: 24 };
  const t0 = new Date('2026-03-02T01:00:00Z');
  const at = (h: number) => new Date(t0.getTime() + h * 3_600_000);

  it('dues each stage the category’s hours after it was entered; closed states have no deadline', () => {
    expect(stageDue(sla, 'reported', t0)).toEqual(at(2));
    expect(stageDue(sla, 'in_progress', t0)).toEqual(at(48));
    expect(stageDue(sla, 'resolved', t0)).toEqual(at(24));
    expect(stageDue(sla, 'closed', t0)).toBeNull();
    expect(stageDue(sla, 'fed_back', t0)).toBeNull();
  });

  it('marks overdue only after the due time and never when closed', () => {
    const due = stageDue(sla, 'reported', t0);
    expect(isOverdue('reported', due, at(2))).toBe(false);
    expect(isOverdue('reported', due, at(2.01))).toBe(true);
    expect(isOverdue('closed', at(-10), at(5))).toBe(false);
    expect(isOverdue('accepted', null, at(5))).toBe(false);
  });

  it('escalates an overdue event once per stage, again after it enters a new stage', () => {
    const events = [
      { id: 'a', state: 'reported' as const, stageSeq: 1, dueAt: at(2) },
      { id: 'b', state: 'in_progress' as const, stageSeq: 5, dueAt: at(48) },
      { id: 'c', state: 'closed' as const, stageSeq: 7, dueAt: null },
    ];
    expect(toEscalate(events, at(1), new Set())).toEqual([]);
    const first = toEscalate(events, at(3), new Set());
    expect(first.map((e) => e.id)).toEqual(['a']);
    const done = new Set(first.map(escalationKey));
    expect(toEscalate(events, at(4), done)).toEqual([]);
    expect(toEscalate(events, at(49), done).map((e) => e.id)).toEqual(['b']);
    // Accepted late: a new stage, a new deadline, escalated again when that passes.
    const moved = [{ id: 'a', state: 'accepted' as const, stageSeq: 2, dueAt: at(7) }];
    expect(toEscalate(moved, at(6), done)).toEqual([]);
    expect(toEscalate(moved, at(8), done).map(escalationKey)).toEqual(['a#2']);
  });
});

describe('the category tree', () => {
  it('has the 四个平台 at the top and 2–4 kinds under each, each with an SLA for every stage', () => {
    const top = DEFAULT_CATEGORIES.filter((c) => c.parent === null);
    expect(top.map((c) => c.zh)).toEqual(['综治工作', '市场监管', '综合执法', '便民服务']);
    for (const p of top) {
      const n = DEFAULT_CATEGORIES.filter((c) => c.parent === p.code).length;
      expect(n).toBeGreaterThanOrEqual(2);
      expect(n).toBeLessThanOrEqual(4);
    }
    for (const c of DEFAULT_CATEGORIES) for (const v of Object.values(c.sla)) expect(v).toBeGreaterThan(0);
    expect(treeProblems(DEFAULT_CATEGORIES)).toEqual([]);
  });

  it('finds duplicates, unknown parents and a third level', () => {
    expect(
      treeProblems([
        { code: 'a', parent: null },
        { code: 'a', parent: null },
        { code: 'b', parent: 'x' },
        { code: 'c', parent: 'a' },
        { code: 'd', parent: 'c' },
      ]),
    ).toEqual([
      { index: 1, problem: 'duplicate' },
      { index: 2, problem: 'parent_unknown' },
      { index: 4, problem: 'too_deep' },
    ]);
  });
});
