/** `npm run audit:verify`: seals pending rows, walks the audit hash chain, reports the first broken link. */
import { loadConfig } from '../config.js';
import { openMigratedDatabase } from '../db/index.js';
import { sealAudit, verifyAuditChain } from './chain.js';
import { resolve } from 'node:path';

const config = loadConfig();
const database = await openMigratedDatabase({
  url: config.DATABASE_URL,
  migrationUrl: config.JIMIN_MIGRATION_DATABASE_URL,
  dataDir: config.DATABASE_URL ? null : resolve(config.JIMIN_DATA_DIR, 'pglite'),
});
await sealAudit(database.db);
const report = await verifyAuditChain(database.db);
await database.close();
if (report.ok) {
  process.stdout.write(`审计哈希链完好：已校验 ${report.checked} 条记录，${report.unsealed} 条待封存。\n`);
} else {
  process.stdout.write(
    `审计哈希链断裂：第一处问题在审计记录 #${report.firstBrokenId}：${report.reason}（此前 ${report.checked} 条完好）。\n`,
  );
  process.exit(1);
}
