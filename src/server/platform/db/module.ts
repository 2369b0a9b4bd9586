/** The platform's own tables (users, sessions, the audit log, jobs, files …), which every module may use. */
import { defineModule } from '../module.js';
import * as tables from './schema.js';

export const platformTablesModule = defineModule({ name: 'platform', tables });
