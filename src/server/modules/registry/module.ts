/** The registry of persons and households (人口与家庭库) and the benefit ledger. */
import { registryAudit } from '../../../shared/registry/audit-actions.js';
import { registryPermissions } from '../../../shared/registry/permissions.js';
import { defineModule } from '../../platform/module.js';
import { IMPORT_PERSONS, personImportHandler } from './import-persons.js';
import { registryRoutes } from './routes.js';
import { agencyFileMatchHandler, MATCH_AGENCY_FILE } from './agency-files/match.js';
import { agencyFileApplyHandler, APPLY_AGENCY_FILE } from './agency-files/apply.js';
import * as tables from './schema.js';

export const registryModule = defineModule({
  name: 'registry',
  tables,
  routes: registryRoutes,
  permissions: registryPermissions,
  jobs: [
    { kind: IMPORT_PERSONS, handler: personImportHandler },
    { kind: MATCH_AGENCY_FILE, handler: agencyFileMatchHandler },
    { kind: APPLY_AGENCY_FILE, handler: agencyFileApplyHandler },
  ],
  auditActions: registryAudit.actions,
});
