/**
 * The load generator, run as its own process so it does not share the server's thread:
 *   tsx bench/load.ts <base url> <cookie or -> <seconds> <connections> <path> [<path> …]
 * Cycles through the paths; prints {p50, p99, requests, errors} as JSON.
 */
import autocannon from 'autocannon';

const [base, cookie, seconds, connections, ...paths] = process.argv.slice(2);
let k = 0;
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  headers: cookie && cookie !== '-' ? { cookie } : {},
  requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[k++ % paths.length] }) }],
});
console.log(
  JSON.stringify({
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
  }),
);
