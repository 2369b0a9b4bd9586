/**
 * Resident sign-up on the portal (POST /api/portal/signup, /api/portal/signup/confirm): the contract
 * both sides hold (docs/api.md "Auth and accounts"). Confirming answers `{ me }` (auth/account.ts).
 */
import { z } from 'zod';
import { hukouTypes, keysOf } from '../registry-codes.js';
import { personName } from '../registry/persons.js';

export const signupInput = z.object({
  name: personName,
  idNumber: z.string().trim().min(1, '请填写身份证号').max(32),
  phone: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号'),
  password: z.string().min(1, '请设置密码').max(256),
  // Checked in startSignup, after the ID number and password, with the messages the form shows.
  hukouDivisionCode: z.string().trim().max(12).optional(),
  hukouType: z.enum(keysOf(hukouTypes)).optional(),
});
export type SignupInput = z.infer<typeof signupInput>;
/** The sign-up waiting for its code (sent to the phone through the notifier). */
export const signupAnswer = z.object({ signupId: z.string() });
export type SignupAnswer = z.infer<typeof signupAnswer>;

export const confirmSignupInput = z.object({
  signupId: z.string().min(10).max(64),
  code: z.string().regex(/^\d{6}$/, '验证码为 6 位数字'),
});
export type ConfirmSignupInput = z.infer<typeof confirmSignupInput>;
