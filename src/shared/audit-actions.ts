/**
 * Every audit action the platform writes, with the Chinese an auditor reads, in one list joined from
 * the modules' own (src/shared/<module>/audit-actions.ts, each declared in its module's manifest):
 * the audit export and the server's filter check use it, the audit page takes the same lists from
 * the web modules (src/web/features/index.ts). A unit test (audit-actions.test.ts) reads every
 * `audit(...)` call under src/server and fails on an action written without a label here, or a label
 * here for an action no code writes, or one declared by two modules; likewise for object types and
 * the top-level keys of `details`.
 *
 * Details are shown in words: amounts in 元, yes/no, code names, search filters as 字段：值, division
 * codes as names (the reader passes `names.division`), never JSON. Runs in the browser too.
 */
import { agencies, agencyFileKinds, rowOutcomes } from './registry/agency-files.js';
import { yuan } from './money.js';
import { monthLabel } from './dates.js';
import { defaultRoles } from './permissions.js';
import { benefitTypes, hukouTypes } from './registry-codes.js';
import { eventSources, maritalStatuses, relationKinds } from './registry/life-events.js';
import { organisationRoleKinds, organisationStatuses } from './registry/organisation-codes.js';
import {
  assistanceCategories,
  caseStatuses,
  checkAgencies,
  documentKinds,
  incomeKinds,
  noticeCategories,
  parameterKeys,
  printables,
  standardHukouTypes,
  standardKinds,
  type ParameterKey,
} from './assistance-codes.js';
import type { AuditActionLabel, ModuleAuditLabels } from './audit/labels.js';
import { supportModes } from './assistance/support-mode.js';
import { amountsText, bandAmounts } from './elderly-allowance/policy.js';
import { allowanceBands, allowanceStopReasons } from './elderly-allowance/codes.js';
import { adminAudit } from './admin/audit-actions.js';
import { assistanceAudit } from './assistance/audit-actions.js';
import { elderlyAllowanceAudit } from './elderly-allowance/audit-actions.js';
import { auditAudit } from './audit/audit-actions.js';
import { authAudit } from './auth/audit-actions.js';
import { calendarAudit } from './platform/calendar-audit-actions.js';
import { portalAudit } from './portal/audit-actions.js';
import { registryAudit } from './registry/audit-actions.js';
import { paymentsAudit } from './payments/audit-actions.js';
import { divisionsAudit } from './divisions/audit-actions.js';
import { changeKinds, changeStatuses } from './divisions/changes.js';
import { visitsAudit } from './visits/audit-actions.js';
import { verifyAudit } from './verify/audit-actions.js';
import { volunteersAudit } from './volunteers/audit-actions.js';
import { consentMethods, registrationSources, volunteerFields } from './volunteers/codes.js';

/** Every module's list, one line each, in the order the action filter lists its groups and actions. */
export const moduleAuditLists = [
  authAudit,
  registryAudit,
  adminAudit,
  calendarAudit,
  portalAudit,
  auditAudit,
  paymentsAudit,
  divisionsAudit,
  visitsAudit,
  verifyAudit,
  assistanceAudit,
  elderlyAllowanceAudit,
  volunteersAudit,
];

type GroupsOf<T> = T extends ModuleAuditLabels<infer G> ? G : never;
export type AuditModule = GroupsOf<(typeof moduleAuditLists)[number]>;

/** The groups of the audit page's action filter (one module may have several). */
export const auditModules = Object.assign({}, ...moduleAuditLists.map((m) => m.groups)) as Record<AuditModule, string>;

export type AuditActionDef = AuditActionLabel<AuditModule>;

/**
 * Action code → label and group, in the order the filter lists them. Every group named is one of
 * `auditModules` (audit-actions.test.ts holds it).
 */
export const auditActions = Object.assign({}, ...moduleAuditLists.map((m) => m.actions)) as Record<string, AuditActionDef>;

