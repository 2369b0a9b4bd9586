/** Verifiable documents (docs/verifiable-documents.md): the issued documents, their public verification and revocation. */
import { verifyAudit } from '../../../shared/verify/audit-actions.js';
import { verifyPermissions } from '../../../shared/verify/permissions.js';
import { defineModule } from '../module.js';
import { verifyRoutes } from './routes.js';
import * as tables from './schema.js';

export const verifyModule = defineModule({
  name: 'verify',
  tables,
  // What was signed names its issuer's division: a division change never re-codes it (docs/rules.md "Dated divisions").
  frozen: [tables.issuedDocuments],
  routes: verifyRoutes,
  permissions: verifyPermissions,
  auditActions: verifyAudit.actions,
});
