/**
 * 高龄津贴's codes and its age rule (docs/rules.md "高龄津贴 (old-age allowance)"), shared by the server
 * and the web: the statuses of a record, its actions, the age bands, and the age a person has reached
 * in a month. Runs in the browser too.
 */
import { addMonths } from '../dates.js';

export const allowanceStatuses = {
  pending: '待确认',
  paying: '发放中',
  refused: '不予发放',
  stopped: '已停发',
} as const;
export type AllowanceStatus = keyof typeof allowanceStatuses;

export const allowanceActions = {
  open: '列入待确认名单',
  confirm: '确认首次发放',
  refuse: '不予发放',
  death: '死亡停发',
  death_revoked: '撤销死亡登记后恢复',
  hukou_moved_out: '户口迁出停发',
  hukou_moved_in: '户口迁回后恢复',
  account_change: '更正发放账户',
  reopen: '重新受理',
  stop: '停发',
  resume: '恢复发放',
} as const;
export type AllowanceAction = keyof typeof allowanceActions;

/**
 * Why the township stops a record paying (停发): the reasons the registry does not announce (a death and
 * a move out of the city are the platform's answers to the registry, never chosen here).
 */
export const allowanceStopReasons = {
  waived: '本人申请放弃',
  imprisoned: '服刑',
  lost_contact: '失联',
  ineligible: '核实不符合条件',
  other: '其他',
} as const;
export type AllowanceStopReason = keyof typeof allowanceStopReasons;

/** The age bands: each from its age, up to the next band's (the amounts of each are dated policy values). */
export const allowanceBands = {
  a80: '80—89 周岁',
  a90: '90—99 周岁',
  a100: '100 周岁及以上',
} as const;
export type AllowanceBand = keyof typeof allowanceBands;
export const bandFromAge: Record<AllowanceBand, number> = { a80: 80, a90: 90, a100: 100 };
/** The age from which a person is on the worklist. */
export const ALLOWANCE_AGE = 80;

const monthIndex = (month: string) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/**
 * The age a person has reached for `month`: a birthday counts from the month after it (born
 * 1946-05-15: 80 for 2026-06, still 79 for 2026-05). The same arithmetic as the roll's SQL (`ageSql`).
 */
export function ageInMonth(birthDate: string, month: string): number {
  return Math.floor((monthIndex(month) - 1 - monthIndex(birthDate.slice(0, 7))) / 12);
}

/** The band of an age, or null below 80. */
export function bandOf(age: number): AllowanceBand | null {
  return age >= 100 ? 'a100' : age >= 90 ? 'a90' : age >= 80 ? 'a80' : null;
}

/** The first month the allowance is due: the month after the 80th birthday. */
export const firstDueMonth = (birthDate: string): string =>
  addMonths(`${Number(birthDate.slice(0, 4)) + ALLOWANCE_AGE}${birthDate.slice(4, 7)}`, 1);
