/** Dated policy (docs/rules.md "Dated policy"): every module's standards and parameters, and their routes. */
import { defineModule } from '../module.js';
import { policyRoutes } from './routes.js';
import * as tables from './schema.js';

export const policyModule = defineModule({ name: 'policy', tables, routes: policyRoutes });
