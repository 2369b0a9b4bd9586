/**
 * 公示 as a platform service (docs/rules.md "公示"): a module starts a notice for one of its records
 * with what the public page may show (masked, docs/security.md D4) and its last day; the public page
 * of a village or community lists the running ones without a login; a notice whose last day has
 * passed ends by itself — the module's handler for its kind carries the record on, in the same
 * transaction as the notice's end; an objection withdraws it (the module sends its record back).
 */
import { and, eq, lt, sql } from 'drizzle-orm';
import type { Database, Db } from '../db/index.js';
import { rows } from '../db/index.js';
import { withinDivision } from '../access/scope.js';
import { publicNotices } from './schema.js';
/** A running notice as the public page shows it (the contract: src/shared/platform/notices.ts). */
import type { PublicNotice } from '../../../shared/platform/notices.js';

/**
 * What the module does when a notice of its kind ends without objection, inside the notice's
 * transaction: every read goes through `tx` (on PGlite a read outside it would wait for it forever).
 */
export type NoticeEnd = (tx: Db, recordId: number, today: string) => Promise<void>;

export interface NoticeStart {
  kind: string;
  recordId: number;
  divisionCode: string;
  matter: string;
  shown: Record<string, string | number | null>;
  startsOn: string;
  lastDay: string;
}

export class NoticeBoard {
  private readonly ends = new Map<string, NoticeEnd>();

  constructor(private readonly database: Database) {}

  /** A module's kind of notice and what its end does; registered once at start (bootstrap.ts). */
  register(kind: string, onEnd: NoticeEnd): void {
    this.ends.set(kind, onEnd);
  }

  async startInTx(tx: Db, n: NoticeStart): Promise<void> {
    if (!this.ends.has(n.kind)) throw new Error(`notices: no handler registered for ${n.kind}`);
    await tx.insert(publicNotices).values(n);
  }

  /** An objection: the running notice of the record is withdrawn (the module moves the record back). */
  async withdrawInTx(tx: Db, kind: string, recordId: number): Promise<void> {
    await tx
      .update(publicNotices)
      .set({ status: 'withdrawn', closedAt: new Date() })
      .where(and(eq(publicNotices.kind, kind), eq(publicNotices.recordId, recordId), eq(publicNotices.status, 'running')));
  }

  /** The running notices of a township or village on `today`: what its public page shows. */
  async running(divisionCode: string, today: string): Promise<PublicNotice[]> {
    const found = await rows<{
      matter: string;
      shown: Record<string, string | number | null>;
      last_day: string;
      division_name: string | null;
    }>(
      this.database.db,
      sql`select n.matter, n.shown, n.last_day::text as last_day,
          (select full_name from divisions d where d.code = n.division_code) as division_name
        from public_notices n
        where n.status = 'running' and ${withinDivision(sql`n.division_code`, divisionCode)} and n.last_day >= ${today}
        order by n.division_code, n.id limit 1000`,
    );
    return found.map((r) => ({ matter: r.matter, ...r.shown, noticeEnds: r.last_day, divisionName: r.division_name }));
  }

  /** Ends every running notice whose last day is before `today`, each with its module's handler; how many ended. */
  async endDue(today: string): Promise<number> {
    const db = this.database.db;
    const due = await db
      .select({ id: publicNotices.id })
      .from(publicNotices)
      .where(and(eq(publicNotices.status, 'running'), lt(publicNotices.lastDay, today)))
      .orderBy(publicNotices.id);
    let ended = 0;
    for (const { id } of due) {
      await db.transaction(async (tx) => {
        const [n] = await tx.select().from(publicNotices).where(eq(publicNotices.id, id)).for('update');
        if (n?.status !== 'running' || n.lastDay >= today) return;
        const onEnd = this.ends.get(n.kind);
        if (!onEnd) throw new Error(`notices: no handler registered for ${n.kind}`);
        await onEnd(tx, n.recordId, today);
        await tx.update(publicNotices).set({ status: 'ended', closedAt: new Date() }).where(eq(publicNotices.id, id));
        ended++;
      });
    }
    return ended;
  }
}
