/** Payee accounts (docs/rules.md "Payee accounts"): one per person and programme, with their masked history, and their routes. */
import { defineModule } from '../module.js';
import { payeeRoutes } from './routes.js';
import * as tables from './schema.js';

export const payeesModule = defineModule({ name: 'payees', tables, routes: payeeRoutes });
