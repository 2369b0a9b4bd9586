/**
 * The casework kernel on a workflow of its own, not assistance's: a test-only registration with two
 * categories, a step that needs two people, a guarded decision, an occasional withdrawal and a
 * platform-only expiry. What holds here holds for every module that defines its workflow.
 */
import { describe, expect, it } from 'vitest';
import type { Permission } from '../../../shared/permissions.js';
import { defineWorkflow, type ActionDef, type RecordedAction } from './workflow.js';

type State = 'submitted' | 'reviewing' | 'approved' | 'refused' | 'withdrawn' | 'expired';
type Category = 'standard' | 'express';
const states: Record<State, string> = {
  submitted: '已提交',
  reviewing: '审查中',
  approved: '已登记',
  refused: '不予登记',
  withdrawn: '已撤回',
  expired: '已过期',
};

const actions = {
  submit: { label: '提交申请', from: [null], to: 'submitted', permission: 'registry.write' },
  accept: { label: '受理', from: ['submitted'], to: 'reviewing', permission: 'registry.write' },
  inspect: { label: '现场核查', from: ['reviewing'], to: null, permission: 'registry.write' },
  approve: { label: '准予登记', from: ['reviewing'], to: 'approved', permission: 'user.manage', notBy: ['accept', 'inspect'] },
  refuse: { label: '不予登记', from: ['reviewing'], to: 'refused', permission: 'user.manage', reasonRequired: true },
  fast_track: { label: '即时办结', from: ['submitted'], to: 'approved', permission: 'registry.write', categories: ['express'] },
  withdraw: { label: '撤回申请', from: ['submitted', 'reviewing'], to: 'withdrawn', permission: 'registry.write', occasional: true },
  expire: { label: '逾期未补正', from: ['submitted'], to: 'expired', permission: 'registry.write', system: true },
} as const satisfies Record<string, ActionDef<State, Category>>;
type Action = keyof typeof actions;

/** The decision needs the on-site inspection first. */
interface History {
  recorded: readonly RecordedAction[];
}

const registration = defineWorkflow<State, Action, Category, History>({
  states,
  actions,
  finalStates: ['approved', 'refused', 'withdrawn', 'expired'],
  categoryNoun: '登记',
  // An acceptance that finds nothing to review (data.complete) is the registration itself.
  destination: (code, data) => (code === 'accept' && (data as { complete?: boolean } | undefined)?.complete ? 'approved' : undefined),
  guard: (code, _status, history) =>
    code === 'approve' && !history.recorded.some((r) => r.action === 'inspect') ? '尚未完成「现场核查」，不能执行「准予登记」' : null,
  deadlines: { standard: { reviewing: { workingDays: 20, source: '登记办法：受理后20个工作日内办结' } } },
});

const clerk: ReadonlySet<Permission> = new Set(['registry.write']);
const head: ReadonlySet<Permission> = new Set(['registry.write', 'user.manage']);
const recorded = (...steps: [Action, number?, unknown?][]): RecordedAction[] =>
  steps.map(([action, actorUserId, data]) => ({ action, actorUserId: actorUserId ?? null, data }));

