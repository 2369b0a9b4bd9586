/**
 * Code lists of 志愿服务 (volunteers), code ↔ Chinese name (docs/glossary.md), and the age rule of
 * registration (docs/rules.md "Volunteers (志愿服务)"). Runs in the browser too.
 */

/** 服务类别: what a volunteer offers to serve in (the national system's categories, as the city uses them). */
export const serviceCategories = {
  community: '社区服务',
  elderly_disabled: '扶老助残',
  children: '关爱儿童',
  civilisation: '文明实践',
  emergency: '应急救援',
  environment: '环境保护',
  culture_sports: '文化体育',
  health: '医疗卫生',
  legal: '法律服务',
  other: '其他',
} as const;
export type ServiceCategory = keyof typeof serviceCategories;

/** 可服务时间. */
export const availableTimes = {
  weekday_day: '工作日白天',
  weekday_evening: '工作日晚上',
  weekend: '周末',
  holiday: '节假日',
  flexible: '时间灵活',
} as const;
export type AvailableTime = keyof typeof availableTimes;

/** 状态: 在册, 注销 (with its reason and date). */
export const volunteerStatuses = {
  registered: '在册',
  deregistered: '注销',
} as const;
export type VolunteerStatus = keyof typeof volunteerStatuses;

/** 登记渠道: the resident themselves on the portal, staff at a window, a roster import. */
export const registrationSources = {
  portal: '居民门户自助注册',
  window: '窗口登记',
  import: '批量导入',
} as const;
export type RegistrationSource = keyof typeof registrationSources;

/** How a minor's guardian gave the consent the registration records. */
export const consentMethods = {
  written: '书面同意',
  on_site: '现场同意',
} as const;
export type ConsentMethod = keyof typeof consentMethods;

/** What a volunteer's history records. */
export const volunteerActions = {
  register: '注册',
  reregister: '重新注册',
  correct: '更正信息',
  deregister: '注销',
} as const;
export type VolunteerAction = keyof typeof volunteerActions;

/** The fields a correction may change, with their Chinese names (history and audit). */
export const volunteerFields = {
  skills: '技能特长',
  categories: '服务类别',
  availableTimes: '可服务时间',
  divisionCode: '居住地（村、社区）',
  organisationId: '所在志愿服务组织',
} as const;
export type VolunteerField = keyof typeof volunteerFields;

/** 14: below it nobody registers; 18: from it a person registers alone (docs/rules.md "Volunteers (志愿服务)"). */
export const VOLUNTEER_MIN_AGE = 14;
export const VOLUNTEER_ADULT_AGE = 18;

/** What the age rule says of a person of `age` (whole years on the Asia/Shanghai date). */
export type AgeRule = 'alone' | 'guardian_consent' | 'too_young';
export function ageRuleOf(age: number): AgeRule {
  if (age >= VOLUNTEER_ADULT_AGE) return 'alone';
  if (age >= VOLUNTEER_MIN_AGE) return 'guardian_consent';
  return 'too_young';
}

export const TOO_YOUNG = `未满 ${VOLUNTEER_MIN_AGE} 周岁，不能注册为志愿者`;
export const CONSENT_REQUIRED = `未满 ${VOLUNTEER_ADULT_AGE} 周岁须经监护人同意：请选择同意的监护人，并填写同意方式和日期`;
export const MINOR_ON_PORTAL = `未满 ${VOLUNTEER_ADULT_AGE} 周岁的居民须由监护人陪同，到村（社区）或乡镇（街道）窗口登记，由工作人员记录监护人的同意`;

/** The volunteer number: ZY and ten digits of the platform's sequence (never derived from the ID number). */
export const volunteerNumberOf = (n: number): string => `ZY${String(n).padStart(10, '0')}`;
export const isVolunteerNumber = (s: string): boolean => /^ZY\d{10}$/.test(s);
