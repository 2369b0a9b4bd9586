/**
 * The case workflow as data (docs/architecture.md "Social assistance"): states with their deadlines, and
 * the actions allowed from each with the permission each needs. A case's status is the fold of
 * its recorded actions; the allowed next actions follow from the status and the actor.
 * Sources: 最低生活保障审核确认办法 (2021), 特困人员认定办法 (2021); docs/rules.md "Required steps before approval", "Stage deadlines".
 */
import { isCountyOrAbove } from '../../../../shared/divisions.js';
import type { AssistanceCategory, CaseStatus } from '../../../../shared/assistance-codes.js';
import { caseStatuses, type noticeCategories } from '../../../../shared/assistance-codes.js';
import { defineWorkflow, type ActionDef as KernelActionDef, type RecordedAction } from '../../../platform/casework/workflow.js';
import type { StageDeadline } from '../../../platform/casework/clocks.js';

export type ActionCode = keyof typeof actions;
/**
 * An action of the case workflow (the kernel's definition over the case statuses and categories).
 * `notBy` names the earlier actions whose actor may not perform it, where the county's policy
 * `separation_of_duties` is on (the default); `occasional` marks what is done when it happens (an
 * objection during 公示, the applicant withdrawing), which puts the case on no one's worklist.
 */
export type ActionDef = KernelActionDef<CaseStatus, AssistanceCategory>;

const open: CaseStatus[] = [
  'submitted',
  'supplementing',
  'accepted',
  'checking',
  'visiting',
  'township_review',
  'notice',
  'awaiting_decision',
];
const checked: AssistanceCategory[] = ['dibao', 'tekun', 'borderline'];
const checkedCategories: readonly AssistanceCategory[] = checked;

export const actions = {
  submit_online: { label: '网上申请', from: [null], to: 'submitted', permission: 'assistance.apply' },
  apply_at_window: { label: '窗口受理', from: [null], to: 'accepted', permission: 'assistance.apply' },
  request_documents: {
    label: '一次性告知补正材料',
    from: ['submitted'],
    to: 'supplementing',
    permission: 'assistance.handle',
    reasonRequired: true,
  },
  resubmit: { label: '补正后重新提交', from: ['supplementing'], to: 'submitted', permission: 'assistance.apply' },
  accept: { label: '受理', from: ['submitted'], to: 'accepted', permission: 'assistance.handle' },
  reject: {
    label: '不予受理',
    from: ['submitted', 'supplementing'],
    to: 'rejected',
    permission: 'assistance.handle',
    reasonRequired: true,
  },
  request_check: {
    label: '发起家庭经济状况核对',
    from: ['accepted'],
    to: 'checking',
    permission: 'assistance.handle',
    categories: checked,
  },
  complete_check: { label: '核对完成', from: ['checking'], to: 'visiting', permission: 'assistance.handle', categories: checked },
  // Recorded by the check page's 采用/不采用 (check.ts decideFinding), not as a button.
  decide_finding: {
    label: '处理核对发现',
    from: ['checking'],
    to: null,
    permission: 'assistance.handle',
    categories: checked,
    system: true,
  },
  start_investigation: {
    label: '开始入户调查',
    from: ['accepted'],
    to: 'visiting',
    permission: 'assistance.handle',
    categories: ['temporary'],
  },
  record_visit: { label: '登记入户调查', from: ['visiting'], to: 'township_review', permission: 'assistance.handle' },
  // To 公示, or straight to the decision where the case needs none (recorded as data.notice = false).
  township_agree: { label: '乡镇审核同意', from: ['township_review'], to: 'notice', permission: 'assistance.handle' },
  township_disagree: {
    label: '乡镇审核不同意',
    from: ['township_review'],
    to: 'awaiting_decision',
    permission: 'assistance.handle',
    reasonRequired: true,
  },
  object: {
    label: '登记公示异议（重新调查）',
    from: ['notice'],
    to: 'visiting',
    permission: 'assistance.handle',
    reasonRequired: true,
    occasional: true,
  },
  end_notice: { label: '公示期满', from: ['notice'], to: 'awaiting_decision', permission: 'assistance.handle', system: true },
  approve: {
    label: '审批通过',
    from: ['awaiting_decision'],
    to: 'approved',
    permission: 'assistance.approve',
    notBy: ['apply_at_window', 'accept', 'record_visit'],
  },
  refuse: { label: '不予批准', from: ['awaiting_decision'], to: 'refused', permission: 'assistance.approve', reasonRequired: true },
  // An approver who disagrees with the township's 不同意 sends the case back: approval needs the visit and 公示 first.
  return_for_review: {
    label: '退回重新调查并公示',
    from: ['awaiting_decision'],
    to: 'visiting',
    permission: 'assistance.approve',
    reasonRequired: true,
  },
  pay_first: {
    label: '先行救助（济时救）',
    from: ['submitted', 'accepted'],
    to: 'paid_first',
    permission: 'assistance.approve',
    categories: ['temporary'],
  },
  record_followup_visit: {
    label: '补做入户调查（先行救助后）',
    from: ['paid_first'],
    to: null,
    permission: 'assistance.handle',
    categories: ['temporary'],
  },
  complete_paperwork: {
    label: '补齐材料并审批',
    from: ['paid_first'],
    to: 'approved',
    permission: 'assistance.approve',
    categories: ['temporary'],
    notBy: ['apply_at_window', 'accept', 'record_followup_visit'],
  },
  withdraw: {
    label: '申请人撤回',
    from: open.filter((s) => s !== 'notice' && s !== 'awaiting_decision'),
    to: 'withdrawn',
    permission: 'assistance.handle',
    reasonRequired: true,
    occasional: true,
  },
  extend: { label: '延长办理期限（至45个工作日）', from: open, to: null, permission: 'assistance.handle', reasonRequired: true },
  spot_check: { label: '县级抽查', from: ['approved'], to: null, permission: 'assistance.approve', categories: ['tekun'] },
} as const satisfies Record<string, ActionDef>;

