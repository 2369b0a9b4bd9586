/**
 * 高龄津贴's contract, both sides (docs/api.md "高龄津贴 (old-age allowance)"): the list and its export,
 * a record with its history, the township's worklist, the confirmation and the refusal, the intake
 * of the newly eligible and the statistics; the corrections: 重新受理 of a refused record, the township's
 * 停发 and 恢复发放.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';
import { isMonth } from '../dates.js';
import { allowanceActions, allowanceBands, allowanceStatuses, allowanceStopReasons } from './codes.js';

const statusCode = z.enum(Object.keys(allowanceStatuses) as [keyof typeof allowanceStatuses]);
const bandCode = z.enum(Object.keys(allowanceBands) as [keyof typeof allowanceBands]);
const actionCode = z.enum(Object.keys(allowanceActions) as [keyof typeof allowanceActions]);
const divisionFilter = z
  .string()
  .regex(/^\d{2,12}$/, '行政区划代码格式不正确')
  .optional();
const month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');

/** The list's filters: a division, a band (this month's), a status, a name's start or an ID number. */
export const listAllowancesInput = pageInput.extend({
  divisionCode: divisionFilter,
  band: bandCode.optional(),
  status: statusCode.optional(),
  q: z.string().trim().max(30).optional(),
});
export type ListAllowancesInput = z.input<typeof listAllowancesInput>;
export const exportAllowancesInput = listAllowancesInput.omit({ page: true, pageSize: true });

export const allowanceRow = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  /** Masked (110***********1234), or 数据校验失败. */
  idNumber: z.string().nullable(),
  birthDate: z.string().nullable(),
  /** The age reached for this month (a birthday counts from the month after it). */
  age: z.number().nullable(),
  band: bandCode.nullable(),
  bandName: z.string().nullable(),
  divisionCode: z.string(),
  divisionName: z.string(),
  status: statusCode,
  statusName: z.string(),
  startMonth: z.string(),
  endMonth: z.string().nullable(),
  diedOn: z.string().nullable(),
  /** This month's amount of the person's band (0 when not paid this month). */
  monthlyFen: z.number(),
});
export type AllowanceRow = z.infer<typeof allowanceRow>;
export const allowancesPage = pageSchema(allowanceRow);

export const historyEntry = z.object({
  id: z.number(),
  action: actionCode,
  actionName: z.string(),
  fromStatus: statusCode.nullable(),
  toStatus: statusCode,
  actorName: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

export const allowanceDetail = allowanceRow.extend({
  version: z.number(),
  history: z.array(historyEntry),
  /** The buttons this user may press. */
  allowedActions: z.array(actionCode),
  /** The payee account (platform/payees) once confirmed: its id and the masked account. */
  payee: z.object({ id: z.number(), bankName: z.string().nullable(), account: z.string().nullable() }).nullable(),
});
export type AllowanceDetail = z.infer<typeof allowanceDetail>;

export const worklistInput = pageInput.extend({ divisionCode: divisionFilter });
export const worklistPage = pageSchema(allowanceRow);

/** 确认首次发放: the township confirms with the account the allowance is paid into. */
export const confirmInput = z.object({
  version: z.number().int(),
  bankName: z.string({ error: '请填写开户银行' }).trim().min(2, '请填写开户银行').max(50),
  bankAccount: z
    .string({ error: '请填写银行账号' })
    .trim()
    .regex(/^\d{10,30}$/, '银行账号应为 10—30 位数字'),
});
export type ConfirmInput = z.infer<typeof confirmInput>;
export const refuseInput = z.object({
  version: z.number().int(),
  reason: z.string({ error: '请填写不予发放的理由' }).trim().min(2, '请填写不予发放的理由').max(200),
});
export type RefuseInput = z.infer<typeof refuseInput>;

/** 重新受理: a refused record back to 待确认, with the reason (the refusal was in error, the proof came). */
export const reopenInput = z.object({
  version: z.number().int(),
  reason: z.string({ error: '请填写重新受理的理由' }).trim().min(2, '请填写重新受理的理由').max(200),
});
export type ReopenInput = z.infer<typeof reopenInput>;

const stopReasonCode = z.enum(Object.keys(allowanceStopReasons) as [keyof typeof allowanceStopReasons], {
  error: '请选择停发原因',
});
/** 停发 by the township from a month (this month or later), for a reason of the list (其他: with the text). */
export const stopInput = z
  .object({
    version: z.number().int(),
    stopMonth: month,
    stopReason: stopReasonCode,
    /** The details; required for 其他. */
    note: z.string().trim().max(200).optional(),
  })
  .refine((v) => v.stopReason !== 'other' || (v.note?.length ?? 0) >= 2, { message: '选择「其他」时请写明停发原因', path: ['note'] });
export type StopInput = z.infer<typeof stopInput>;

/** 恢复发放 of a record the township stopped, from a month (this month or later), with the reason. */
export const resumeInput = z.object({
  version: z.number().int(),
  resumeMonth: month,
  reason: z.string({ error: '请填写恢复发放的理由' }).trim().min(2, '请填写恢复发放的理由').max(200),
});
export type ResumeInput = z.infer<typeof resumeInput>;

export const intakeAnswer = z.object({ opened: z.number() });

export const statsInput = z.object({ month: month.optional() });
export const statsAnswer = z.object({
  month: z.string(),
  rows: z.array(
    z.object({
      divisionCode: z.string(),
      divisionName: z.string(),
      band: bandCode,
      bandName: z.string(),
      persons: z.number(),
      amountFen: z.number(),
    }),
  ),
  persons: z.number(),
  amountFen: z.number(),
});
export type AllowanceStats = z.infer<typeof statsAnswer>;
