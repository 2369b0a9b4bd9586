/**
 * Puts the platform together: database (PGlite or PostgreSQL), migrations, keys, cipher, notifier,
 * jobs. `firstStart` fills an empty database: roles, the city's divisions, the administrator
 * (one-time password printed once), demo data.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { publicBaseUrl, type Config } from './platform/config.js';
import type { Deps } from './platform/deps.js';
import { connectsAsSuperuser, openMigratedDatabase } from './platform/db/index.js';
import { users } from './platform/db/schema.js';
import { Keyring } from './platform/crypto/keyring.js';
import { FieldCipher } from './platform/crypto/field-cipher.js';
import { createNotifier } from './platform/notify/notifier.js';
import { JobRunner } from './platform/jobs/runner.js';
import { NoticeBoard } from './platform/notices/board.js';
import { ReadAudit } from './platform/audit/read-audit.js';
import { PolicyRegistry } from './platform/policy/registry.js';
import { PayeeAccounts } from './platform/payees/payees.js';
import { PaymentProgrammes } from './platform/payments/programmes.js';
import { VisitProgrammes } from './platform/visits/programmes.js';
import { IssuedDocuments } from './platform/verify/documents.js';
import { DocumentKeys } from './platform/verify/keys.js';
import { CalendarStore } from './platform/calendar/calendar.js';
import { hashPassword } from './platform/auth/password.js';
import { generatePassword } from './modules/admin/users.js';
import { seedDemo } from './demo/seed-demo.js';
import { serverModules } from './modules/index.js';

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
    policy: new PolicyRegistry(),
    payees: new PayeeAccounts(cipher),
    payments: new PaymentProgrammes(),
    visits: new VisitProgrammes(),
    documents: new IssuedDocuments(
      database,
      DocumentKeys.fromEnvOrFile({ env: opts.env ?? process.env, dataDir, log }),
      publicBaseUrl(config),
    ),
  };
  // Every kind of background job, registered once, from the modules' manifests.
  for (const m of serverModules) for (const job of m.jobs) deps.jobs.register(job.kind, job.handler(deps));
  for (const m of serverModules) for (const l of m.listens) deps.jobs.subscribe(l.event, m.name, l.handler(deps));
  // Every kind of public notice, with what its end does.
  for (const m of serverModules) for (const n of m.notices) deps.notices.register(n.kind, n.onEnd(deps));
  // Every module's kinds of dated policy, payee accounts and payment programmes.
  for (const m of serverModules) for (const connect of m.services) connect(deps);
  return deps;
}

export async function firstStart(deps: Deps, log: (msg: string) => void): Promise<void> {
  const db = deps.database.db;
  // The modules' seeds in the order of the module list: roles, divisions, calendar, policy.
  for (const m of serverModules) for (const seed of m.seeds) await seed(deps, log);
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

/**
 * Starts the modules' periodic work (`main.ts`); returns what stops it. A failed run is reported
 * with the timer's `failure` message, or waits silently for the next run when it has none.
 */
export function startTimers(deps: Deps, onError: (failure: string, err: Error) => void): () => void {
  const intervals: NodeJS.Timeout[] = [];
  for (const m of serverModules) {
    for (const timer of m.timers) {
      const run = () => {
        timer.run(deps).catch((err: Error) => {
          if (timer.failure) onError(timer.failure, err);
        });
      };
      if (timer.atStart) run();
      intervals.push(setInterval(run, timer.everyMs));
    }
  }
  return () => intervals.forEach(clearInterval);
}
