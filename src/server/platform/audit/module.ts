/** The audit sealer: chains committed audit rows into `audit_chain` every two seconds (docs/architecture.md "Audit"). */
import { defineModule } from '../module.js';
import { sealAudit } from './chain.js';

export const auditChainModule = defineModule({
  name: 'audit-chain',
  // A failed run is left to the next one, two seconds later; `main.ts` seals once more on shutdown.
  timers: [{ name: 'audit.seal', everyMs: 2000, run: (deps) => sealAudit(deps.database.db, { minAgeSeconds: 2 }) }],
});
