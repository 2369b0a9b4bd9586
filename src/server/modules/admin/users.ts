/**
 * Staff accounts: an administrator creates them inside their own jurisdiction, gives roles and an
 * organisation, resets passwords. A new or reset password is shown once and must be changed at
 * first login (A4). Role changes are audited with before and after (U1).
 */
import { randomInt } from 'node:crypto';
import { and, count, desc, eq, like, or, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { divisions, organisations, roles, users } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import { audit, redactFilter } from '../../platform/audit/audit.js';
import { forgetSessions } from '../../platform/auth/session.js';
import { hashPassword } from '../../platform/auth/password.js';
import { assertWritableDivision, requireActor, withinDivision } from '../../platform/access/scope.js';
import { assertDivisionExists } from '../divisions/queries.js';
import type { Page } from '../../../shared/paging.js';
import { writeXlsx } from '../../platform/xlsx.js';
import type { CreateUserInput, ExportUsersInput, ListUsersInput, UpdateUserInput, UserRow } from '../../../shared/admin/users.js';

function usersWhere(actor: { divisionCode: string }, input: ExportUsersInput) {
  const where: (SQL | undefined)[] = [withinDivision(users.divisionCode, actor.divisionCode), eq(users.kind, input.kind)];
  if (input.divisionCode) where.push(withinDivision(users.divisionCode, input.divisionCode));
  if (input.q) where.push(or(like(users.username, `%${input.q}%`), like(users.displayName, `%${input.q}%`)));
  if (input.role) where.push(sql`${users.roles} ? ${input.role}`);
  return and(...where);
}

async function selectUsers(deps: Deps, cond: SQL | undefined, limit: number, offset: number): Promise<UserRow[]> {
  const found = await deps.database.db
    .select({ u: users, divisionName: divisions.fullName, organisationName: organisations.name })
    .from(users)
    .leftJoin(divisions, eq(divisions.code, users.divisionCode))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(cond)
    .orderBy(desc(users.id))
    .limit(limit)
    .offset(offset);
  return found.map((r) => toRow(r.u, r.divisionName, r.organisationName));
}

export async function listUsers(deps: Deps, ctx: Ctx, input: ListUsersInput): Promise<Page<UserRow>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const cond = usersWhere(actor, input);
  const [{ total }] = await db.select({ total: count() }).from(users).where(cond);
  const items = await selectUsers(deps, cond, input.pageSize, (input.page - 1) * input.pageSize);
  await deps.readAudit.record(ctx, {
    action: 'user.search',
    objectType: 'user',
    details: { filter: redactFilter(input, []), count: total },
  });
  return { items, total, page: input.page, pageSize: input.pageSize };
}

export async function exportUsers(deps: Deps, ctx: Ctx, input: ExportUsersInput): Promise<Buffer> {
  const actor = requireActor(ctx.actor);
  const items = await selectUsers(deps, usersWhere(actor, input), 100_000, 0);
  await audit(deps.database.db, ctx, {
    action: 'user.export',
    objectType: 'user',
    details: { filter: redactFilter(input, []), count: items.length },
  });
  return writeXlsx<UserRow>(
    '用户名单',
    [
      { header: '用户名', value: (u) => u.username },
      { header: '姓名', value: (u) => u.displayName },
      { header: '角色', width: 30, value: (u) => u.roles.join('、') },
      { header: '管辖范围', width: 36, value: (u) => u.divisionName ?? u.divisionCode },
      { header: '所属组织', width: 24, value: (u) => u.organisationName },
      { header: '状态', value: (u) => (u.disabled ? '已停用' : u.lockedUntil ? '已锁定' : '正常') },
      { header: '最近登录', width: 22, value: (u) => u.lastLoginAt },
    ],
    items,
  );
}

function toRow(u: typeof users.$inferSelect, divisionName: string | null, organisationName: string | null): UserRow {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    kind: u.kind,
    roles: u.roles,
    divisionCode: u.divisionCode,
    divisionName,
    organisationId: u.organisationId,
    organisationName,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil && u.lockedUntil > new Date() ? u.lockedUntil.toISOString() : null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    totpEnabled: u.totpEnabled,
  };
}

