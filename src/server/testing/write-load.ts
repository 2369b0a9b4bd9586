/**
 * Concurrent writes for the fault tests (docs/security.md F1, F2, F6): clients registering households of
 * two new persons (one transaction: household, both persons, the head, the audit row) through
 * POST /api/households, recording every answer, so a test can tell what was acknowledged.
 */
import { generateResidentId } from '../../shared/validation/resident-id.js';
import type { ServerProcess } from './server-process.js';

let issued = 0;

/** A valid ID number never issued before in this test process (address 370811, 任城区). */
export function nextIdNumber(): string {
  const i = issued++;
  const birth = new Date(Date.UTC(1950, 0, 1) + (i % 20_000) * 86_400_000).toISOString().slice(0, 10);
  return generateResidentId({ addressCode: '370811', birthDate: birth, seq: 100 + Math.floor(i / 20_000) });
}

export function householdBody(village: string) {
  const member = (relation: string, name: string) => ({
    relation,
    person: { name, idNumber: nextIdNumber(), hukouDivisionCode: village, hukouType: 'urban' },
  });
  return { divisionCode: village, address: `测试路 ${issued} 号`, members: [member('head', '张建国'), member('spouse', '李秀英')] };
}

export interface WriteLoad {
  /** Households answered 2xx, by id. */
  readonly acknowledged: number[];
  /** Every answer's status (0: no answer: the connection failed) with its error code. */
  readonly answers: { status: number; code: string | null; at: number }[];
  /** Answers after `since` (a Date.now()) that satisfy `pred`. */
  count(pred: (a: { status: number; code: string | null }) => boolean, since?: number): number;
  /** Ends the loops and waits for the requests in flight. */
  stop(): Promise<void>;
}

/**
 * `clients` loops writing until stopped, or after `maxMs` on their own. While the server process is
 * down (killed) or starting, a client waits instead of hammering a closed port.
 */
export function startWrites(server: ServerProcess, cookie: string, opts: { clients: number; village: string; maxMs?: number }): WriteLoad {
  const acknowledged: number[] = [];
  const answers: WriteLoad['answers'] = [];
  const end = Date.now() + (opts.maxMs ?? 120_000);
  let stopped = false;
  const loop = async () => {
    while (!stopped && Date.now() < end) {
      if (!server.ready) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      try {
        const res = await server.request('POST', '/api/households', { cookie, body: householdBody(opts.village) });
        const body = res.body as { id?: number; code?: string };
        if (res.status >= 200 && res.status < 300) acknowledged.push(body.id!);
        answers.push({ status: res.status, code: body?.code ?? null, at: Date.now() });
      } catch {
        answers.push({ status: 0, code: null, at: Date.now() });
      }
    }
  };
  const loops = Array.from({ length: opts.clients }, loop);
  return {
    acknowledged,
    answers,
    count: (pred, since = 0) => answers.filter((a) => a.at >= since && pred(a)).length,
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

/** Polls `pred` every 20 ms until it holds; throws naming `what` after `timeoutMs`. */
export async function until(pred: () => boolean | Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await pred())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
