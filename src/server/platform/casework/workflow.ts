/**
 * A module's casework as data (docs/adding-a-module.md "The casework kernel"): its states, its
 * actions with where each may start and where it leads, the permission each needs, and which earlier
 * actions' actor may not perform it (不相容岗位分离). `defineWorkflow` turns the definition into what
 * every module needs, typed by the module's own unions:
 * - `statusOf`: the status as the fold of the recorded actions (a cached column must equal it);
 * - `whyNot`: why an action may not be done now, in Chinese (out of order is refused with it);
 * - `dutyConflict`: why this user may not do it (separation of duties, switched per county);
 * - `allowedActions`: the buttons a user sees; `stepsFrom`: the steps a status waits on;
 * - `deadline`: a stage's deadline, the rule's own or the platform default.
 */
import type { Permission } from '../../../shared/permissions.js';
import { PLATFORM_DEFAULT, type StageDeadline } from './clocks.js';

/** One action of a workflow over states `S`, categories `C` and (for `notBy`) the action codes `A`. */
export interface ActionDef<S extends string, C extends string, A extends string = string> {
  label: string;
  /** The statuses it may start from; `null`: it opens a case. */
  from: readonly (S | null)[];
  /** Where it leads; `null`: the status does not change (an extension, a spot check). */
  to: S | null;
  /** Category-specific destinations. */
  toByCategory?: Partial<Record<C, S>>;
  permission: Permission;
  /** The categories it applies to (all when absent). */
  categories?: readonly C[];
  reasonRequired?: boolean;
  /** Only the platform records it (the end of a notice period): never a button. */
  system?: boolean;
  /**
   * Separation of duties: the earlier actions whose actor may not perform this one, where the
   * county's policy value switches it on (the default).
   */
  notBy?: readonly A[];
  /** Done when something happens (an objection, a withdrawal), not a step a case waits on. */
  occasional?: boolean;
}

/** An action as recorded in a case's history: what the workflow judges. */
export interface RecordedAction {
  action: string;
  data?: unknown;
  /** Who recorded it (null: the platform) and at which division. */
  actorUserId?: number | null;
  actorDivision?: string | null;
}

export interface WorkflowSpec<S extends string, A extends string, C extends string, H> {
  /** The states with their Chinese names (the messages name them). */
  states: Record<S, string>;
  actions: { readonly [K in A]: ActionDef<S, C, A> };
  /** The states a case ends in. */
  finalStates: readonly S[];
  /** What the workflow's records are called in messages (案件, 待遇): 「案件当前状态为…」. */
  subject?: string;
  /**
   * The module's wording of the two refusals every workflow gives: an action out of order (default
   * 「案件当前状态为「…」，不能执行「…」」) and a stale version (「案件已被他人处理，请刷新后查看最新状态」).
   */
  messages?: { order?: (status: string, action: string) => string; stale?: string };
  /** What the module's categories are categories of, in messages (「…」不适用于此类救助). */
  categoryNoun?: string;
  /** A destination that depends on what the action recorded; `undefined` leaves it to the definition. */
  destination?: (code: A, data: unknown, category: C) => S | undefined;
  /**
   * Reasons beyond order and category why `code` may not be done now, judged on the case's history
   * (the steps a decision needs). Only asked when a history is given (recording always gives one).
   */
  guard?: (code: A, status: S | null, history: H) => string | null;
  /** Deadlines a rule fixes, per category and stage; every other stage takes the platform default. */
  deadlines?: { readonly [K in C]?: Partial<Record<S, StageDeadline>> };
}