export const isAuditAction = (code: string): boolean => Object.hasOwn(auditActions, code);
export const auditActionsOf = (module: AuditModule): string[] => Object.keys(auditActions).filter((a) => auditActions[a].module === module);
/** The label, or, for a code this list does not know (an old row), the code itself marked as such. */
export const auditActionLabel = (code: string): string => auditActions[code]?.label ?? `未登记的操作（${code}）`;

/** Object types of audit rows (and of damaged-field references, FieldView). */
export const auditObjectTypes: Record<string, string> = {
  person: '人员',
  household: '家庭',
  benefit: '待遇记录',
  user: '用户',
  role: '角色',
  organisation: '组织',
  audit: '审计日志',
  signup: '居民注册',
  outbox: '发件箱',
  calendar_year: '节假日安排',
  assistance_case: '救助案件',
  assistance_entitlement: '救助待遇',
  assistance_roll: '发放名册',
  assistance_standard: '救助标准',
  assistance_parameter: '政策参数',
  payee_account: '发放账户',
  bank_format: '银行代发格式',
  agency_file: '部门比对名单',
  division_change: '区划变更',
  visit: '探访记录',
  visit_programme: '探访项目',
  issued_document: '可核验文书',
  elderly_allowance: '高龄津贴',
  elderly_allowance_roll: '高龄津贴发放名册',
  elderly_allowance_amounts: '高龄津贴标准',
  volunteer: '志愿者',
};

/** What an audit row carries, as the reader has it. */
export interface AuditRowLike {
  action: string;
  objectType: string | null;
  objectId: string | null;
  details: Record<string, unknown> | null;
}

/** Names the reader looks up (division codes → full names); a code without a name is shown as the code. */
export interface AuditNames {
  division?: (code: string) => string | undefined;
}

type Show = (value: unknown, row: AuditRowLike, names: AuditNames) => string;

export interface AuditDetailSpec {
  label: string;
  show?: Show;
  /** Already shown with the object (救助案件 2026D0000001), so not repeated among the details. */
  inObject?: boolean;
}

// ---- value formatters -------------------------------------------------------------------------

const isBlank = (v: unknown) => v === undefined || v === null || v === '';
const num = (v: unknown) => (typeof v === 'number' ? v : Number(v));

/** Any value in words: 是/否, lists joined with 、, objects as 字段：值 — never JSON. */
export function plain(v: unknown): string {
  if (v === undefined || v === null || v === '') return '无';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return v.length ? v.map(plain).join('、') : '无';
  if (typeof v === 'object') {
    const parts = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => !isBlank(x))
      .map(([k, x]) => `${k}：${plain(x)}`);
    return parts.length ? parts.join('，') : '无';
  }
  return String(v);
}
const text: Show = (v) => plain(v);
const fen: Show = (v) =>
  typeof v === 'number' || (typeof v === 'string' && v !== '' && !Number.isNaN(Number(v))) ? `${yuan(num(v))} 元` : plain(v);
const yesNo: Show = (v) => (typeof v === 'boolean' ? (v ? '是' : '否') : plain(v));
const month: Show = (v) => (typeof v === 'string' && /^\d{4}-\d{2}$/.test(v) ? monthLabel(v) : plain(v));
const unit =
  (u: string): Show =>
  (v) =>
    isBlank(v) ? '无' : `${plain(v)} ${u}`;
const numbered =
  (prefix: string): Show =>
  (v) =>
    isBlank(v) ? '无' : `${prefix}#${plain(v)}`;
const codes =
  (names: Record<string, string>): Show =>
  (v) => {
    if (Array.isArray(v)) return v.length ? v.map((c) => names[String(c)] ?? String(c)).join('、') : '无';
    return isBlank(v) ? '无' : (names[String(v)] ?? plain(v));
  };
const division: Show = (v, _row, names) => (typeof v === 'string' && v !== '' ? (names.division?.(v) ?? v) : plain(v));
/** A county code; '' is a city-wide value (standards and parameters). */
const county: Show = (v, row, names) => (v === '' ? '全市统一' : division(v, row, names));
const bytes: Show = (v) => {
  const n = num(v);
  if (Number.isNaN(n)) return plain(v);
  return n < 1024 ? `${n} 字节` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
};
const roleNames: Record<string, string> = Object.fromEntries(defaultRoles.map((r) => [r.code, r.name]));
const roles = codes(roleNames);
/** `{before, after}` → 否 → 是. */
const change =
  (inner: Show): Show =>
  (v, row, names) => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return inner(v, row, names);
    const { before, after } = v as { before?: unknown; after?: unknown };
    return `${inner(before, row, names)} → ${inner(after, row, names)}`;
  };

