/** docs/security.md D6: the application's database role is no superuser and may only add and read audit rows. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { startTestApp, testDbKind, type TestApp } from '../../testing/harness.js';
import { connectsAsSuperuser, rows } from './index.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

const AUDIT_TABLES = ['audit_chain', 'audit_log'];

/** The SQLSTATE of a failed statement (drizzle keeps the driver's error as `cause`). */
async function refusal(statement: Promise<unknown>): Promise<string> {
  try {
    await statement;
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    return e.cause?.code ?? e.code ?? 'error';
  }
  return 'succeeded';
}

describe('database role', () => {
  it('D6 jimin_app holds INSERT and SELECT only on the audit tables and its DML on every other table', async () => {
    const grants = await rows<{ table_name: string; privilege_type: string }>(
      t.owner,
      sql`select c.relname as table_name, p.privilege_type
            from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
            cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) p(privilege_type)
           where c.relkind in ('r', 'p') and has_table_privilege('jimin_app', c.oid, p.privilege_type)`,
    );
    const held = new Map<string, string[]>();
    for (const g of grants) held.set(g.table_name, [...(held.get(g.table_name) ?? []), g.privilege_type].sort());
    const tables = await rows<{ name: string }>(
      t.owner,
      sql`select tablename as name from pg_tables where schemaname = 'public' order by 1`,
    );
    expect(tables.length).toBeGreaterThan(20);
    for (const { name } of tables) {
      // A table a migration added without its grant shows here by name.
      const expected = AUDIT_TABLES.includes(name) ? ['INSERT', 'SELECT'] : ['DELETE', 'INSERT', 'SELECT', 'UPDATE'];
      expect({ table: name, privileges: held.get(name) ?? [] }).toEqual({ table: name, privileges: expected });
    }
  });

  if (testDbKind() === 'postgres') {
    it('D6 the application connects as a member of jimin_app, not as a superuser', async () => {
      expect(await connectsAsSuperuser(t.deps.database)).toBe(false);
      const [me] = await rows<{ member: boolean; owner: boolean }>(
        t.deps.database.db,
        sql`select pg_has_role(current_user, 'jimin_app', 'member') as member,
                   exists (select 1 from pg_tables where schemaname = 'public' and tableowner = current_user) as owner`,
      );
      expect(me).toEqual({ member: true, owner: false });
    });

    it('D6 the application role cannot update, delete or truncate audit rows, with the triggers on or off, nor disable them', async () => {
      const app = t.deps.database.db;
      await app.execute(sql`insert into audit_log (action, outcome) values ('test.d6', 'ok')`);
      const attempts = () => [
        refusal(app.execute(sql`update audit_log set action = 'x' where action = 'test.d6'`)),
        refusal(app.execute(sql`delete from audit_log where action = 'test.d6'`)),
        refusal(app.execute(sql`truncate audit_log`)),
        refusal(app.execute(sql`delete from audit_chain`)),
      ];
      // 42501: permission denied, before any trigger is asked.
      expect(await Promise.all(attempts())).toEqual(['42501', '42501', '42501', '42501']);
      expect(await refusal(app.execute(sql`alter table audit_log disable trigger audit_log_append_only`))).toBe('42501');
      expect(await refusal(app.execute(sql`set session_replication_role = replica`))).toBe('42501');
      // Even with the owner's triggers off, the privilege alone refuses.
      await t.owner.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
      try {
        expect(await Promise.all(attempts())).toEqual(['42501', '42501', '42501', '42501']);
      } finally {
        await t.owner.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
      }
      const [{ n }] = await rows<{ n: number }>(app, sql`select count(*)::int as n from audit_log where action = 'test.d6'`);
      expect(n).toBe(1);
    });
  }
});
