/** Roles and permissions (GET /api/roles, PATCH /api/roles/:code, GET /api/permissions): the contract both sides hold. */
import { z } from 'zod';

export const roleRow = z.object({ code: z.string(), name: z.string(), permissions: z.array(z.string()), totpRequired: z.boolean() });
export type Role = z.infer<typeof roleRow>;
export const rolesAnswer = z.array(roleRow);

export const roleParams = z.object({ code: z.string().max(64) });
export const updateRoleInput = z.object({ totpRequired: z.boolean() });
export type UpdateRoleInput = z.infer<typeof updateRoleInput>;

/** The permission list, code and Chinese name (src/shared/permissions.ts). */
export const permissionsAnswer = z.array(z.object({ code: z.string(), name: z.string() }));