// ---- code lists the details use ---------------------------------------------------------------

/** Why a login or a confirmation failed (auth/login.ts). */
const authReasons = {
  locked: '账号已锁定',
  disabled: '账号已停用',
  unknown_user: '无此账号',
  bad_password: '密码错误',
  bad_old_password: '原密码错误',
  totp_invalid: '动态口令错误',
  totp_reused: '动态口令已使用过',
};
const reviewKinds = { reviewed: '复核完成，金额不变', adjusted: '复核完成，金额调整', taper: '进入渐退期', stopped: '不再符合条件，停发' };
const checkDecisions = { accept: '采用核对结果', override: '不采用，保留申报' };
const personFields: Record<string, string> = {
  name: '姓名',
  idNumber: '身份证号',
  noIdReason: '无身份证号原因',
  sex: '性别',
  birthDate: '出生日期',
  phone: '联系电话',
  hukouDivisionCode: '户籍地',
  residenceDivisionCode: '居住地',
  hukouType: '户口性质',
  disabilityType: '残疾类别',
  disabilityGrade: '残疾等级',
  healthNotes: '健康状况',
  bankAccount: '银行账号',
};
const userFields: Record<string, string> = {
  displayName: '姓名',
  roles: '角色',
  divisionCode: '管辖区划',
  organisationId: '所属组织',
  disabled: '停用',
  unlock: '解除锁定',
};

/** The fields of the logged search filters (registry, users, cases): label and how its value reads. */
const filterFields: Record<string, { label: string; show: Show }> = {
  name: { label: '姓名', show: text },
  headName: { label: '户主姓名', show: text },
  idNumber: { label: '身份证号', show: text },
  divisionCode: { label: '区划', show: division },
  householdId: { label: '家庭', show: numbered('') },
  role: { label: '角色', show: roles },
  kind: { label: '账号类型', show: codes({ staff: '工作人员', resident: '居民' }) },
  status: { label: '状态', show: codes(caseStatuses) },
  category: { label: '救助类别', show: codes(assistanceCategories) },
  band: { label: '年龄段', show: codes(allowanceBands) },
  page: { label: '页码', show: (v) => `第 ${plain(v)} 页` },
  registeredFrom: { label: '注册日期起', show: text },
  registeredTo: { label: '注册日期止', show: text },
  organisationId: { label: '志愿服务组织', show: numbered('组织 ') },
};
/** `q` reads differently per list. */
const queryLabel = (action: string) =>
  action.startsWith('assistance_case.') ? '申请编号或姓名' : action.startsWith('user.') ? '用户名或姓名' : '关键词';

const filter: Show = (v, row, names) => {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return plain(v);
  const parts = Object.entries(v as Record<string, unknown>)
    .filter(([k, x]) => !isBlank(x) && k !== 'pageSize' && !(k === 'page' && num(x) === 1))
    .map(([k, x]) => {
      if (k === 'q') return `${queryLabel(row.action)}：${plain(x)}`;
      const f = filterFields[k];
      return f ? `${f.label}：${f.show(x, row, names)}` : `${k}：${plain(x)}`;
    });
  return parts.length ? parts.join('，') : '无（全部）';
};

/** A finding of the economic check (assistance/checks/check.ts findingsOf): `income:<personId>:<kind>`, `assets:deposits` … */
const finding: Show = (v) => {
  const key = String(v ?? '');
  const [what, a, b] = key.split(':');
  if (what === 'income' && a) return `人员 #${a} 的${incomeKinds[b as keyof typeof incomeKinds] ?? '收入'}`;
  if (what === 'business' && a) return `人员 #${a} 登记有市场主体`;
  const assets: Record<string, string> = { deposits: '家庭存款', vehicles: '机动车', houses: '住房以外的房产' };
  if (what === 'assets' && a && assets[a]) return assets[a];
  return plain(v);
};