export interface Workflow<S extends string, A extends string, C extends string, H> {
  readonly subject: string;
  /** The refusal of an action on a version the user did not see (409). */
  readonly staleMessage: string;
  readonly states: Record<S, string>;
  readonly actions: { readonly [K in A]: ActionDef<S, C, A> };
  readonly codes: readonly A[];
  readonly finalStates: readonly S[];
  nextStatus(category: C, from: S | null, code: A, data?: unknown): S | null;
  statusOf(category: C, recorded: readonly RecordedAction[]): S | null;
  whyNot(category: C, status: S | null, code: A, history: H | null): string | null;
  dutyConflict(code: A, recorded: readonly RecordedAction[], actorUserId: number, enforced: boolean): string | null;
  allowedActions(category: C, status: S, permissions: ReadonlySet<Permission>): A[];
  stepsFrom(status: S): A[];
  /** The deadline of `status` for a category: the rule's, else the platform default (`defaults`, in working days), else none. */
  deadline(category: C, status: S, defaults?: Partial<Record<S, number>>): StageDeadline | null;
}

export function defineWorkflow<S extends string, A extends string, C extends string, H = never>(
  spec: WorkflowSpec<S, A, C, H>,
): Workflow<S, A, C, H> {
  const codes = Object.keys(spec.actions) as A[];
  const defs = spec.actions as Record<string, ActionDef<S, C, A> | undefined>;
  for (const code of codes) {
    for (const earlier of spec.actions[code].notBy ?? [])
      if (!defs[earlier]) throw new Error(`workflow: ${code}.notBy names an unknown action ${earlier}`);
  }
  const subject = spec.subject ?? '案件';
  const orderMessage =
    spec.messages?.order ?? ((status: string, action: string) => `${subject}当前状态为「${status}」，不能执行「${action}」`);
  const nameOf = (status: S | null) => (status ? spec.states[status] : '未提交');

  const nextStatus = (category: C, from: S | null, code: A, data?: unknown): S | null => {
    const def = spec.actions[code];
    return spec.destination?.(code, data, category) ?? def.toByCategory?.[category] ?? def.to ?? from;
  };

  const whyNot = (category: C, status: S | null, code: A, history: H | null): string | null => {
    const def = spec.actions[code];
    if (def.categories && !def.categories.includes(category)) return `「${def.label}」不适用于此类${spec.categoryNoun ?? '事项'}`;
    if (!def.from.includes(status)) return orderMessage(nameOf(status), def.label);
    return history === null || !spec.guard ? null : spec.guard(code, status, history);
  };

  return {
    subject,
    staleMessage: spec.messages?.stale ?? `${subject}已被他人处理，请刷新后查看最新状态`,
    states: spec.states,
    actions: spec.actions,
    codes,
    finalStates: spec.finalStates,
    nextStatus,
    statusOf(category, recorded) {
      let status: S | null = null;
      for (const r of recorded) {
        if (!defs[r.action]) continue;
        status = nextStatus(category, status, r.action as A, r.data) ?? status;
      }
      return status;
    },
    whyNot,
    dutyConflict(code, recorded, actorUserId, enforced) {
      const def = spec.actions[code];
      if (!enforced || !def.notBy) return null;
      const notBy: readonly string[] = def.notBy;
      const earlier = recorded.find((r) => r.actorUserId === actorUserId && notBy.includes(r.action));
      if (!earlier) return null;
      const label = defs[earlier.action]?.label ?? earlier.action;
      return `您已办理本案的「${label}」，按不相容岗位分离的规定，「${def.label}」须由其他工作人员办理`;
    },
    allowedActions(category, status, permissions) {
      return codes.filter((code) => {
        const def = spec.actions[code];
        return !def.system && !def.from.includes(null) && permissions.has(def.permission) && whyNot(category, status, code, null) === null;
      });
    },
    stepsFrom(status) {
      return codes.filter((code) => {
        const def = spec.actions[code];
        return !def.system && !def.occasional && def.to !== null && def.from.includes(status);
      });
    },
    deadline(category, status, defaults) {
      const legal = spec.deadlines?.[category]?.[status];
      if (legal) return legal;
      const days = defaults?.[status];
      return days === undefined ? null : { workingDays: days, source: PLATFORM_DEFAULT };
    },
  };
}
