/** The shapes of the recipients (救助对象), economic check and batch re-check answers (src/server/modules/assistance). */
import type { IncomeKind } from '../../../../shared/assistance-codes';

export interface IncomeItem {
  kind: IncomeKind;
  monthlyFen: number;
}

export interface EntitlementRow {
  id: number;
  category: string;
  categoryName: string;
  payeeName: string;
  divisionName: string | null;
  coveredCount: number;
  monthlyFen: number;
  breakdown: string;
  startMonth: string;
  endMonth: string | null;
  status: 'active' | 'suspended' | 'stopped';
  statusName: string;
  nextReviewDate: string | null;
  /** The last day of a 终止公示 under way. */
  stopNoticeEnds: string | null;
}

export interface EntitlementChange {
  id: number;
  kind: string;
  effectiveMonth: string;
  oldFen: number | null;
  newFen: number | null;
  breakdown: string | null;
  reason: string | null;
  actorUserId: number | null;
  at: string;
}

export interface EntitlementDetail {
  id: number;
  payeeName: string;
  caseId: number | null;
  householdId: number;
  category: string;
  status: 'active' | 'suspended' | 'stopped';
  monthlyFen: number;
  breakdown: string;
  startMonth: string;
  endMonth: string | null;
  nextReviewDate: string | null;
  version: number;
  /** The payee account the bank files use (masked); 更正发放账户 changes it. */
  bankName: string | null;
  bankAccount: string | null;
  /** 终止公示 under way: the stop it announces. */
  stopNotice: { ends: string; effectiveMonth: string; reason: string } | null;
  /** The earliest months a change may take effect from (a 特困 stop: after its 终止公示). */
  changeFrom: { month: string; stopMonth: string; stopNoticeEnds: string | null };
  inputs: { migrated?: boolean; members?: { personId: number; name: string; covered: boolean; incomes: IncomeItem[] }[] } & Record<
    string,
    unknown
  >;
  history: EntitlementChange[];
}

export const changeKinds: Record<string, string> = {
  account: '更正发放账户',
  granted: '审批通过',
  migrated: '存量迁移',
  reviewed: '复核（金额不变）',
  adjusted: '复核调整',
  taper: '渐退期',
  stopped: '停发',
  stop: '停发',
  stop_notice: '终止公示',
  stop_objection: '终止公示异议',
  suspend: '暂停发放',
  resume: '恢复发放',
  death_reported: '登记成员死亡',
  recomputed: '标准调整重算',
  facts_changed: '户籍信息变更重算',
};

export interface Finding {
  key: string;
  label: string;
  declared: string;
  found: string;
  apply: Record<string, unknown> | null;
  overLimit: string | null;
  sources: string[];
  decision?: { decision: 'accept' | 'override'; reason: string | null; by: number; at: string } | null;
}

export interface CaseCheck {
  id: number;
  status: 'requested' | 'replied' | 'completed' | 'reviewed' | string;
  repliedAgencies: { code: string; name: string }[];
  /** The agencies asked, each with whether it replied; the ones still missing. */
  agencies: { code: string; name: string; replied: boolean }[];
  missingAgencies: { code: string; name: string }[];
  /** The request-file batches that listed this check (核对批次号). */
  batches: number[];
  findings: Finding[];
  undecided: number;
}

export interface RecheckRow {
  entitlementId: number;
  version: number;
  payeeName: string;
  monthlyFen: number;
  breakdown: string;
  findings: Finding[];
  proposedFen: number;
  proposedBreakdown: string;
  stillEligible: boolean;
  foundIncomes: { personId: number; incomes: IncomeItem[] }[];
}