/** A policy parameter's value (`assistance.parameter.set`; the key is the row's object id). */
const parameterValue: Show = (v, row) => {
  const key = row.objectId as ParameterKey | null;
  const list = (names: Record<string, string>) => codes(names)(v, row, {});
  switch (key) {
    case 'employment_cost_deduction_fen':
    case 'temporary_township_limit_fen':
    case 'temporary_reserve_fund_fen':
      return fen(v, row, {});
    case 'borderline_factor':
      return `${plain(v)} 倍`;
    case 'deposit_limit_months':
      return `人均不超过 ${plain(v)} 个月低保标准`;
    case 'review_interval_months': {
      const r = (v ?? {}) as { stable?: unknown; irregular?: unknown };
      return `收入稳定的每 ${plain(r.stable)} 个月复核，收入不固定的每 ${plain(r.irregular)} 个月复核`;
    }
    case 'taper_max_months':
      return `${plain(v)} 个月`;
    case 'vehicle_limit':
      return `${plain(v)} 辆`;
    case 'extra_house_limit':
      return `${plain(v)} 套`;
    case 'tekun_sample_rate':
      return typeof v === 'number' ? `${Math.round(v * 1000) / 10}%` : plain(v);
    case 'excluded_income_kinds':
      return list(incomeKinds);
    case 'approval_delegated':
      return list(assistanceCategories);
    case 'shortfall_benefit_types':
      return list(benefitTypes);
    case 'notice_categories':
      return list(noticeCategories);
    case 'banded_amounts':
      return Array.isArray(v) && v.length
        ? (v as { maxShortfallFen: number; amountFen: number }[])
            .map((b) => `差额不超过 ${yuan(b.maxShortfallFen)} 元发 ${yuan(b.amountFen)} 元`)
            .join('；')
        : '不分档';
    case 'stage_deadline_days':
      if (v && typeof v === 'object') {
        return Object.entries(v as Record<string, Record<string, number>>)
          .map(
            ([cat, stages]) =>
              `${assistanceCategories[cat as keyof typeof assistanceCategories] ?? cat}：${Object.entries(stages ?? {})
                .map(([s, d]) => `${caseStatuses[s as keyof typeof caseStatuses] ?? s} ${d} 个工作日`)
                .join('、')}`,
          )
          .join('；');
      }
      return plain(v);
    default:
      return plain(v);
  }
};

/** 高龄津贴's amounts by band (`elderly_allowance.amounts.set`). */
const elderlyAmounts: Show = (v) => {
  const r = bandAmounts.safeParse(v);
  return r.success ? amountsText(r.data) : plain(v);
};

// ---- the detail keys ----------------------------------------------------------------------------