/**
 * Whether a status waits on the decision (审批: the county, or the township where the category is
 * delegated) rather than on the township's handling: every step from it needs `assistance.approve`.
 */
export function waitsOnDecision(status: CaseStatus): boolean {
  const steps = stepsFrom(status);
  return steps.length > 0 && steps.every((code) => actions[code].permission === 'assistance.approve');
}

/**
 * The deadlines a rule fixes, per category and stage (docs/rules.md "Stage deadlines"). Every other
 * open stage's deadline is a platform default in working days, dated policy data per county.
 */
export const legalDeadlines: Record<AssistanceCategory, Partial<Record<CaseStatus, StageDeadline>>> = {
  dibao: {
    accepted: { workingDays: 3, source: '最低生活保障审核确认办法：受理后3个工作日内启动家庭经济状况调查核实' },
    notice: { calendarDays: 7, source: '最低生活保障审核确认办法：公示期为7天' },
    awaiting_decision: { workingDays: 10, source: '最低生活保障审核确认办法：收到材料后10个工作日内提出审核确认意见' },
  },
  tekun: {
    township_review: { workingDays: 15, source: '特困人员认定办法：乡镇（街道）15个工作日内提出初审意见' },
    notice: { calendarDays: 7, source: '特困人员认定办法：公示期为7天' },
    awaiting_decision: { workingDays: 15, source: '特困人员认定办法：县级民政部门15个工作日内作出决定' },
  },
  borderline: {
    notice: { calendarDays: 7, source: '参照最低生活保障审核确认办法：公示期为7天' },
  },
  temporary: {
    notice: { calendarDays: 7, source: '参照最低生活保障审核确认办法：公示期为7天（临时救助通知：张榜公示后报批）' },
  },
};

/**
 * Stopping support that needs a public notice first (终止公示): 特困 (特困人员认定办法: 终止供养公示 7 天,
 * stops next month). Payment continues during the notice; an objection withdraws the stop.
 */
export const stopNotice = {
  categories: ['tekun'] as readonly AssistanceCategory[],
  calendarDays: 7,
  source: '特困人员认定办法：终止供养须公示7天，次月起停发',
} as const;

/** Whole case, from acceptance: 30 working days (20 where approval is delegated to the township), extendable to 45. */
export const caseLimits = { normal: 30, delegated: 20, extended: 45 } as const;

export const finalStatuses: readonly CaseStatus[] = ['approved', 'refused', 'rejected', 'withdrawn'];

