/**
 * Every permission of the platform: the union of the modules' own lists (src/shared/<module>/permissions.ts,
 * each declared in its module's manifest). Routes check these codes; roles are data
 * (seeded from `defaultRoles`, editable by an administrator); `docs/permissions.md` is generated
 * from this list (`npm run docs:permissions`). Jurisdiction is not a permission: it narrows what a
 * permission reaches, in the scoped data layer.
 */
import { adminPermissions } from './admin/permissions.js';
import { assistancePermissions } from './assistance/permissions.js';
import { elderlyAllowancePermissions } from './elderly-allowance/permissions.js';
import { auditPermissions } from './audit/permissions.js';
import { calendarPermissions } from './platform/calendar-permissions.js';
import { registryPermissions } from './registry/permissions.js';
import { paymentsPermissions } from './payments/permissions.js';
import { divisionsPermissions } from './divisions/permissions.js';
import { visitsPermissions } from './visits/permissions.js';
import { verifyPermissions } from './verify/permissions.js';
import { volunteersPermissions } from './volunteers/permissions.js';

/** One line per module that declares permissions; a module's permissions stay together, in its order. */
export const permissions = {
  ...registryPermissions,
  ...adminPermissions,
  ...auditPermissions,
  ...calendarPermissions,
  ...paymentsPermissions,
  ...divisionsPermissions,
  ...visitsPermissions,
  ...verifyPermissions,
  ...assistancePermissions,
  ...elderlyAllowancePermissions,
  ...volunteersPermissions,
} as const;

export type Permission = keyof typeof permissions;
export const allPermissions = Object.keys(permissions) as Permission[];

export interface RoleDefinition {
  code: string;
  name: string;
  permissions: Permission[];
  /** Staff of this role must use a TOTP second factor (an administrator can change it). */
  totpRequired: boolean;
}

export const defaultRoles: RoleDefinition[] = [
  {
    code: 'city_admin',
    name: '市级管理员',
    // Not audit.read: the people administered must not be the ones who read their traces (三员分立).
    permissions: allPermissions.filter((p) => p !== 'audit.read'),
    totpRequired: false,
  },
  {
    code: 'county_reviewer',
    name: '县区审核员',
    permissions: [
      'registry.read',
      'registry.export',
      'registry.unmask',
      'benefit.write',
      'stats.read',
      'organisation.read',
      'organisation.manage',
      'assistance.read',
      'assistance.handle',
      'assistance.approve',
      'assistance.roll',
      'document.revoke',
      'elderly_allowance.read',
      'elderly_allowance.roll',
      'visits.read',
      'volunteers.read',
      'volunteers.export',
    ],
    totpRequired: false,
  },
  {
    code: 'township_clerk',
    name: '乡镇经办员',
    permissions: [
      'registry.read',
      'registry.write',
      'registry.import',
      'registry.export',
      'registry.unmask',
      'benefit.write',
      'stats.read',
      'organisation.read',
      // assistance.approve: Jining delegated 低保/特困/临时救助 approval to townships (where a category
      // is not delegated, the approval use case requires a county-level approver).
      'assistance.read',
      'assistance.apply',
      'assistance.handle',
      'assistance.approve',
      'document.revoke',
      'elderly_allowance.read',
      'elderly_allowance.confirm',
      'visits.read',
      'visits.record',
      'visits.assign',
      'volunteers.read',
      'volunteers.register',
      'volunteers.export',
    ],
    totpRequired: false,
  },
  {
    code: 'village_officer',
    name: '村社区专干',
    permissions: [
      'registry.read',
      'registry.write',
      'stats.read',
      'assistance.read',
      'assistance.apply',
      'elderly_allowance.read',
      'visits.read',
      'volunteers.read',
      'volunteers.register',
    ],
    totpRequired: false,
  },
  { code: 'auditor', name: '审计员', permissions: ['audit.read'], totpRequired: false },
  { code: 'org_staff', name: '机构工作人员', permissions: ['registry.read', 'stats.read', 'volunteers.read'], totpRequired: false },
];