/** Top-level keys of `details`, as the server writes them (the unit test holds this complete). */
export const auditDetailKeys: Record<string, AuditDetailSpec> = {
  reason: { label: '事由', show: text },
  account: { label: '账号情况', show: codes(authReasons) },
  minutes: { label: '锁定时长', show: unit('分钟') },
  totp: { label: '使用动态口令', show: yesNo },
  totpSetupDue: { label: '须设置动态口令', show: yesNo },
  otherSessionsEnded: { label: '结束的其他会话', show: unit('个') },
  totpRequired: { label: '须使用动态口令', show: change(yesNo) },
  via: { label: '途径', show: codes({ 'operator console': '运维控制台' }) },
  filter: { label: '条件', show: filter },
  count: { label: '结果数', show: unit('条') },
  total: { label: '结果数', show: unit('条') },
  agencyFileKind: { label: '名单类别', show: codes(agencyFileKinds) },
  sender: { label: '来源部门', show: codes(agencies) },
  outcome: { label: '比对结果', show: codes(rowOutcomes) },
  matched: { label: '可登记', show: unit('行') },
  conflict: { label: '有冲突', show: unit('行') },
  unmatched: { label: '未匹配', show: unit('行') },
  duplicate: { label: '已登记过', show: unit('行') },
  invalid: { label: '数据有误', show: unit('行') },
  applied: { label: '已登记', show: unit('行') },
  dismissed: { label: '已忽略', show: unit('行') },
  refused: { label: '未能登记', show: unit('行') },
  fields: { label: '修改的字段', show: text },
  field: { label: '字段', show: codes(personFields) },
  more: { label: '另有', show: unit('处未逐条记录') },
  before: { label: '修改前', show: roles },
  after: { label: '修改后', show: roles },
  roles: { label: '角色', show: roles },
  divisionCode: { label: '区划', show: division },
  username: { label: '用户名', show: text, inObject: true },
  personId: { label: '人员', show: numbered('人员 ') },
  members: { label: '成员数', show: unit('人') },
  linked: { label: '已在人口库的成员', show: unit('人') },
  fromCase: { label: '来自救助案件', show: numbered('') },
  hukouDivisionCode: { label: '户籍地', show: division },
  correctedFrom: { label: '更正前户籍地', show: division },
  correctedType: { label: '更正前户口性质', show: codes(hukouTypes) },
  type: { label: '待遇类别', show: codes(benefitTypes) },
  monthlyAmountFen: { label: '月金额', show: fen },
  endMonth: { label: '截止月份', show: month },
  jobId: { label: '任务', show: numbered('') },
  ok: { label: '校验结果', show: (v) => (v === true ? '完好' : v === false ? '断裂' : plain(v)) },
  checked: { label: '已校验', show: unit('条') },
  offPeriods: { label: '放假安排', show: unit('段') },
  workDays: { label: '调休上班', show: unit('天') },
  // Social assistance
  caseNo: { label: '申请编号', show: text, inObject: true },
  caseId: { label: '案件', show: numbered('') },
  from: { label: '原状态', show: (v, row, names) => (isBlank(v) ? '（新案件）' : codes(caseStatuses)(v, row, names)) },
  to: { label: '新状态', show: codes(caseStatuses) },
  document: { label: '文书', show: codes(printables) },
  kind: { label: '类别', show: text },
  hukouType: { label: '城乡', show: codes(standardHukouTypes) },
  countyCode: { label: '地区', show: county },
  effectiveMonth: { label: '生效月份', show: month },
  month: { label: '月份', show: month },
  fileId: { label: '文件', show: numbered('') },
  size: { label: '大小', show: bytes },
  key: { label: '核对发现', show: finding },
  decision: { label: '处理', show: codes(checkDecisions) },
  agency: { label: '回复部门', show: codes(checkAgencies) },
  batch: { label: '核对批次', show: numbered('') },
  rows: { label: '行数', show: unit('行') },
  matchedChecks: { label: '匹配的核对', show: unit('户') },
  only: { label: '范围', show: codes({ due: '到期应复核的对象', all: '全部在享对象' }) },
  created: { label: '新发起核对', show: unit('户') },
  monthlyFen: { label: '月救助金', show: fen },
  startMonth: { label: '起始月份', show: month },
  noticeEnds: { label: '公示截止', show: text },
  afterNotice: { label: '终止公示截止', show: text },
  oldAccount: { label: '原账号', show: text },
  newAccount: { label: '新账号', show: text },
  lines: { label: '名册行数', show: unit('行') },
  totalFen: { label: '合计金额', show: fen },
  fullAccounts: { label: '打印完整银行账号', show: yesNo },
  scope: { label: '打印范围', show: division },
  format: { label: '文件格式', show: codes({ csv: 'CSV', xlsx: 'Excel' }) },
  onlyFailed: { label: '仅补发失败的', show: yesNo },
  bankFormat: { label: '银行代发格式', show: numbered('') },
  name: { label: '名称', show: text },
  sheetName: { label: '工作表', show: text },
  columns: { label: '列（列名 ← 字段）', show: text },
  result: { label: '回盘文件（列名与结果）', show: text },
  paid: { label: '发放成功', show: unit('笔') },
  failed: { label: '发放失败', show: unit('笔') },
  amountFen: { label: '标准', show: (v, row, names) => `${fen(v, row, names)}/人·月` },
  note: { label: '备注', show: text },
  value: { label: '新值', show: parameterValue },
  // Life events (registry)
  diedOn: { label: '死亡日期', show: text },
  revokedDiedOn: { label: '撤销的死亡日期', show: text },
  firstMonthNotCovered: { label: '不再计入保障人口的月份', show: month },
  source: { label: '来源', show: codes(eventSources) },
  movedOn: { label: '变更日期', show: text },
  movedOutOn: { label: '户口迁出日期', show: text },
  resumeMonth: { label: '恢复发放月份', show: month },
  stopReason: { label: '停发原因', show: codes(allowanceStopReasons) },
  relationId: { label: '关系', show: numbered('') },
  spellId: { label: '外出务工记录', show: numbered('') },
  enrolmentId: { label: '就读记录', show: numbered('') },
  // The organisation registry
  organisationStatus: { label: '组织状态', show: codes(organisationStatuses) },
  organisationRole: { label: '平台角色', show: codes(organisationRoleKinds) },
  fosterHouseholdId: { label: '寄养家庭', show: numbered('家庭 ') },
  // Dated divisions (区划变更)
  summary: { label: '变更内容', show: text },
  effectiveDate: { label: '生效日期', show: text },
  documentNo: { label: '批准文号', show: text },
  mapped: { label: '代码对照', show: unit('条') },
  counts: { label: '改码行数（表.列：行数）', show: text },
  frozen: { label: '未改码的表（已审核、已出具）', show: text },
  changeStatus: { label: '作废前状态', show: codes(changeStatuses) },
  // Visits (platform/visits)
  programme: { label: '探访项目', show: text },
  photos: { label: '照片', show: unit('张') },
  workerUserId: { label: '探访人员', show: numbered('用户 ') },
  // 供养方式 (social assistance)
  supportMode: { label: '供养方式', show: codes(supportModes) },
  facility: { label: '供养机构', show: text },
  // Verifiable documents
  number: { label: '文号', show: text },
  // Volunteers (志愿服务)
  registrationSource: { label: '登记渠道', show: codes(registrationSources) },
  organisationId: { label: '志愿服务组织', show: numbered('组织 ') },
  guardianPersonId: { label: '同意的监护人', show: numbered('人员 ') },
  consentMethod: { label: '监护人同意方式', show: codes(consentMethods) },
};