export async function createUser(deps: Deps, ctx: Ctx, input: CreateUserInput): Promise<{ user: UserRow; initialPassword: string }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  await assertDivisionExists(db, input.divisionCode, 'divisionCode');
  await assertRolesExist(deps, input.roles);
  if (input.organisationId) await assertOrganisationInScope(deps, actor.divisionCode, input.organisationId);
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  const id = await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (existing) throw AppError.field('username', '该用户名已被使用');
    const [created] = await tx
      .insert(users)
      .values({
        kind: 'staff',
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        roles: input.roles,
        divisionCode: input.divisionCode,
        organisationId: input.organisationId ?? null,
        mustChangePassword: true,
        passwordChangedAt: new Date(),
      })
      .returning({ id: users.id });
    await audit(tx, ctx, {
      action: 'user.create',
      objectType: 'user',
      objectId: created.id,
      details: { username: input.username, roles: input.roles, divisionCode: input.divisionCode },
    });
    return created.id;
  });
  return { user: await getUserRow(deps, actor.divisionCode, id), initialPassword };
}

export async function updateUser(deps: Deps, ctx: Ctx, id: number, input: UpdateUserInput): Promise<UserRow> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  if (input.divisionCode) {
    assertWritableDivision(actor, input.divisionCode, 'divisionCode');
    await assertDivisionExists(db, input.divisionCode, 'divisionCode');
  }
  if (input.roles) await assertRolesExist(deps, input.roles);
  if (input.organisationId) await assertOrganisationInScope(deps, actor.divisionCode, input.organisationId);
  if (id === actor.userId && (input.disabled || input.roles)) throw AppError.forbidden('不能停用自己或修改自己的角色');
  if (Object.values(input).every((v) => v === undefined)) throw AppError.field('body', '没有要修改的内容');
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, id), withinDivision(users.divisionCode, actor.divisionCode)))
      .for('update');
    if (!before) throw AppError.notFound('用户');
    await tx
      .update(users)
      .set({
        displayName: input.displayName,
        roles: input.roles,
        divisionCode: input.divisionCode,
        organisationId: input.organisationId,
        disabled: input.disabled,
        ...(input.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
      })
      .where(eq(users.id, id));
    if (input.disabled) await tx.execute(sql`delete from sessions where user_id = ${id}`);
    if (input.roles && JSON.stringify(input.roles) !== JSON.stringify(before.roles)) {
      await audit(tx, ctx, {
        action: 'user.roles_change',
        objectType: 'user',
        objectId: id,
        details: { before: before.roles, after: input.roles },
      });
    }
    await audit(tx, ctx, { action: 'user.update', objectType: 'user', objectId: id, details: { fields: Object.keys(input) } });
  });
  forgetSessions();
  return getUserRow(deps, actor.divisionCode, id);
}

export async function resetPassword(deps: Deps, ctx: Ctx, id: number): Promise<{ initialPassword: string }> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const initialPassword = generatePassword();
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null })
      .where(and(eq(users.id, id), withinDivision(users.divisionCode, actor.divisionCode), eq(users.kind, 'staff')))
      .returning({ id: users.id });
    if (!updated.length) throw AppError.notFound('用户');
    await tx.execute(sql`delete from sessions where user_id = ${id}`);
    await audit(tx, ctx, { action: 'user.password_reset', objectType: 'user', objectId: id });
  });
  forgetSessions();
  return { initialPassword };
}

async function getUserRow(deps: Deps, scope: string, id: number): Promise<UserRow> {
  const [r] = await deps.database.db
    .select({ u: users, divisionName: divisions.fullName, organisationName: organisations.name })
    .from(users)
    .leftJoin(divisions, eq(divisions.code, users.divisionCode))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(eq(users.id, id), withinDivision(users.divisionCode, scope)));
  if (!r) throw AppError.notFound('用户');
  return toRow(r.u, r.divisionName, r.organisationName);
}

async function assertRolesExist(deps: Deps, codes: string[]): Promise<void> {
  const known = new Set((await deps.database.db.select({ code: roles.code }).from(roles)).map((r) => r.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw AppError.field('roles', `角色不存在：${unknown.join('、')}`);
}

async function assertOrganisationInScope(deps: Deps, scope: string, organisationId: number): Promise<void> {
  const [o] = await deps.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), withinDivision(organisations.divisionCode, scope)));
  if (!o) throw AppError.field('organisationId', '所选组织不存在或不在您的管辖范围内');
}

/** A one-time password that satisfies the policy: 3 classes, 14 characters, no look-alikes. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%*+-'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]);
  while (chars.length < 14) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}
