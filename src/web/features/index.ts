/**
 * Every web feature area, one line each (docs/adding-a-module.md "The manifest"): the router
 * (app/routes.tsx), the menu (app/Layout.tsx) and the audit page's labels (audit/auditNames.ts)
 * are built from this list. The menu's groups come in the order of their first entry here, a
 * group's entries in this order (节假日安排 joins 基础数据 after 行政区划); so do a filter group's
 * actions on the audit page (保存节假日安排 after the administrator's own).
 */
import type { WebModule } from '../app/module';
import { homeModule } from './home/module';
import { authModule } from './auth/module';
import { registryModule } from './registry/module';
import { importsModule } from './imports/module';
import { assistanceModule } from './assistance/module';
import { visitsModule } from './visits/module';
import { elderlyAllowanceModule } from './elderly-allowance/module';
import { volunteersModule } from './volunteers/module';
import { divisionsModule } from './divisions/module';
import { adminModule } from './admin/module';
import { paymentsModule } from './payments/module';
import { calendarModule } from './calendar/module';
import { auditModule } from './audit/module';
import { portalModule } from './portal/module';
import { verifyModule } from './verify/module';

export const webModules: WebModule[] = [
  homeModule,
  authModule,
  registryModule,
  importsModule,
  assistanceModule,
  visitsModule,
  elderlyAllowanceModule,
  volunteersModule,
  divisionsModule,
  adminModule,
  paymentsModule,
  calendarModule,
  auditModule,
  portalModule,
  verifyModule,
];
