/**
 * Durable background jobs: rows in `jobs`. A job survives a restart (a job left running by a
 * killed process is taken up again), runs once at a time (claimed with FOR UPDATE SKIP LOCKED),
 * and reports progress that the UI polls. Submissions carry an idempotency key: a repeat returns
 * the first job.
 *
 * Events (the transactional outbox): a module that announces a fact (the registry: a person died, facts
 * changed) publishes it in the transaction that records the fact (`publishInTx`): one job per
 * subscriber is a row of that transaction, so the event exists exactly when the fact does and no crash
 * between the commit and an enqueue can lose it. Subscribers are the modules' manifests (`listens`).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.js';
import { rows } from '../db/index.js';
import { jobs } from '../db/schema.js';
import { AppError } from '../errors.js';

export interface JobContext {
  id: number;
  payload: Record<string, unknown>;
  createdBy: number | null;
  progress(done: number, total: number): Promise<void>;
}

/** A handler's outcome: `failed` jobs keep their result too (an import's error report). */
export interface JobOutcome {
  status: 'succeeded' | 'failed';
  result: Record<string, unknown>;
  error?: string;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

interface JobRow {
  id: string | number;
  kind: string;
  payload: Record<string, unknown>;
  created_by: string | number | null;
}

export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private wake = false;
  private readonly live = new Map<number, { done: number; total: number }>();

  /** Where unexpected failures are reported (by kind and error type: no payload, no personal data). */
  onError: (kind: string, err: Error) => void = () => {};

  constructor(private readonly database: Database) {}

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  private readonly subscribers = new Map<string, string[]>();

  /** `subscriber` answers `event` with `handler`: each publication becomes a job of kind `<event>><subscriber>`. */
  subscribe(event: string, subscriber: string, handler: JobHandler): void {
    const kind = `${event}>${subscriber}`;
    this.register(kind, handler);
    this.subscribers.set(event, [...(this.subscribers.get(event) ?? []).filter((k) => k !== kind), kind]);
  }

  /** The job kinds an event becomes (one per subscriber). */
  subscribersOf(event: string): string[] {
    return this.subscribers.get(event) ?? [];
  }

  /** Publishes `event` in the caller's transaction: a job per subscriber, committed or rolled back with the fact. */
  async publishInTx(tx: Db, event: string, payload: Record<string, unknown>, createdBy: number | null): Promise<void> {
    const kinds = this.subscribersOf(event);
    if (!kinds.length) return;
    await tx.insert(jobs).values(kinds.map((kind) => ({ kind, payload, createdBy })));
    // Picked up by the next poll, after the caller's commit.
  }

  /**
   * Queues a job in the caller's transaction: it exists only if the work that asks for it commits
   * (picked up by the next poll). An idempotency key already used by the account returns that job.
   */
  async enqueueInTx(
    tx: Db,
    job: { kind: string; payload: Record<string, unknown>; createdBy: number | null; idempotencyKey?: string | null },
  ): Promise<number> {
    const [created] = await tx
      .insert(jobs)
      .values({ kind: job.kind, payload: job.payload, createdBy: job.createdBy, idempotencyKey: job.idempotencyKey ?? null })
      .returning({ id: jobs.id });
    return created.id;
  }

  /** The job an account queued under an idempotency key, if any. */
  async byIdempotencyKey(key: string, createdBy: number | null): Promise<{ id: number; payload: Record<string, unknown> } | null> {
    const [existing] = await this.database.db
      .select({ id: jobs.id, payload: jobs.payload })
      .from(jobs)
      .where(and(eq(jobs.idempotencyKey, key), createdBy === null ? sql`created_by is null` : eq(jobs.createdBy, createdBy)));
    return existing ? { id: existing.id, payload: existing.payload as Record<string, unknown> } : null;
  }

  async enqueue(job: {
    kind: string;
    payload: Record<string, unknown>;
    createdBy: number | null;
    idempotencyKey?: string | null;
  }): Promise<number> {
    const db = this.database.db;
    if (job.idempotencyKey) {
      const [existing] = await db
        .select({ id: jobs.id })
        .from(jobs)
        .where(
          and(
            eq(jobs.idempotencyKey, job.idempotencyKey),
            job.createdBy === null ? sql`created_by is null` : eq(jobs.createdBy, job.createdBy),
          ),
        );
      if (existing) return existing.id;
    }
    const [created] = await db
      .insert(jobs)
      .values({ kind: job.kind, payload: job.payload, createdBy: job.createdBy, idempotencyKey: job.idempotencyKey ?? null })
      .onConflictDoNothing()
      .returning({ id: jobs.id });
    if (!created) return this.enqueue(job); // lost a race on the same key: return the winner
    if (this.timer) this.poke();
    return created.id;
  }

  /** Polls for work until stopped; jobs left `running` by a dead process are queued again. */
  async start(intervalMs = 500): Promise<void> {
    await this.database.db.execute(sql`update jobs set status = 'queued' where status = 'running'`);
    this.timer = setInterval(() => this.poke(), intervalMs);
    this.poke();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Progress of a job running in this process. */
  liveProgress(id: number): { done: number; total: number } | undefined {
    return this.live.get(id);
  }

  /** Runs every queued job now, in the caller's turn (tests; a runner that was not started). */
  async drain(): Promise<void> {
    while (await this.runOne()) {
      /* next */
    }
  }

  private poke(): void {
    if (this.running) {
      this.wake = true;
      return;
    }
    this.running = (async () => {
      try {
        do {
          this.wake = false;
          await this.drain();
        } while (this.wake);
      } catch {
        // A database outage: the next tick tries again.
      } finally {
        this.running = null;
      }
    })();
  }

  private async runOne(): Promise<boolean> {
    const db = this.database.db;
    const [job] = await rows<JobRow>(
      db,
      sql`update jobs set status = 'running', started_at = now(), attempts = attempts + 1
          where id = (select id from jobs where status = 'queued' order by id limit 1 for update skip locked)
          returning id, kind, payload, created_by`,
    );
    if (!job) return false;
    const id = Number(job.id);
    const handler = this.handlers.get(job.kind);
    let outcome: JobOutcome;
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      outcome = await handler({
        id,
        payload: job.payload,
        createdBy: job.created_by === null ? null : Number(job.created_by),
        // Progress lives in memory while the job runs (a handler may be inside a transaction that
        // holds the only PGlite connection); the final count is stored when it ends.
        progress: async (done, total) => {
          this.live.set(id, { done, total });
        },
      });
    } catch (err) {
      if (!(err instanceof AppError)) this.onError(job.kind, err as Error);
      outcome = {
        status: 'failed',
        result: err instanceof AppError ? { code: err.code, details: err.details } : {},
        error: err instanceof AppError ? err.message : '后台任务执行出错，请联系管理员',
      };
    }
    const last = this.live.get(id);
    this.live.delete(id);
    await db
      .update(jobs)
      .set({
        status: outcome.status,
        result: outcome.result,
        error: outcome.error ?? null,
        finishedAt: new Date(),
        progress: last?.done ?? 0,
        total: last?.total ?? 0,
      })
      .where(eq(jobs.id, id));
    return true;
  }
}
