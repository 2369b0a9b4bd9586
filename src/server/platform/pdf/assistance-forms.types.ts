/**
 * Inputs of the printable social-assistance (社会救助) documents. Plain data: the caller reads the case
 * and decides what to print. Money is integer 分 (fen); dates are 'YYYY-MM-DD', months 'YYYY-MM';
 * ID numbers are printed as given (pass them masked where the reader should not see them whole).
 * `category` is the Chinese label: 低保 / 特困 / 临时救助 / 低保边缘家庭.
 */

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
  /** 申请理由, free text. */
  reason: string;
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
}
