/**
 * Payee accounts (发放账户, src/server/platform/payees), the contract both sides hold: one record per
 * person and programme, its account masked, its history of changes (masked), and 更正发放账户. The
 * routes are per programme: GET /api/payees/<programme>/:id, POST …/:id/account (docs/api.md "Payee accounts").
 */
import { z } from 'zod';

/** The bank and account as a form takes them (the application's rules). */
export const payeeBankFields = {
  bankName: z.string().trim().min(2, '请填写开户银行').max(50),
  bankAccount: z
    .string()
    .trim()
    .regex(/^\d{8,30}$/, '银行账号应为 8–30 位数字'),
};

/** 更正发放账户: the new bank and account, why, and the record's version as the user saw it. */
export const accountCorrectionInput = z.object({
  ...payeeBankFields,
  reason: z.string().trim().min(2, '请填写更正原因').max(1000),
  version: z.number().int(),
});
export type AccountCorrectionInput = z.infer<typeof accountCorrectionInput>;

export const accountCorrected = z.object({ id: z.number(), version: z.number() });
export type AccountCorrected = z.infer<typeof accountCorrected>;

export const payeeAccountChange = z.object({
  id: z.number(),
  /** correction: 更正发放账户; set: the programme set another account (a later application approved). */
  source: z.enum(['correction', 'set']),
  previousBankName: z.string().nullable(),
  previousAccount: z.string().nullable(),
  bankName: z.string().nullable(),
  account: z.string().nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type PayeeAccountChange = z.infer<typeof payeeAccountChange>;

/** GET /api/payees/<programme>/:id: the account masked (数据校验失败 where damaged), the version, the history. */
export const payeeAccountAnswer = z.object({
  id: z.number(),
  programme: z.string(),
  personId: z.number(),
  payeeName: z.string(),
  bankName: z.string().nullable(),
  bankAccount: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  history: z.array(payeeAccountChange),
});
export type PayeeAccount = z.infer<typeof payeeAccountAnswer>;

export const payeeChangeSources = { correction: '更正发放账户', set: '审批时登记的新账户' } as const;
