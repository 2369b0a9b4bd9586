/**
 * The case workflow as data (architecture.md "Workflow as data"): states with their deadlines, and
 * the actions allowed from each with the permission each needs. A case's status is the fold of
 * its recorded actions; the allowed next actions follow from the status and the actor.
 * Sources: 最低生活保障审核确认办法 (2021), 特困人员认定办法 (2021), domain.md §2.
 */
import type { Permission } from '../../../shared/permissions.js';
import type { AssistanceCategory, CaseStatus } from '../../../shared/assistance-codes.js';
import { caseStatuses } from '../../../shared/assistance-codes.js';

export type ActionCode = keyof typeof actions;

export interface ActionDef {
  label: string;
  from: readonly (CaseStatus | null)[];
  /** Where it leads; `null`: the status does not change (an extension, a spot check). */
  to: CaseStatus | null;
  /** Category-specific destinations (临时救助 has no 公示). */
  toByCategory?: Partial<Record<AssistanceCategory, CaseStatus>>;
  permission: Permission;
  categories?: readonly AssistanceCategory[];
  reasonRequired?: boolean;
  /** Only the platform records it (the end of the 公示 period). */
  system?: boolean;
}

const open: CaseStatus[] = ['submitted', 'supplementing', 'accepted', 'checking', 'visiting', 'township_review', 'notice', 'awaiting_decision'];
const checked: AssistanceCategory[] = ['dibao', 'tekun', 'borderline'];

export const actions = {
  submit_online: { label: '网上申请', from: [null], to: 'submitted', permission: 'assistance.apply' },
  apply_at_window: { label: '窗口受理', from: [null], to: 'accepted', permission: 'assistance.apply' },
  request_documents: { label: '一次性告知补正材料', from: ['submitted'], to: 'supplementing', permission: 'assistance.handle', reasonRequired: true },
  resubmit: { label: '补正后重新提交', from: ['supplementing'], to: 'submitted', permission: 'assistance.apply' },
  accept: { label: '受理', from: ['submitted'], to: 'accepted', permission: 'assistance.handle' },
  reject: { label: '不予受理', from: ['submitted', 'supplementing'], to: 'rejected', permission: 'assistance.handle', reasonRequired: true },
  request_check: { label: '发起家庭经济状况核对', from: ['accepted'], to: 'checking', permission: 'assistance.handle', categories: checked },
  complete_check: { label: '核对完成', from: ['checking'], to: 'visiting', permission: 'assistance.handle', categories: checked },
  start_investigation: { label: '开始入户调查', from: ['accepted'], to: 'visiting', permission: 'assistance.handle', categories: ['temporary'] },
  record_visit: { label: '登记入户调查', from: ['visiting'], to: 'township_review', permission: 'assistance.handle' },
  township_agree: { label: '乡镇审核同意', from: ['township_review'], to: 'notice', toByCategory: { temporary: 'awaiting_decision' }, permission: 'assistance.handle' },
  township_disagree: { label: '乡镇审核不同意', from: ['township_review'], to: 'awaiting_decision', permission: 'assistance.handle', reasonRequired: true },
  object: { label: '登记公示异议（重新调查）', from: ['notice'], to: 'visiting', permission: 'assistance.handle', reasonRequired: true },
  end_notice: { label: '公示期满', from: ['notice'], to: 'awaiting_decision', permission: 'assistance.handle', system: true },
  approve: { label: '审批通过', from: ['awaiting_decision'], to: 'approved', permission: 'assistance.approve' },
  refuse: { label: '不予批准', from: ['awaiting_decision'], to: 'refused', permission: 'assistance.approve', reasonRequired: true },
  pay_first: { label: '先行救助（济时救）', from: ['submitted', 'accepted'], to: 'paid_first', permission: 'assistance.approve', categories: ['temporary'] },
  complete_paperwork: { label: '补齐材料并审批', from: ['paid_first'], to: 'approved', permission: 'assistance.approve', categories: ['temporary'] },
  withdraw: { label: '申请人撤回', from: open.filter((s) => s !== 'notice' && s !== 'awaiting_decision'), to: 'withdrawn', permission: 'assistance.handle', reasonRequired: true },
  extend: { label: '延长办理期限（至45个工作日）', from: open, to: null, permission: 'assistance.handle', reasonRequired: true },
  spot_check: { label: '县级抽查', from: ['approved'], to: null, permission: 'assistance.approve', categories: ['tekun'] },
} as const satisfies Record<string, ActionDef>;

