import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../../platform/deps.js';
import { ctxOf } from '../../platform/http/guard.js';
import { permissions } from '../../../shared/permissions.js';
import {
  createUserAnswer,
  createUserInput,
  exportUsersInput,
  listUsersInput,
  resetPasswordAnswer,
  updateUserAnswer,
  updateUserInput,
  usersPage,
} from '../../../shared/admin/users.js';
import { permissionsAnswer, roleParams, roleRow, rolesAnswer, updateRoleInput } from '../../../shared/admin/roles.js';
import { outboxInput, outboxPage } from '../../../shared/admin/outbox.js';
import { createUser, exportUsers, listUsers, resetPassword, updateUser } from './users.js';
import { listRoles, updateRole } from './roles.js';
import { listOutbox } from './outbox.js';
import { sendXlsx, xlsxAnswer } from '../../platform/http/send-xlsx.js';

const tags = ['系统管理'];
const idParam = z.object({ id: z.coerce.number().int().positive() });

export function adminRoutes(app: FastifyInstance, deps: Deps): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const manage = { permission: 'user.manage' as const };

  api.get(
    '/api/users',
    { config: manage, schema: { tags, summary: '用户列表', querystring: listUsersInput, response: { 200: usersPage } } },
    async (request) => listUsers(deps, ctxOf(request), request.query),
  );
  api.get(
    '/api/users/export',
    {
      config: manage,
      schema: { tags, summary: '导出用户名单（xlsx）', querystring: exportUsersInput, response: { 200: xlsxAnswer('用户名单') } },
    },
    async (request, reply) => sendXlsx(reply, '用户名单.xlsx', await exportUsers(deps, ctxOf(request), request.query)),
  );
  api.post(
    '/api/users',
    {
      config: manage,
      schema: {
        tags,
        summary: '新建用户',
        body: createUserInput,
        response: { 200: createUserAnswer },
      },
    },
    async (request) => createUser(deps, ctxOf(request), request.body),
  );
  api.patch(
    '/api/users/:id',
    {
      config: manage,
      schema: { tags, summary: '修改用户', params: idParam, body: updateUserInput, response: { 200: updateUserAnswer } },
    },
    async (request) => ({ user: await updateUser(deps, ctxOf(request), request.params.id, request.body) }),
  );
  api.post(
    '/api/users/:id/reset-password',
    { config: manage, schema: { tags, summary: '重置密码', params: idParam, response: { 200: resetPasswordAnswer } } },
    async (request) => resetPassword(deps, ctxOf(request), request.params.id),
  );

  api.get('/api/roles', { config: manage, schema: { tags, summary: '角色与权限', response: { 200: rolesAnswer } } }, async () =>
    listRoles(deps),
  );
  api.patch(
    '/api/roles/:code',
    {
      config: manage,
      schema: {
        tags,
        summary: '设置角色是否要求动态口令',
        params: roleParams,
        body: updateRoleInput,
        response: { 200: roleRow },
      },
    },
    async (request) => updateRole(deps, ctxOf(request), request.params.code, request.body),
  );
  api.get('/api/permissions', { config: manage, schema: { tags, summary: '权限清单', response: { 200: permissionsAnswer } } }, async () =>
    Object.entries(permissions).map(([code, name]) => ({ code, name })),
  );

  api.get(
    '/api/outbox',
    {
      config: { permission: 'outbox.read' },
      schema: { tags, summary: '通知发件箱（开发与测试环境）', querystring: outboxInput, response: { 200: outboxPage } },
    },
    async (request) => listOutbox(deps, ctxOf(request), request.query.page, request.query.pageSize),
  );
}
