/** `npm start`: one process serving the API, the web UI, background jobs and the audit sealer. */
import { loadConfig } from './platform/config.js';
import { createDeps, firstStart, startTimers } from './bootstrap.js';
import { buildApp } from './app.js';
import { sealAudit } from './platform/audit/chain.js';

const log = (msg: string) => process.stdout.write(`${msg}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const deps = await createDeps(config, { log });
  await firstStart(deps, log);
  const app = await buildApp(deps);
  deps.jobs.onError = (kind, err) =>
    app.log.error({ kind, error: err.name, code: (err as { code?: string }).code }, 'background job failed');
  await deps.jobs.start();
  // The modules' periodic work: the audit sealer (every two seconds), the 公示 that end by themselves …
  const stopTimers = startTimers(deps, (failure, err) => app.log.error({ error: err.name }, failure));
  const address = await app.listen({ host: config.HOST, port: config.PORT });
  log(
    `济民 Jimin 已启动（${deps.database.kind === 'pglite' ? '内置数据库 PGlite' : 'PostgreSQL'}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`,
  );
  log(`请在浏览器中打开 ${address.replace('127.0.0.1', 'localhost')}/  接口文档 ${address}/api/docs`);

  const shutdown = async () => {
    stopTimers();
    await app.close();
    await deps.jobs.stop();
    await deps.readAudit.flush();
    await sealAudit(deps.database.db).catch(() => {});
    await deps.database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((err: Error) => {
  process.stderr.write(`启动失败: ${err.message}\n`);
  process.exit(1);
});
