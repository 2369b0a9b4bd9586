/** Signing in and account security: sessions, passwords, the second factor. */
import { authAudit } from '../../../shared/auth/audit-actions.js';
import { defineModule } from '../../platform/module.js';
import { authRoutes } from './routes.js';

export const authModule = defineModule({
  name: 'auth',
  routes: authRoutes,
  // Also `crypto.integrity_failed`, which the platform's field view writes (src/server/platform/crypto/field-view.ts).
  auditActions: authAudit.actions,
});
