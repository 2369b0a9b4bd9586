/**
 * `npm run admin:reset-password -- <username>`: a new one-time password for a staff account, for the
 * operator when the administrator's is lost. Audited like a reset by an administrator.
 */
import { resolve } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { loadConfig } from './platform/config.js';
import { openMigratedDatabase } from './platform/db/index.js';
import { users } from './platform/db/schema.js';
import { hashPassword } from './platform/auth/password.js';
import { audit } from './platform/audit/audit.js';
import { generatePassword } from './modules/admin/users.js';

const username = process.argv[2];
if (!username) {
  process.stderr.write('用法: npm run admin:reset-password -- <用户名>\n');
  process.exit(2);
}
const config = loadConfig();
const database = await openMigratedDatabase({
  url: config.DATABASE_URL,
  migrationUrl: config.JIMIN_MIGRATION_DATABASE_URL,
  dataDir: config.DATABASE_URL ? null : resolve(config.JIMIN_DATA_DIR, 'pglite'),
});
const password = generatePassword();
const passwordHash = await hashPassword(password);
const done = await database.db.transaction(async (tx) => {
  const [u] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, disabled: false })
    .where(eq(users.username, username))
    .returning({ id: users.id, kind: users.kind });
  if (!u || u.kind !== 'staff') return false;
  await tx.execute(sql`delete from sessions where user_id = ${u.id}`);
  await audit(
    tx,
    { actor: null, ip: 'console' },
    { action: 'user.password_reset', objectType: 'user', objectId: u.id, username: 'console', details: { via: 'operator console' } },
  );
  return true;
});
await database.close();
if (!done) {
  process.stderr.write(`没有名为 ${username} 的工作人员账号\n`);
  process.exit(1);
}
process.stdout.write(`账号 ${username} 的一次性密码（首次登录后须修改）:\n    ${password}\n`);
