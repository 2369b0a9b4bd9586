/**
 * The values in force, looked up in memory per computation (docs/decisions.md 16): a module's book is
 * loaded once for a request or a job, and every computation asks it for the value of a kind for the
 * county and the month it computes. The value in force is the one with the latest effective month not
 * after that month; at the same month a county's own value wins over the city's (''); of two entries
 * for the same kind, county and month, the later one (the earlier is history).
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { policyValues } from './schema.js';

export interface DatedValue<T = unknown> {
  id: number;
  countyCode: string;
  effectiveMonth: string;
  value: T;
}

/** Books cached per database and module (PolicyBook.cached). */
let shared = new WeakMap<Db, Map<string, { at: number; book: Promise<PolicyBook> }>>();

export class PolicyBook {
  constructor(
    readonly module: string,
    private readonly byKind: Map<string, DatedValue[]>,
  ) {}

  /**
   * For reads on hot paths (the worklist's delegation): the book cached a minute per process,
   * database and module, like the holiday calendar, and dropped by every write of a value in this
   * process (another process sees it within the minute). Decisions load the book afresh in their
   * transaction.
   */
  static cached(db: Db, module: string): Promise<PolicyBook> {
    const now = Date.now();
    let books = shared.get(db);
    if (!books) shared.set(db, (books = new Map()));
    const hit = books.get(module);
    if (hit && now - hit.at <= 60_000) return hit.book;
    const book = PolicyBook.load(db, module);
    book.catch(() => books.delete(module));
    books.set(module, { at: now, book });
    return book;
  }

  /** After a write of a value. */
  static invalidate(): void {
    shared = new WeakMap();
  }

  /** The module's current entries (history left out). */
  static async load(db: Db, module: string): Promise<PolicyBook> {
    const t = policyValues;
    const found = await db
      .selectDistinctOn([t.kind, t.countyCode, t.effectiveMonth], {
        id: t.id,
        kind: t.kind,
        countyCode: t.countyCode,
        effectiveMonth: t.effectiveMonth,
        value: t.value,
      })
      .from(t)
      .where(and(eq(t.module, module)))
      .orderBy(t.kind, t.countyCode, t.effectiveMonth, desc(t.id));
    const byKind = new Map<string, DatedValue[]>();
    for (const r of found) {
      if (!byKind.has(r.kind)) byKind.set(r.kind, []);
      byKind.get(r.kind)!.push({ id: r.id, countyCode: r.countyCode, effectiveMonth: r.effectiveMonth, value: r.value });
    }
    return new PolicyBook(module, byKind);
  }

  /** The value of `kind` in force for the county in `month`, or null. */
  value<T = unknown>(kind: string, countyCode: string, month: string): DatedValue<T> | null {
    let best: DatedValue | null = null;
    for (const r of this.byKind.get(kind) ?? []) {
      if (r.effectiveMonth > month || (r.countyCode !== '' && r.countyCode !== countyCode)) continue;
      if (!best || r.effectiveMonth > best.effectiveMonth || (r.effectiveMonth === best.effectiveMonth && r.countyCode !== '')) best = r;
    }
    return best as DatedValue<T> | null;
  }
}