/** Keys whose meaning depends on the action (a document's kind, a standard's kind, a review's outcome …). */
const byAction: Record<string, Record<string, AuditDetailSpec>> = {
  'auth.login': { reason: { label: '原因', show: codes(authReasons) } },
  'auth.password_change': { reason: { label: '原因', show: codes(authReasons) } },
  'auth.totp_enable': { reason: { label: '原因', show: codes(authReasons) } },
  'auth.totp_change': { reason: { label: '原因', show: codes(authReasons) } },
  'auth.totp_disable': { reason: { label: '原因', show: codes(authReasons) } },
  'assistance_case.document': { kind: { label: '材料类别', show: codes(documentKinds) } },
  'division_change.record': { kind: { label: '变更类别', show: codes(changeKinds) } },
  'division_change.apply': { rows: { label: '改码记录合计', show: unit('行') } },
  'assistance.standard.add': { kind: { label: '标准类别', show: codes(standardKinds) } },
  'assistance.entitlement.review': { kind: { label: '复核结果', show: codes(reviewKinds) } },
  'assistance.entitlement.stop': { kind: { label: '原因', show: codes({ death: '本人去世' }) } },
  'assistance.entitlement.suspend': { kind: { label: '原因', show: codes({ death: '本人去世', payee_died: '领取人去世' }) } },
  'assistance.entitlement.death': { kind: { label: '原因', show: codes({ death: '家庭成员去世', death_revoked: '人口库撤销死亡登记' }) } },
  'person.relation_add': { kind: { label: '关系', show: codes(relationKinds) } },
  'person.marital_status': { to: { label: '婚姻状况', show: codes(maritalStatuses) } },
  'assistance.roll.lines': { total: { label: '明细', show: unit('行') } },
  'elderly_allowance.roll.lines': { total: { label: '明细', show: unit('行') } },
  'elderly_allowance.amounts.set': { value: { label: '各年龄段月标准', show: elderlyAmounts } },
  'bank_format.create': { name: { label: '银行', show: text } },
  'document.issue': { kind: { label: '文书', show: text } },
  'document.revoke': { kind: { label: '文书', show: text } },
  'bank_format.update': { name: { label: '银行', show: text } },
  'bank_format.retire': { name: { label: '银行', show: text } },
  'bank_format.restore': { name: { label: '银行', show: text } },
  'assistance.entitlement.search': { total: { label: '结果数', show: unit('户') } },
  'person.import_create': { rows: { label: '导入', show: unit('行') } },
  'person.import_update': { rows: { label: '导入', show: unit('行') } },
  'person.confirm_hukou': { hukouType: { label: '户口性质', show: codes(hukouTypes) } },
  'household.create': { created: { label: '新登记的成员', show: unit('人') } },
  'person.update': { fields: { label: '修改的字段', show: codes(personFields) } },
  'user.update': { fields: { label: '修改的字段', show: codes(userFields) } },
  'volunteer.correct': { fields: { label: '更正的字段', show: codes(volunteerFields) } },
};

