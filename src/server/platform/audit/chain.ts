/**
 * The audit hash chain (SM3). The sealer chains committed rows after the fact, in id order
 * (a row that commits late is chained when it appears), so requests never wait on the chain head.
 * Each link: hash = SM3(previous hash ‖ canonical row). `verifyAuditChain` walks the links and
 * names the first one that does not hold: an edited row, a deleted row, or a broken link.
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../db/index.js';
import { sm3Hex } from '../crypto/sm.js';

interface AuditRow {
  id: number | string;
  at: string;
  user_id: number | string | null;
  username: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  outcome: string;
  ip: string | null;
  details: unknown;
}

const GENESIS = '0'.repeat(64);

// Selected as text in SQL so both engines give byte-identical input to the hash.
const rowColumns = sql.raw(
  `a.id::text as id, to_char(a.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, a.user_id::text as user_id, a.username,
   a.action, a.object_type, a.object_id, a.outcome, a.ip, a.details::text as details`,
);

function canonical(r: AuditRow): string {
  return JSON.stringify([
    String(r.id),
    r.at,
    r.user_id === null ? null : String(r.user_id),
    r.username,
    r.action,
    r.object_type,
    r.object_id,
    r.outcome,
    r.ip,
    r.details,
  ]);
}

export function linkHash(prev: string, r: AuditRow): string {
  return sm3Hex(prev + canonical(r));
}

/** Chains every committed, unchained row older than `minAgeSeconds`; returns how many. */
export async function sealAudit(db: Db, opts: { minAgeSeconds?: number; batch?: number } = {}): Promise<number> {
  const minAge = opts.minAgeSeconds ?? 0;
  const batch = opts.batch ?? 5000;
  let sealed = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      // One sealer at a time across processes.
      await tx.execute(sql`select pg_advisory_xact_lock(7310001)`);
      const [head] = await rows<{ seq: string | number; hash: string; audit_id: string | number }>(
        tx,
        sql`select seq, hash, audit_id from audit_chain order by seq desc limit 1`,
      );
      const low = head ? Number(head.audit_id) - 100_000 : 0;
      const pending = await rows<AuditRow>(
        tx,
        sql`select ${rowColumns} from audit_log a
            where a.id > ${low} and a.at < now() - make_interval(secs => ${minAge})
              and not exists (select 1 from audit_chain c where c.audit_id = a.id)
            order by a.id limit ${batch}`,
      );
      let prev = head?.hash ?? GENESIS;
      const links = pending.map((r) => ({ audit_id: Number(r.id), hash: (prev = linkHash(prev, r)) }));
      // One statement per batch: under a search load every request leaves an audit row to seal.
      if (links.length) {
        await tx.execute(sql`insert into audit_chain (audit_id, hash)
          select x.audit_id, x.hash from jsonb_to_recordset(${JSON.stringify(links)}::jsonb) as x(audit_id bigint, hash text) order by
            x.audit_id`);
      }
      return pending.length;
    });
    sealed += n;
    if (n < batch) return sealed;
  }
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The audit id of the first link that does not hold. */
  firstBrokenId: number | null;
  reason: string | null;
  unsealed: number;
}

export async function verifyAuditChain(db: Db): Promise<ChainReport> {
  let prev = GENESIS;
  let checked = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await rows<AuditRow & { seq: string | number; hash: string; missing: boolean }>(
      db,
      sql`select c.seq, c.hash, c.audit_id::text as chain_id, (a.id is null) as missing, ${rowColumns}
          from audit_chain c left join audit_log a on a.id = c.audit_id
          where c.seq > ${afterSeq} order by c.seq limit 5000`,
    );
    for (const r of page) {
      const chainId = Number((r as unknown as { chain_id: string }).chain_id);
      if (r.missing) return broken(checked, chainId, '审计记录已被删除');
      const expected = linkHash(prev, r);
      if (expected !== r.hash) return broken(checked, chainId, '审计记录内容与哈希链不符（记录被修改）');
      prev = r.hash;
      checked++;
      afterSeq = Number(r.seq);
    }
    if (page.length < 5000) break;
  }
  const [{ n }] = await rows<{ n: string | number }>(
    db,
    sql`select count(*) as n from audit_log a where not exists (select 1 from audit_chain c where c.audit_id = a.id)`,
  );
  return { ok: true, checked, firstBrokenId: null, reason: null, unsealed: Number(n) };
}

function broken(checked: number, id: number, reason: string): ChainReport {
  return { ok: false, checked, firstBrokenId: id, reason, unsealed: 0 };
}
