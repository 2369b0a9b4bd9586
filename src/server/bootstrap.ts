/**
 * Puts the platform together: database (PGlite or PostgreSQL), migrations, keys, cipher, notifier,
 * jobs. `firstStart` fills an empty database: roles, the city's divisions, the administrator
 * (one-time password printed once), demo data.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, eq } from 'drizzle-orm';
import type { Config } from './platform/config.js';
import type { Deps } from './platform/deps.js';
import { connectsAsSuperuser, openMigratedDatabase } from './platform/db/index.js';
import { users } from './platform/db/schema.js';
import { Keyring } from './platform/crypto/keyring.js';
import { FieldCipher } from './platform/crypto/field-cipher.js';
import { createNotifier } from './platform/notify/notifier.js';
import { JobRunner } from './platform/jobs/runner.js';
import { NoticeBoard } from './platform/notices/board.js';
import { CASE_NOTICE, endCaseNotice } from './modules/assistance/cases/notices.js';
import { endStopNotice, STOP_NOTICE } from "./modules/assistance/entitlements/stop-notice.js";
import { ReadAudit } from './platform/audit/read-audit.js';
import { CalendarStore, seedCalendar } from './platform/calendar/calendar.js';
import { seedPolicy } from './modules/assistance/policy/policy.js';
import { hashPassword } from './platform/auth/password.js';
import { seedRoles } from './modules/admin/roles.js';
import { generatePassword } from './modules/admin/users.js';
import { loadDivisions } from './modules/divisions/load.js';
import { seedDemo } from './demo/seed-demo.js';
import { IMPORT_PERSONS, personImportHandler } from './modules/registry/import-persons.js';
import { BUILD_ROLL, buildRollHandler } from './modules/assistance/payments/rolls.js';
import { RECOMPUTE, recomputeHandler } from './modules/assistance/entitlements/recompute.js';
import { IMPORT_ENTITLEMENTS, entitlementImportHandler } from './modules/assistance/entitlements/migrate.js';
import { refreshHandler } from './modules/assistance/entitlements/refresh.js';
import { FACTS_CHANGED } from './modules/registry/facts-changed.js';

/** `inMemory`: no data directory (tests, benchmarks): PGlite in memory unless DATABASE_URL, keys generated. */
export async function createDeps(
  config: Config,
  opts: { log?: (msg: string) => void; inMemory?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<Deps> {
  const log = opts.log ?? (() => {});
  const dataDir = opts.inMemory ? null : resolve(config.JIMIN_DATA_DIR);
  if (dataDir) mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const database = await openMigratedDatabase({
    url: config.DATABASE_URL,
    migrationUrl: config.JIMIN_MIGRATION_DATABASE_URL,
    dataDir: dataDir && !config.DATABASE_URL ? resolve(dataDir, 'pglite') : null,
  });
  if (await connectsAsSuperuser(database)) {
    log(
      '警告：应用以数据库超级用户身份连接。生产环境请用 jimin_app 角色的账号连接，迁移用 JIMIN_MIGRATION_DATABASE_URL（见 docs/operator-guide.md）。',
    );
  }
  const keyring = Keyring.fromEnvOrFile({ env: opts.env ?? process.env, dataDir, log });
  const cipher = new FieldCipher(keyring);
  const deps: Deps = {
    config,
    database,
    cipher,
    notifier: createNotifier(config, cipher),
    jobs: new JobRunner(database),
    readAudit: new ReadAudit(database.db, config.JIMIN_READ_AUDIT_FLUSH_MS),
    calendar: new CalendarStore(database.db),
    notices: new NoticeBoard(database),
  };
  // Every kind of background job, registered once.
  deps.jobs.register(IMPORT_PERSONS, personImportHandler(deps));
  deps.jobs.register(BUILD_ROLL, buildRollHandler(deps));
  deps.jobs.register(RECOMPUTE, recomputeHandler(deps));
  deps.jobs.register(IMPORT_ENTITLEMENTS, entitlementImportHandler(deps));
  // Social assistance recomputes what it derived from registry facts that changed.
  deps.jobs.register(FACTS_CHANGED, refreshHandler(deps));
  // Every kind of public notice, with what its end does.
  deps.notices.register(CASE_NOTICE, endCaseNotice(deps));
  deps.notices.register(STOP_NOTICE, endStopNotice);
  return deps;
}

export async function firstStart(deps: Deps, log: (msg: string) => void): Promise<void> {
  const db = deps.database.db;
  await seedRoles(db);
  const loaded = await loadDivisions(deps.database, deps.config.JIMIN_CITY);
  if (loaded) log(`已载入行政区划 ${loaded} 条`);
  await seedCalendar(db);
  await seedPolicy(db);
  const [{ n }] = await db.select({ n: count() }).from(users).where(eq(users.kind, 'staff'));
  if (n > 0) return;
  const password = generatePassword();
  await db.insert(users).values({
    kind: 'staff',
    username: 'admin',
    displayName: '系统管理员',
    passwordHash: await hashPassword(password),
    roles: ['city_admin'],
    divisionCode: deps.config.JIMIN_CITY,
    mustChangePassword: true,
    passwordChangedAt: new Date(),
  });
  log('');
  log('  管理员账号 admin 的一次性密码（只显示这一次，首次登录后须修改）:');
  log(`      ${password}`);
  log('');
  if (deps.config.JIMIN_DEMO) {
    const demo = await seedDemo(deps);
    log(`已生成演示数据：${demo.households} 户、${demo.persons} 人、${demo.users} 个演示账号（密码由管理员重置后告知）`);
  }
}