describe('the casework kernel on a second workflow', () => {
  it('status is the fold of the recorded actions: a step that stays, a destination from the data, an action no longer defined', () => {
    expect(registration.statusOf('standard', [])).toBeNull();
    expect(registration.statusOf('standard', recorded(['submit'], ['accept'], ['inspect']))).toBe('reviewing');
    expect(registration.statusOf('standard', recorded(['submit'], ['accept', 1, { complete: true }]))).toBe('approved');
    expect(registration.statusOf('standard', [...recorded(['submit']), { action: 'retired_action' }, ...recorded(['accept'])])).toBe(
      'reviewing',
    );
  });

  it('whyNot names the status and the action when the order is wrong, the category when it does not apply', () => {
    expect(registration.whyNot('standard', 'submitted', 'approve', null)).toBe('案件当前状态为「已提交」，不能执行「准予登记」');
    expect(registration.whyNot('standard', null, 'accept', null)).toBe('案件当前状态为「未提交」，不能执行「受理」');
    expect(registration.whyNot('standard', 'submitted', 'fast_track', null)).toBe('「即时办结」不适用于此类登记');
    expect(registration.whyNot('express', 'submitted', 'fast_track', null)).toBeNull();
  });

  it("whyNot asks the module's guard only with the history: the decision waits for the inspection", () => {
    expect(registration.whyNot('standard', 'reviewing', 'approve', null)).toBeNull();
    expect(registration.whyNot('standard', 'reviewing', 'approve', { recorded: recorded(['submit'], ['accept']) })).toBe(
      '尚未完成「现场核查」，不能执行「准予登记」',
    );
    expect(registration.whyNot('standard', 'reviewing', 'approve', { recorded: recorded(['submit'], ['accept'], ['inspect']) })).toBeNull();
  });

  it('separation of duties: who accepted or inspected may not approve, another may; the county policy switches it off', () => {
    const history = recorded(['submit', 9], ['accept', 1], ['inspect', 2]);
    expect(registration.dutyConflict('approve', history, 1, true)).toBe(
      '您已办理本案的「受理」，按不相容岗位分离的规定，「准予登记」须由其他工作人员办理',
    );
    expect(registration.dutyConflict('approve', history, 2, true)).toBe(
      '您已办理本案的「现场核查」，按不相容岗位分离的规定，「准予登记」须由其他工作人员办理',
    );
    expect(registration.dutyConflict('approve', history, 3, true)).toBeNull();
    expect(registration.dutyConflict('approve', history, 1, false)).toBeNull();
    expect(registration.dutyConflict('refuse', history, 1, true)).toBeNull();
  });

  it('allowed actions are what the user holds the permission for, never an opening or a platform-only action', () => {
    expect(registration.allowedActions('standard', 'submitted', clerk)).toEqual(['accept', 'withdraw']);
    expect(registration.allowedActions('express', 'submitted', clerk)).toEqual(['accept', 'fast_track', 'withdraw']);
    expect(registration.allowedActions('standard', 'reviewing', clerk)).toEqual(['inspect', 'withdraw']);
    expect(registration.allowedActions('standard', 'reviewing', head)).toEqual(['inspect', 'approve', 'refuse', 'withdraw']);
    expect(registration.allowedActions('standard', 'approved', head)).toEqual([]);
  });

  it('the steps a status waits on leave out what stays, what is occasional and what only the platform records', () => {
    expect(registration.stepsFrom('submitted')).toEqual(['accept', 'fast_track']);
    expect(registration.stepsFrom('reviewing')).toEqual(['approve', 'refuse']);
  });

  it("a stage's deadline is the rule's, else the platform default in working days, else none", () => {
    expect(registration.deadline('standard', 'reviewing', { reviewing: 5 })).toEqual({
      workingDays: 20,
      source: '登记办法：受理后20个工作日内办结',
    });
    expect(registration.deadline('express', 'reviewing', { reviewing: 5 })).toEqual({ workingDays: 5, source: '平台默认（可配置）' });
    expect(registration.deadline('express', 'submitted', { reviewing: 5 })).toBeNull();
  });

  it('the definition is typed by the unions: an unknown state, action or category does not compile, an unknown notBy does not start', () => {
    // Checked by the compiler (npm run typecheck), never run.
    const wrong = () => {
      defineWorkflow<State, 'a', Category>({
        states,
        // @ts-expect-error 'archived' is not a state of this workflow
        actions: { a: { label: 'A', from: ['archived'], to: null, permission: 'registry.write' } },
        finalStates: [],
      });
      defineWorkflow<State, 'a', Category>({
        states,
        // @ts-expect-error notBy names an action of this workflow only
        actions: { a: { label: 'A', from: [null], to: 'submitted', permission: 'registry.write', notBy: ['b'] } },
        finalStates: [],
      });
      // @ts-expect-error 'urgent' is not a category of this workflow
      registration.whyNot('urgent', 'submitted', 'accept', null);
    };
    expect(typeof wrong).toBe('function');
    expect(() =>
      defineWorkflow<State, 'a', Category>({
        states,
        actions: { a: { label: 'A', from: [null], to: 'submitted', permission: 'registry.write', notBy: ['b' as 'a'] } },
        finalStates: [],
      }),
    ).toThrow('workflow: a.notBy names an unknown action b');
  });
});
