/**
 * Inputs of the printable social-assistance (社会救助) documents. Plain data: the caller reads the case
 * and decides what to print. Money is integer 分 (fen); dates are 'YYYY-MM-DD', months 'YYYY-MM';
 * ID numbers are printed as given (pass them masked where the reader should not see them whole).
 * `category` is the Chinese label: 低保 / 特困 / 临时救助 / 低保边缘家庭.
 */
import type { VerificationMark } from './document.js';

export interface HouseholdMemberRow {
  name: string;
  /** Relation to the applicant: 本人, 配偶, 子女, 父母 … */
  relation: string;
  idNumber: string;
  /** 男 / 女 */
  sex: string;
  age: number;
  /** Whether the member is covered by the assistance applied for. */
  covered: boolean;
  monthlyIncomeFen: number;
}

export interface DeclaredIncomeItem {
  /** e.g. 工资性收入, 经营净收入, 财产净收入, 转移净收入 */
  kind: string;
  /** The member the income belongs to, when it is one person's. */
  memberName?: string;
  monthlyAmountFen: number;
  note?: string;
}

export interface DeclaredAsset {
  /** e.g. 存款, 机动车辆, 房产, 有价证券 */
  kind: string;
  description: string;
  /** Declared value, when it has one. */
  valueFen?: number;
}

/** A rigid expenditure the application declares (因病因残刚性支出, used for 支出型 assistance). */
export interface RigidCostItem {
  memberName: string;
  /** e.g. 因病因残刚性支出 */
  kind: string;
  monthlyAmountFen: number;
  /** e.g. 重大疾病 */
  note?: string;
}

/** An opinion recorded in the case history, printed in its box on the form. */
export interface RecordedOpinion {
  /** What was decided, with the reason or opinion as recorded: "同意。…", "不同意。理由：…". */
  text: string;
  /** Who recorded it. */
  actorName: string;
  /** The body whose stamp goes beside it: 许庄街道办事处, 任城区民政局. */
  office: string;
  /** When, 'YYYY-MM-DD' (Beijing date). */
  date: string;
}

export interface ApplicationFormInput {
  caseNo: string;
  category: string;
  applicationDate?: string;
  applicantName: string;
  idNumber: string;
  phone: string;
  /** Hukou address: the division name, e.g. 济宁市任城区南张街道某某村. */
  hukouAddress: string;
  members: HouseholdMemberRow[];
  incomes: DeclaredIncomeItem[];
  assets: DeclaredAsset[];
  /** Declared rigid expenditures; none prints 无. */
  rigidCosts?: RigidCostItem[];
  /** 临时救助: the amount applied for. */
  requestedAmountFen?: number;
  /** 申请理由, free text. */
  reason: string;
  /** 乡镇（街道）意见 as recorded (township_agree / township_disagree); absent: a blank box to fill by hand. */
  townshipOpinion?: RecordedOpinion;
  /** 审批意见 as recorded (approve / refuse); absent: a blank box. */
  decision?: RecordedOpinion;
}

export interface HomeVisitRecordInput {
  caseNo: string;
  category?: string;
  applicantName: string;
  /** Address of the household visited. */
  address: string;
  memberCount: number;
  visitDate: string;
  /** At least two investigators visit together. */
  investigators: string[];
  findings: {
    housing: string;
    livingConditions: string;
    income: string;
    other?: string;
  };
  photoCount: number;
}

export interface RefusalNoticeInput {
  caseNo: string;
  category: string;
  applicantName: string;
  applicationDate?: string;
  /** The written reason for the refusal. */
  reason: string;
  /** Where reconsideration is applied for, e.g. 任城区人民政府. */
  reconsiderationBody: string;
  /** Issuing office, e.g. 任城区民政局. */
  issuingOffice: string;
  date: string;
}

export interface ApprovalNoticeInput {
  caseNo: string;
  category: string;
  applicantName: string;
  applicationDate?: string;
  coveredMembers: number;
  monthlyAmountFen: number;
  /** How the amount was computed, e.g. "924 × 3 − 1,200 = 1,572 元". */
  breakdown: string;
  /** First month paid, 'YYYY-MM'. */
  startMonth: string;
  issuingOffice: string;
  date: string;
  /** The notice's verification QR and code (platform/verify), printed below the issuing office. */
  verification?: VerificationMark;
}
