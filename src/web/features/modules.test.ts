/**
 * The web modules (src/web/features/index.ts) against what the staff and the e2e tests rely on: the
 * menu's groups, entries and Chinese names in their order, the pages and what guards each, and the
 * audit page's labels, which must be every labelled action of src/shared/audit-actions.ts.
 */
import { describe, expect, it } from 'vitest';
import { auditActions, auditActionsOf, auditModules, type AuditModule } from '../../shared/audit-actions';
import { menuGroups } from '../app/module';
import { actionFilterOptions, auditActionLabel } from './audit/auditNames';
import { webModules } from '.';

const pages = webModules.flatMap((m) => m.pages);

describe('the web modules', () => {
  it('build the left menu as the staff know it', () => {
    const menu = menuGroups(webModules).map((g) => [g.label, g.items.map((e) => [e.key, e.label, e.perm])]);
    expect(menu).toEqual([
      ['工作台', [['/', '首页', null]]],
      [
        '人口与家庭库',
        [
          ['/persons', '人员查询', 'registry.read'],
          ['/households', '家庭档案', 'registry.read'],
          ['/organisations', '组织机构', 'organisation.read'],
          ['/agency-files', '部门比对名单', 'registry.import'],
          ['/imports', '花名册导入', 'registry.import'],
        ],
      ],
      [
        '社会救助',
        [
          ['/assistance/worklist', '待办', 'assistance.read'],
          ['/assistance/cases', '救助案件', 'assistance.read'],
          ['/assistance/apply', '窗口受理', 'assistance.apply'],
          ['/assistance/entitlements', '救助对象', 'assistance.read'],
          ['/assistance/support-modes', '供养方式待确认', 'assistance.handle'],
          ['/assistance/checks', '经济状况核对', 'assistance.handle'],
          ['/assistance/import', '存量对象迁移', 'assistance.handle'],
          ['/assistance/rolls', '发放名册', 'assistance.read'],
          ['/assistance/after-death', '死亡后已发放', 'assistance.read'],
          ['/assistance/stats', '救助统计', 'stats.read'],
          ['/assistance/standards', '救助标准', 'assistance.read'],
        ],
      ],
      [
        '探访',
        [
          ['/visits/mine', '我的探访', 'visits.record'],
          ['/visits/plans', '探访名单与统计', 'visits.read'],
        ],
      ],
      [
        '高龄津贴',
        [
          ['/elderly-allowance/worklist', '待确认首次发放', 'elderly_allowance.confirm'],
          ['/elderly-allowance/allowances', '高龄津贴对象', 'elderly_allowance.read'],
          ['/elderly-allowance/rolls', '发放名册', 'elderly_allowance.read'],
          ['/elderly-allowance/stats', '高龄津贴统计', 'elderly_allowance.read'],
          ['/elderly-allowance/standards', '高龄津贴标准', 'elderly_allowance.read'],
        ],
      ],
      [
        '志愿服务',
        [
          ['/volunteers', '志愿者名单', 'volunteers.read'],
          ['/volunteers/register', '志愿者登记', 'volunteers.register'],
        ],
      ],
      [
        '基础数据',
        [
          ['/divisions', '行政区划', null],
          ['/admin/division-changes', '区划变更', 'divisions.manage'],
          ['/admin/calendar', '节假日安排', 'calendar.manage'],
        ],
      ],
      [
        '系统管理',
        [
          ['/admin/users', '用户管理', 'user.manage'],
          ['/admin/roles', '角色权限', 'user.manage'],
          ['/admin/outbox', '通知发件箱', 'outbox.read'],
          ['/admin/bank-formats', '银行代发格式', 'payments.bank_formats'],
        ],
      ],
      ['安全审计', [['/audit', '审计日志', 'audit.read']]],
    ]);
  });

  it('give each page one path, and guard each as before', () => {
    const paths = pages.map((p) => p.path);
    expect(paths.filter((p, i) => paths.indexOf(p) !== i)).toEqual([]);
    const guard = Object.fromEntries(pages.map((p) => [p.path, p.permission ?? p.shell ?? 'staff']));
    expect(guard).toEqual({
      '/login': 'public',
      '/portal/login': 'public',
      '/portal/signup': 'public',
      '/notices': 'public',
      '/verify': 'public',
      '/verify/:code': 'public',
      '/portal': 'resident',
      '/portal/assistance': 'resident',
      '/portal/assistance/apply': 'resident',
      '/portal/volunteer': 'resident',
      '/change-password': 'signed-in',
      '/': 'staff',
      '/account': 'staff',
      '/divisions': 'staff',
      '/persons': 'registry.read',
      '/persons/new': 'registry.write',
      '/persons/:id': 'registry.read',
      '/persons/:id/edit': 'registry.write',
      '/households': 'registry.read',
      '/households/new': 'registry.write',
      '/households/:id': 'registry.read',
      '/organisations': 'organisation.read',
      '/organisations/new': 'organisation.manage',
      '/organisations/:id': 'organisation.read',
      '/organisations/:id/edit': 'organisation.manage',
      '/imports': 'registry.import',
      '/assistance/worklist': 'assistance.read',
      '/assistance/cases': 'assistance.read',
      '/assistance/cases/:id': 'assistance.read',
      '/assistance/after-death': 'assistance.read',
      '/assistance/apply': 'assistance.apply',
      '/assistance/rolls': 'assistance.read',
      '/assistance/rolls/:id': 'assistance.read',
      '/assistance/standards': 'assistance.read',
      '/assistance/entitlements': 'assistance.read',
      '/assistance/entitlements/:id': 'assistance.read',
      '/assistance/checks': 'assistance.handle',
      '/assistance/import': 'assistance.handle',
      '/assistance/support-modes': 'assistance.handle',
      '/visits/mine': 'visits.record',
      '/visits/plans': 'visits.read',
      '/visits/:programme/persons/:personId': 'visits.read',
      '/visits/:programme/persons/:personId/record': 'visits.record',
      '/elderly-allowance/worklist': 'elderly_allowance.confirm',
      '/elderly-allowance/allowances': 'elderly_allowance.read',
      '/elderly-allowance/allowances/:id': 'elderly_allowance.read',
      '/elderly-allowance/rolls': 'elderly_allowance.read',
      '/elderly-allowance/rolls/:id': 'elderly_allowance.read',
      '/elderly-allowance/stats': 'elderly_allowance.read',
      '/elderly-allowance/standards': 'elderly_allowance.read',
      '/volunteers': 'volunteers.read',
      '/volunteers/register': 'volunteers.register',
      '/volunteers/:id': 'volunteers.read',
      '/assistance/stats': 'stats.read',
      '/admin/division-changes': 'divisions.manage',
      '/admin/calendar': 'calendar.manage',
      '/admin/users': 'user.manage',
      '/agency-files': 'registry.import',
      '/agency-files/:id': 'registry.import',
      '/admin/roles': 'user.manage',
      '/admin/outbox': 'outbox.read',
      '/admin/bank-formats': 'payments.bank_formats',
      '/audit': 'audit.read',
    });
    // A page outside the staff layout needs no permission: its guard is its shell.
    expect(pages.filter((p) => p.shell && p.shell !== 'staff' && p.permission).map((p) => p.path)).toEqual([]);
  });

  it("label every audit action the platform labels, each in one module, and the filter lists them as the server's list does", () => {
    const codes = webModules.flatMap((m) => Object.keys(m.auditLabels?.actions ?? {}));
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
    expect([...codes].sort()).toEqual(Object.keys(auditActions).sort());
    for (const code of codes) expect(auditActionLabel(code)).toBe(auditActions[code].label);
    const expected = (Object.entries(auditModules) as [AuditModule, string][]).map(([module, label]) => [
      label,
      [`module:${module}`, ...auditActionsOf(module)],
    ]);
    expect(actionFilterOptions.map((g) => [g.label, g.options.map((o) => o.value)])).toEqual(expected);
  });
});