/** Deadlines of a state: working days from entering it, or calendar days (公示). */
export interface StateDeadline {
  workingDays?: number;
  calendarDays?: number;
  byCategory?: Partial<Record<AssistanceCategory, number>>;
  /** Where the number comes from. */
  source: string;
}

export const stateDeadlines: Partial<Record<CaseStatus, StateDeadline>> = {
  submitted: { workingDays: 3, source: '平台默认：网上申请3个工作日内受理或一次性告知补正' },
  accepted: { workingDays: 3, source: '低保审核确认办法：受理后3个工作日内启动家庭经济状况调查核实' },
  checking: { workingDays: 10, source: '平台默认：核对结果10个工作日内反馈（县级3个工作日内启动核对）' },
  visiting: { workingDays: 5, source: '平台默认：入户调查5个工作日' },
  township_review: { workingDays: 3, byCategory: { tekun: 15 }, source: '特困人员认定办法：乡镇15个工作日内提出意见' },
  notice: { calendarDays: 7, source: '公示7天，期满自动结束' },
  awaiting_decision: { workingDays: 10, byCategory: { tekun: 15 }, source: '低保：收到材料后10个工作日内作出决定；特困：15个工作日' },
  paid_first: { workingDays: 5, source: '平台默认：先行救助后5个工作日内补齐材料' },
};

/**
 * Stopping support that needs a public notice first (终止公示): 特困 (特困人员认定办法: 终止供养公示 7 天,
 * stops next month). Payment continues during the notice; an objection withdraws the stop.
 */
export const stopNotice = { categories: ['tekun'] as readonly AssistanceCategory[], calendarDays: 7, source: '特困人员认定办法：终止供养须公示7天，次月起停发' } as const;

/** Whole case, from acceptance: 30 working days (20 where approval is delegated to the township), extendable to 45. */
export const caseLimits = { normal: 30, delegated: 20, extended: 45 } as const;

export const finalStatuses: readonly CaseStatus[] = ['approved', 'refused', 'rejected', 'withdrawn'];

export interface RecordedAction {
  action: string;
}

/** The status is the fold of the recorded actions (the cached column must always equal it). */
export function statusOf(category: AssistanceCategory, recorded: readonly RecordedAction[]): CaseStatus | null {
  let status: CaseStatus | null = null;
  for (const r of recorded) status = nextStatus(category, status, r.action as ActionCode) ?? status;
  return status;
}

export function nextStatus(category: AssistanceCategory, from: CaseStatus | null, code: ActionCode): CaseStatus | null {
  const def: ActionDef = actions[code];
  return def.toByCategory?.[category] ?? def.to ?? from;
}

/** Why `code` may not be done now, in Chinese; null when it may (Z6: out of order is refused with the reason). */
export function whyNot(category: AssistanceCategory, status: CaseStatus | null, code: ActionCode): string | null {
  const def: ActionDef = actions[code];
  if (def.categories && !def.categories.includes(category)) return `「${def.label}」不适用于此类救助`;
  if (!def.from.includes(status)) {
    const now = status ? caseStatuses[status] : '未提交';
    return `案件当前状态为「${now}」，不能执行「${def.label}」`;
  }
  return null;
}

/** The actions an actor with `permissions` may take now: the buttons the UI shows. */
export function allowedActions(category: AssistanceCategory, status: CaseStatus, permissions: ReadonlySet<Permission>): ActionCode[] {
  return (Object.keys(actions) as ActionCode[]).filter((code) => {
    const def: ActionDef = actions[code];
    return !def.system && !def.from.includes(null) && permissions.has(def.permission) && whyNot(category, status, code) === null;
  });
}
