/**
 * Code lists of the organisation registry (docs/rules.md "The organisation registry"), code ↔ Chinese
 * name (docs/glossary.md). Runs in the browser too.
 */

/**
 * 法人类型: the three kinds of social organisation the civil-affairs bureau registers (《社会团体登记管理
 * 条例》, 《民办非企业单位登记管理暂行条例》 — 社会服务机构 since the 2016 慈善法 —, 《基金会管理条例》) and
 * the other legal persons the platform works with.
 */
export const organisationLegalTypes = {
  social_group: '社会团体',
  social_service: '社会服务机构（民办非企业单位）',
  foundation: '基金会',
  government: '机关',
  public_institution: '事业单位',
  enterprise: '企业',
} as const;
export type OrganisationLegalType = keyof typeof organisationLegalTypes;

/** 状态: 正常, 注销 (deregistered by the organisation's application), 撤销 (registration revoked). */
export const organisationStatuses = {
  active: '正常',
  deregistered: '注销',
  revoked: '撤销',
} as const;
export type OrganisationStatus = keyof typeof organisationStatuses;

/** The roles an organisation holds on the platform, each dated. */
export const organisationRoleKinds = {
  volunteer_organisation: '志愿服务组织',
  charity_organisation: '慈善组织（已认定）',
  care_facility: '养老机构',
  care_operator: '养老服务运营方',
  rescue_station: '救助管理站',
  social_work_agency: '社工机构',
  children_welfare: '儿童福利机构',
  minors_protection: '未成年人救助保护机构',
  charity_shop: '慈善超市',
  reporting_partner: '强制报告责任单位',
} as const;
export type OrganisationRoleKind = keyof typeof organisationRoleKinds;

/** What a reporting partner (强制报告责任单位) is: mandatory reports come from these. */
export const reportingPartnerKinds = {
  school: '学校',
  hospital: '医院',
  police_station: '派出所',
} as const;
export type ReportingPartnerKind = keyof typeof reportingPartnerKinds;

/** The role a foster family's contracting institution must hold (家庭寄养). */
export const FOSTER_CONTRACTOR_ROLE: OrganisationRoleKind = 'children_welfare';

/** What an organisation_events row names: a field of the organisation, or an event. */
export const organisationEventKinds = {
  created: '登记',
  imported: '导入登记',
  name: '名称',
  creditCode: '统一社会信用代码',
  legalType: '法人类型',
  registrationAuthority: '登记管理机关',
  legalRepName: '法定代表人',
  legalRepPersonId: '法定代表人（人口库）',
  address: '地址',
  divisionCode: '所在区划',
  parentId: '上级组织',
  status: '状态',
  role_add: '增加平台角色',
  role_end: '终止平台角色',
  foster_add: '签约寄养家庭',
  foster_end: '终止家庭寄养',
} as const;
export type OrganisationEventKind = keyof typeof organisationEventKinds;

/** The platform number of an unregistered team: JM and its id in eight digits (JM00000042). */
export const platformNumberOf = (id: number): string => `JM${String(id).padStart(8, '0')}`;
