/**
 * `npm run bench -- <name> [options]`: benchmarks at city scale. Each prints one JSON line per
 * result: {"bench","n","seconds","floor_seconds","ratio"} (+ p50_ms, p99_ms for latency).
 * They run on PostgreSQL: BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server.
 */
const benches: Record<string, () => Promise<{ run: (args: string[]) => Promise<void> }>> = {
  registry: () => import('./registry.js'),
  assistance: () => import('./assistance.js'),
  contract: () => import('./contract.js'),
};

const [benchName, ...args] = process.argv.slice(2);
if (!benchName || !benches[benchName]) {
  console.error(`用法: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exit(2);
}
const mod = await benches[benchName]();
await mod.run(args);
process.exit(0);
export {};