export function auditDetailSpec(action: string, key: string): AuditDetailSpec | undefined {
  return byAction[action]?.[key] ?? auditDetailKeys[key];
}

export interface AuditDetailItem {
  key: string;
  label: string;
  text: string;
}

const keyOrder = new Map(Object.keys(auditDetailKeys).map((k, i) => [k, i]));
const orderOf = (k: string) => keyOrder.get(k) ?? keyOrder.size;

/**
 * The details of a row in words, in the order of `auditDetailKeys` (the database keeps no order:
 * jsonb sorts its keys); keys shown with the object are left out.
 */
export function auditDetailItems(row: AuditRowLike, names: AuditNames = {}): AuditDetailItem[] {
  return Object.entries(row.details ?? {})
    .filter(([k, v]) => v !== undefined && !auditDetailSpec(row.action, k)?.inObject)
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .map(([key, v]) => {
      const spec = auditDetailSpec(row.action, key);
      return { key, label: spec?.label ?? key, text: (spec?.show ?? text)(v, row, names) };
    });
}

/** `{reason: '入户核查身份', count: 3}` → 事由：入户核查身份；结果数：3 条 */
export function auditDetailsText(row: AuditRowLike, names: AuditNames = {}): string {
  return auditDetailItems(row, names)
    .map((i) => `${i.label}：${i.text}`)
    .join('；');
}

/** The row's object: its type's label with the id, or the case number, user name or parameter name it carries. */
export function auditObjectText(row: AuditRowLike): string {
  if (!row.objectType) return '';
  const type = auditObjectTypes[row.objectType] ?? row.objectType;
  const id = row.objectId;
  if (id === null || id === '') return type;
  const d = row.details ?? {};
  switch (row.objectType) {
    case 'assistance_case':
      return typeof d.caseNo === 'string' ? `${type} ${d.caseNo}（#${id}）` : `${type} #${id}`;
    case 'assistance_entitlement':
      return typeof d.caseNo === 'string' ? `${type} #${id}（案件 ${d.caseNo}）` : `${type} #${id}`;
    case 'user':
      return typeof d.username === 'string' ? `${type} ${d.username}（#${id}）` : `${type} #${id}`;
    case 'role':
      return `${type} ${roleNames[id] ?? id}`;
    case 'assistance_parameter':
      return `${type} ${parameterKeys[id as ParameterKey] ?? id}`;
    case 'calendar_year':
      return `${id} 年${type}`;
    default:
      return `${type} #${id}`;
  }
}

/** The division codes a row's details name, for the reader to look up (`names.division`). */
export function auditDivisionCodes(row: AuditRowLike): string[] {
  const found = new Set<string>();
  auditDetailItems(row, { division: (code) => (found.add(code), undefined) });
  return [...found];
}
