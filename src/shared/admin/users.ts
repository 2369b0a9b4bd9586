/**
 * Staff accounts (GET/POST /api/users, PATCH /api/users/:id, POST …/reset-password, GET /api/users/export):
 * the contract both sides hold (docs/api.md). The routes declare these schemas, the web takes its types from here.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';

const accountKind = z.enum(['staff', 'resident']);

export const userRow = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  kind: accountKind,
  roles: z.array(z.string()),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  organisationId: z.number().nullable(),
  organisationName: z.string().nullable(),
  disabled: z.boolean(),
  /** ISO 8601, while the account is locked. */
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  totpEnabled: z.boolean(),
});
export type UserRow = z.infer<typeof userRow>;

export const listUsersInput = pageInput.extend({
  q: z.string().trim().max(64).optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
  role: z.string().max(64).optional(),
  kind: accountKind.default('staff'),
});
export type ListUsersInput = z.infer<typeof listUsersInput>;
export const usersPage = pageSchema(userRow);

export const exportUsersInput = listUsersInput.omit({ page: true, pageSize: true });
export type ExportUsersInput = z.infer<typeof exportUsersInput>;

export const createUserInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名为 3–32 位字母、数字、下划线、点或短横线'),
  displayName: z.string().trim().min(1, '请填写姓名').max(40),
  roles: z.array(z.string()).min(1, '请至少选择一个角色'),
  divisionCode: z.string().regex(/^\d{4,12}$/, '请选择管辖区划'),
  organisationId: z.number().int().positive().nullable().optional(),
});
export type CreateUserInput = z.infer<typeof createUserInput>;
/** The new account and its one-time password (shown once; changed at first login). */
export const createUserAnswer = z.object({ user: userRow, initialPassword: z.string() });
export type CreateUserAnswer = z.infer<typeof createUserAnswer>;

export const updateUserInput = z.object({
  displayName: z.string().trim().min(1).max(40).optional(),
  roles: z.array(z.string()).min(1, '请至少选择一个角色').optional(),
  divisionCode: z
    .string()
    .regex(/^\d{4,12}$/)
    .optional(),
  organisationId: z.number().int().positive().nullable().optional(),
  disabled: z.boolean().optional(),
  unlock: z.boolean().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserInput>;
export const updateUserAnswer = z.object({ user: userRow });

export const resetPasswordAnswer = z.object({ initialPassword: z.string() });
export type ResetPasswordAnswer = z.infer<typeof resetPasswordAnswer>;
