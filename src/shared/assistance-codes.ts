/** Code lists of social assistance, code ↔ Chinese name (docs/glossary.md). Runs in the browser too. */

export const assistanceCategories = { dibao: '低保', tekun: '特困', temporary: '临时救助', borderline: '低保边缘家庭' } as const;
export type AssistanceCategory = keyof typeof assistanceCategories;

export const temporaryTypes = { emergency: '急难型', expense: '支出型' } as const;
export const urgencies = { normal: '一般（24小时内）', most_urgent: '最紧急（2小时内）' } as const;

/** Standard kinds (救助标准), per person per month. */
export const standardKinds = {
  dibao: '低保标准',
  tekun_basic: '特困基本生活标准',
  tekun_care_self: '特困照料护理（全自理）',
  tekun_care_partial: '特困照料护理（部分丧失）',
  tekun_care_total: '特困照料护理（完全丧失）',
  orphan_institutional: '集中养育孤儿基本生活费',
  orphan_scattered: '散居孤儿和事实无人抚养儿童基本生活费',
  child_difficulty: '重点困境儿童基本生活费',
} as const;
export type StandardKind = keyof typeof standardKinds;
export const standardHukouTypes = { urban: '城市', rural: '农村', all: '城乡统一' } as const;

/** Income kinds of a member (declared or found by the economic check). */
export const incomeKinds = {
  wage: '工资性收入',
  business: '经营净收入',
  property: '财产净收入',
  transfer: '转移净收入',
  pension: '养老金',
  youfu: '优抚对象抚恤补助',
  award: '奖励',
  scholarship: '奖学金、助学金',
  assistance: '社会救助金',
  basic_pension_central: '城乡居民基础养老金（中央部分）',
} as const;
export type IncomeKind = keyof typeof incomeKinds;

/** Configurable policy values (assistance_parameters). */
export const parameterKeys = {
  borderline_factor: '低保边缘家庭认定倍数（× 低保标准）',
  employment_cost_deduction_fen: '就业成本扣减（每名就业成员每月，元）',
  excluded_income_kinds: '不计入家庭收入的项目',
  rigid_cost_deduction: '是否扣减刚性支出（因病因残）',
  deposit_limit_months: '存款等金融资产上限（人均低保标准的月数）',
  vehicle_limit: '机动车上限（辆，不含残疾人功能性补偿代步车）',
  extra_house_limit: '家庭住房以外的房产上限（套）',
  approval_delegated: '审批权限下放乡镇的类别',
  temporary_township_limit_fen: '乡镇临时救助审批额度（元）',
  temporary_reserve_fund_fen: '乡镇临时救助备用金（每年，元）',
  review_interval_months: '复核周期（月）',
  taper_max_months: '渐退期最长月数',
  banded_amounts: '分档发放（按差额分档；为空则按差额发放）',
  tekun_sample_rate: '县级抽查特困档案比例',
  shortfall_benefit_types: '特困补差时扣减的其他待遇类型',
  notice_categories: '须公示的其他类别（低保、特困始终公示）',
  separation_of_duties: '不相容岗位分离（受理人、调查人不得审批；名册制作人不得审核）',
  stage_deadline_days: '无规定时限的办理环节期限（工作日，平台默认）',
} as const;

/** Categories whose 公示 a county decides (policy value notice_categories). */
export const noticeCategories = {
  borderline: '低保边缘家庭',
  temporary_expense: '支出型临时救助',
} as const;
export type ParameterKey = keyof typeof parameterKeys;

export const caseStatuses = {
  submitted: '待受理',
  supplementing: '待补正材料',
  accepted: '已受理（待核对）',
  checking: '经济状况核对中',
  visiting: '入户调查',
  township_review: '乡镇审核',
  notice: '公示中',
  awaiting_decision: '待审批',
  paid_first: '已先行救助（待补材料）',
  approved: '已批准',
  refused: '不予批准',
  rejected: '不予受理',
  withdrawn: '已撤回',
} as const;
export type CaseStatus = keyof typeof caseStatuses;

/** Kinds of the documents uploaded to a case (材料). */
export const documentKinds = {
  id_card: '身份证明',
  hukou: '户口簿',
  income: '收入证明',
  medical: '病历及医疗费用票据',
  disability: '残疾证',
  photo: '入户照片',
  commitment: '承诺书和授权书',
  other: '其他材料',
} as const;
export type DocumentKind = keyof typeof documentKinds;

/** The documents of a case the platform prints (PDF): the name is the paper's title and the file's name. */
export const printables = {
  application: '社会救助申请审批表',
  visit: '入户调查记录',
  refusal: '不予批准通知书',
  approval: '批准通知书',
} as const;
export type Printable = keyof typeof printables;

/** The agencies of the economic check (家庭经济状况核对), in the order of the request file and messages. */
export const checkAgencies = {
  bank: '银行存款',
  real_estate: '不动产登记',
  vehicle: '车辆登记',
  tax: '个人所得税',
  social_insurance: '社会保险',
  business: '市场主体登记',
  housing_fund: '住房公积金',
} as const;
export type CheckAgency = keyof typeof checkAgencies;

/** The columns of each agency's reply file after 批次号 (optional), 身份证号 and 姓名 (docs/economic-check.md). */
export const checkReplyColumns: Record<CheckAgency, readonly string[]> = {
  bank: ['开户银行', '存款余额（元）'],
  real_estate: ['不动产坐落', '建筑面积（平方米）'],
  vehicle: ['号牌号码', '车辆类型'],
  tax: ['年度收入额（元）'],
  social_insurance: ['月缴费基数（元）', '月养老金（元）'],
  business: ['市场主体名称', '注册资本（万元）'],
  housing_fund: ['月缴存基数（元）'],
};

export const entitlementStatuses = { active: '享受中', suspended: '暂停', stopped: '已停发' } as const;
export const paymentStatuses = { pending: '待发放', paid: '发放成功', failed: '发放失败', reissued: '已补发待回盘' } as const;
