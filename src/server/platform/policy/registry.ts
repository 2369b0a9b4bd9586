/**
 * What a module registers with the platform's dated policy (docs/adding-a-module.md "Dated policy"):
 * its kinds, each with a name, a group and the schema of its values, the permissions to read and to
 * enter them, and what an entry does besides being stored — its audit row, written by the module
 * under its own action names in the entry's transaction (as the casework kernel's stores do), and
 * what it starts once committed (a recomputation).
 */
import type { z } from 'zod';
import type { Db } from '../db/index.js';
import type { Ctx } from '../context.js';
import type { Permission } from '../../../shared/permissions.js';

export interface PolicyKind {
  kind: string;
  name: string;
  /** How the module's page groups its kinds (社会救助: 'standard', 'parameter'). */
  group: string;
  schema: z.ZodType;
  /**
   * A second value for the same county and month: refused with this message, or ('replace') entered
   * as the value in force, the earlier one kept as history.
   */
  sameMonth: { refuse: string } | 'replace';
  /** What the message of an invalid value starts with (`渐退期最长月数：…`), if anything. */
  errorPrefix?: string;
}

/** One value as stored (policy_values). */
export interface PolicyEntry {
  id: number;
  module: string;
  kind: string;
  countyCode: string;
  effectiveMonth: string;
  value: unknown;
  note: string | null;
}

export interface PolicyModule {
  module: string;
  /** The module's name (社会救助). */
  name: string;
  read: Permission;
  write: Permission;
  kinds: PolicyKind[];
  /** The audit row of an entry, in its transaction. */
  audit(tx: Db, ctx: Ctx, entry: PolicyEntry): Promise<void>;
  /** After the commit: what the module starts for the new value, as the id of its job, or null. */
  changed?(ctx: Ctx, entry: PolicyEntry): Promise<number | null>;
}

/** The modules with dated policy, registered once at start (bootstrap.ts). */
export class PolicyRegistry {
  private readonly byModule = new Map<string, PolicyModule & { byKind: Map<string, PolicyKind> }>();

  register(m: PolicyModule): void {
    if (this.byModule.has(m.module)) throw new Error(`policy: ${m.module} is registered twice`);
    this.byModule.set(m.module, { ...m, byKind: new Map(m.kinds.map((k) => [k.kind, k])) });
  }

  modules(): PolicyModule[] {
    return [...this.byModule.values()];
  }

  module(module: string): PolicyModule {
    const m = this.byModule.get(module);
    if (!m) throw new Error(`policy: ${module} is not registered`);
    return m;
  }

  kind(module: string, kind: string): PolicyKind | undefined {
    return this.byModule.get(module)?.byKind.get(kind);
  }
}
