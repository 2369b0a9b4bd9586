/**
 * Signing in and the account's own security (POST /api/auth/login, GET /api/auth/me,
 * POST /api/auth/change-password, /api/auth/totp/*): the contract both sides hold (docs/api.md
 * "Auth and accounts"). The routes declare these schemas, the web takes its types from here.
 */
import { z } from 'zod';

/** The signed-in account as the UI needs it. */
export const meSchema = z.object({
  id: z.number(),
  kind: z.enum(['staff', 'resident']),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  divisionCode: z.string(),
  divisionName: z.string(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  mustChangePassword: z.boolean(),
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  personId: z.number().nullable(),
});
export type Me = z.infer<typeof meSchema>;

/** What every sign-in and every change of the account's password or second factor answers. */
export const meAnswer = z.object({ me: meSchema });
export type MeAnswer = z.infer<typeof meAnswer>;

export const loginInput = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(256),
  totpCode: z
    .string()
    .regex(/^\d{6}$/, '动态口令为 6 位数字')
    .optional(),
});
export type LoginInput = z.infer<typeof loginInput>;

export const changePasswordInput = z.object({
  oldPassword: z.string().min(1, '请输入原密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256),
});
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;

const codeField = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '动态口令为 6 位数字');

// A POST without a body is a setup without a confirmation: answered with what is missing.
export const totpSetupInput = z.preprocess(
  (body) => body ?? {},
  z.object({
    /** The code of the factor in use, where one is set. */
    code: codeField.optional(),
    /** The account's password, where no factor is set yet. */
    password: z.string().min(1, '请输入登录密码').max(256).optional(),
  }),
);
export type TotpSetupInput = z.infer<typeof totpSetupInput>;

/** A new secret, not yet in use: `setupToken` carries it sealed to the enable step. */
export const totpSetupAnswer = z.object({ secret: z.string(), otpauthUrl: z.string(), setupToken: z.string() });
export type TotpSetup = z.infer<typeof totpSetupAnswer>;

export const enableTotpInput = z.object({
  code: codeField,
  setupToken: z.string().min(1, '请先生成动态口令密钥').max(4096),
});
export type EnableTotpInput = z.infer<typeof enableTotpInput>;

export const disableTotpInput = z.object({ code: codeField });
export type DisableTotpInput = z.infer<typeof disableTotpInput>;
