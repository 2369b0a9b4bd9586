/**
 * The shapes the social-assistance API answers with (src/server/modules/assistance). Code lists and
 * rules are in src/shared (assistance-codes.ts, assistance-rules.ts), shared with the server.
 */
import type { AssistanceCategory, CaseStatus, IncomeKind } from '../../../shared/assistance-codes';
import type { SelfCareItem } from '../../../shared/assistance-rules';

export interface CaseRow {
  id: number;
  caseNo: string;
  category: AssistanceCategory;
  categoryName: string;
  status: CaseStatus;
  statusName: string;
  applicantName: string;
  divisionCode: string;
  divisionName: string | null;
  channel: 'window' | 'online';
  staffRelative: boolean;
  dueDate: string | null;
  daysLeft: number | null;
  dueProvisional: boolean;
  caseDueDate: string | null;
  /** The whole-case limit runs into a year whose holidays are not entered. */
  caseDueProvisional: boolean;
  createdAt: string;
  /** 济时救: an 急难型 case not yet helped must be helped by this time (24 h; the most urgent 2 h). */
  urgentDueAt?: string | null;
}

export interface Worklist {
  items: CaseRow[];
  total: number;
  page: number;
  pageSize: number;
  nearDue: number;
  overdue: number;
}

interface AppMember {
  personId: number;
  covered: boolean;
  incomes: { kind: IncomeKind; monthlyFen: number }[];
  rigidCostsFen?: number;
  majorIllness?: boolean;
}

/** What the case stores of the application (the bank account is kept apart, encrypted). */
interface StoredApplication {
  category: AssistanceCategory;
  temporaryType?: 'emergency' | 'expense';
  mostUrgent?: boolean;
  householdId: number;
  applicantPersonId: number;
  members: AppMember[];
  assets: { depositsFen: number; vehicles: number; extraHouses: number };
  reason: string;
  singleCoverage?: boolean;
  selfCareUnable?: SelfCareItem[];
  hasAbleSupporter?: boolean;
  irregularIncome?: boolean;
  requestedAmountFen?: number;
  commitmentSigned: boolean;
  checkAuthorised: boolean;
  staffRelative: boolean;
}

export interface Computation {
  eligible: boolean;
  monthlyFen: number;
  breakdown: string;
  lines: string[];
  failures: string[];
}

export interface HistoryEntry {
  id: number;
  action: string;
  label: string;
  fromStatus: string | null;
  toStatus: string;
  actorName: string;
  at: string;
  reason: string | null;
  data: Record<string, unknown>;
  fileIds: number[];
}

export interface AllowedAction {
  code: string;
  label: string;
  reasonRequired: boolean;
  /** Why it cannot be done yet (a required step, separation of duties); the button is disabled. */
  blockedReason: string | null;
}

export interface CaseDetail extends CaseRow {
  version: number;
  temporaryType: 'emergency' | 'expense' | null;
  householdId: number;
  applicantPersonId: number;
  noticeEnds: string | null;
  acceptedOn: string | null;
  spotCheck: 'required' | 'passed' | 'failed' | null;
  application: StoredApplication;
  bankName: string | null;
  bankAccountMasked: string | null;
  members: {
    personId: number;
    name: string;
    relation: string | null;
    birthDate: string | null;
    hukouType: 'urban' | 'rural';
    idNumberMasked: string | null;
  }[];
  computation: Computation | null;
  entitlement: {
    id: number;
    monthlyFen: number;
    breakdown: string;
    startMonth: string;
    endMonth: string | null;
    status: 'active' | 'suspended' | 'stopped';
  } | null;
  deadline: {
    workingDays?: number;
    calendarDays?: number;
    byCategory?: Partial<Record<AssistanceCategory, number>>;
    source: string;
  } | null;
  history: HistoryEntry[];
  allowedActions: AllowedAction[];
}

export interface CaseDocument {
  fileId: number;
  kind: string;
  kindName: string;
  name: string;
  mime: string;
  uploadedAt: string;
}

/** GET /api/assistance/prefill and /api/portal/assistance/prefill. */
export interface Prefill {
  category: AssistanceCategory;
  householdId: number;
  applicantPersonId: number;
  members: {
    personId: number;
    name: string;
    relation: string | null;
    covered: boolean;
    incomes: { kind: IncomeKind; monthlyFen: number }[];
  }[];
}

export interface Roll {
  id: number;
  countyCode: string;
  countyName: string | null;
  month: string;
  status: 'building' | 'built' | 'approved';
  /** Households (persons) and amount of the lines the viewer may see: the whole roll where `wholeRoll`, else their part of it (本辖区). */
  lines: number;
  totalFen: number;
  /** Whether the viewer sees the whole county's roll (county and city staff). */
  wholeRoll: boolean;
  builtAt: string | null;
  approvedAt: string | null;
  jobId: number | null;
}

export interface RollLine {
  entitlementId: number;
  lineNo: string;
  payeeName: string;
  divisionName: string | null;
  category: string;
  categoryName: string;
  coveredCount: number;
  amountFen: number;
  breakdown: string;
  bankName: string | null;
  paymentStatus: 'pending' | 'paid' | 'failed' | 'reissued';
  failureReason: string | null;
}

export interface RollLines {
  roll: {
    id: number;
    countyCode: string;
    month: string;
    status: Roll['status'];
    /** Of every line the viewer may see: the whole roll where `wholeRoll`, else their part of it (本辖区). */
    lines: number;
    totalFen: number;
    wholeRoll: boolean;
    /** Why this user's approval would be refused (who built the roll does not approve it), or null. */
    approveBlockedReason: string | null;
  };
  items: RollLine[];
  total: number;
  totalFen: number;
  page: number;
  pageSize: number;
}

export interface Standard {
  id: number;
  kind: string;
  kindName: string;
  hukouType: 'urban' | 'rural' | 'all';
  hukouTypeName: string;
  countyCode: string;
  effectiveMonth: string;
  amountFen: number;
  note: string | null;
  createdAt: string;
}

export interface Parameter {
  id: number;
  key: string;
  name: string;
  countyCode: string;
  effectiveMonth: string;
  value: unknown;
  createdAt: string;
}