/**
 * The steps a case must have completed before it is approved (docs/rules.md "Required steps").
 * 低保 and 特困 always need the economic check, the home visit by ≥ 2 investigators and a 7-day
 * 公示 of the proposal to approve; 低保边缘家庭 the check and the visit, and 公示 where the county's
 * `notice_categories` lists it; 临时救助 the visit (急难型 may pay first, but not complete the
 * paperwork without it), and 支出型 its 公示 where listed; a staff relative's case a county visit.
 */
export type RequiredStep = 'check' | 'visit' | 'notice' | 'county_visit';
export const requiredStepLabels: Record<RequiredStep, string> = {
  check: '家庭经济状况核对',
  visit: '入户调查',
  notice: '公示7天（拟同意的审核意见）',
  county_visit: '县级民政部门入户核查（工作人员近亲属）',
};

/** What decides a case's required steps besides its category. */
export interface CaseVariant {
  category: AssistanceCategory;
  temporaryType?: 'emergency' | 'expense' | null;
  staffRelative?: boolean;
  /** The county's `notice_categories` policy value in force. */
  noticeCategories: readonly NoticeCategory[];
}
/** Categories whose 公示 a county decides (低保 and 特困 are always announced). */
export type NoticeCategory = keyof typeof noticeCategories;

export function needsNotice(v: CaseVariant): boolean {
  if (v.category === 'dibao' || v.category === 'tekun') return true;
  if (v.category === 'borderline') return v.noticeCategories.includes('borderline');
  return v.temporaryType !== 'emergency' && v.noticeCategories.includes('temporary_expense');
}

export function requiredSteps(v: CaseVariant): RequiredStep[] {
  const steps: RequiredStep[] = checkedCategories.includes(v.category) ? ['check', 'visit'] : ['visit'];
  if (needsNotice(v)) steps.push('notice');
  if (v.staffRelative) steps.push('county_visit');
  return steps;
}

/** The steps the recorded actions completed: a 公示 counts only when it ended after the last township opinion. */
export function completedSteps(recorded: readonly RecordedAction[]): Set<RequiredStep> {
  const done = new Set<RequiredStep>();
  let noticeEnded = false;
  for (const r of recorded) {
    if (r.action === 'complete_check') done.add('check');
    if (r.action === 'record_visit' || r.action === 'record_followup_visit') {
      done.add('visit');
      if (r.actorDivision && isCountyOrAbove(r.actorDivision)) done.add('county_visit');
    }
    if (r.action === 'township_agree' || r.action === 'township_disagree' || r.action === 'object') noticeEnded = false;
    if (r.action === 'end_notice') noticeEnded = true;
  }
  if (noticeEnded) done.add('notice');
  return done;
}

/** Actions that decide a case: they need the category's required steps. */
const deciding: readonly ActionCode[] = ['approve', 'complete_paperwork'];

/** What `whyNot` needs to judge the required steps: the case's variant and its history. */
export interface CaseHistory {
  variant: CaseVariant;
  recorded: readonly RecordedAction[];
}

/**
 * The case workflow on the casework kernel. The township's agreement records whether the case goes
 * to 公示 (data.notice = false: straight to the decision); a decision needs the category's required
 * steps (Z6: out of order is refused with the reason, and where 公示 is missing the approver is told
 * it can be sent back).
 */
export const caseWorkflow = defineWorkflow<CaseStatus, ActionCode, AssistanceCategory, CaseHistory>({
  states: caseStatuses,
  actions,
  finalStates: finalStatuses,
  categoryNoun: '救助',
  deadlines: legalDeadlines,
  destination: (code, data) =>
    code === 'township_agree' && (data as { notice?: boolean } | undefined)?.notice === false ? 'awaiting_decision' : undefined,
  guard(code, status, history) {
    if (!deciding.includes(code)) return null;
    const done = completedSteps(history.recorded);
    const missing = requiredSteps(history.variant).filter((step) => !done.has(step));
    if (!missing.length) return null;
    const back = missing.includes('notice') && status === 'awaiting_decision' ? '；可「退回重新调查并公示」' : '';
    return `尚未完成${missing.map((m) => `「${requiredStepLabels[m]}」`).join('、')}，不能执行「${actions[code].label}」${back}`;
  },
});

export const { statusOf, nextStatus, whyNot, dutyConflict, allowedActions, stepsFrom } = caseWorkflow;
/** The deadline of `status` for a category in a county and month: the rule's, else the platform default, else none. */
export const stageDeadline = caseWorkflow.deadline;
