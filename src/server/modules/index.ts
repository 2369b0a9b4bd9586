/**
 * Every server module, one line each (docs/adding-a-module.md "The manifest"): `app.ts` registers
 * their routes and `bootstrap.ts` their jobs, seeds and timers in this order. The platform's services
 * that bring tables, routes, jobs or timers have a manifest too.
 */
import type { ServerModule } from '../platform/module.js';
import { platformTablesModule } from '../platform/db/module.js';
import { auditChainModule } from '../platform/audit/module.js';
import { jobsModule } from '../platform/jobs/module.js';
import { calendarModule } from '../platform/calendar/module.js';
import { noticesModule } from '../platform/notices/module.js';
import { policyModule } from '../platform/policy/module.js';
import { payeesModule } from '../platform/payees/module.js';
import { paymentsModule } from '../platform/payments/module.js';
import { visitsModule } from '../platform/visits/module.js';
import { verifyModule } from '../platform/verify/module.js';
import { authModule } from './auth/module.js';
import { adminModule } from './admin/module.js';
import { divisionsModule } from './divisions/module.js';
import { registryModule } from './registry/module.js';
import { auditModule } from './audit/module.js';
import { portalModule } from './portal/module.js';
import { assistanceModule } from './assistance/module.js';
import { elderlyAllowanceModule } from './elderly-allowance/module.js';
import { volunteersModule } from './volunteers/module.js';

export const serverModules: ServerModule[] = [
  platformTablesModule,
  auditChainModule,
  authModule,
  adminModule,
  divisionsModule,
  registryModule,
  auditModule,
  portalModule,
  jobsModule,
  calendarModule,
  noticesModule,
  policyModule,
  payeesModule,
  paymentsModule,
  visitsModule,
  verifyModule,
  assistanceModule,
  elderlyAllowanceModule,
  volunteersModule,
];
