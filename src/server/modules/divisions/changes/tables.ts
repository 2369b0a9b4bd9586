/**
 * Which columns a division change re-codes (docs/rules.md "Dated divisions (区划变更)", docs/decisions.md
 * 40): found in the manifests' drizzle tables, never named, so a module added later is covered the
 * day it lands. A column holds a division code when it is named `division_code`, ends in
 * `_division_code` (a person's 户籍地 and 居住地) or is a `county_code`; the tables a manifest lists as
 * `frozen` (what was approved or issued) are left out, and so is the tree itself.
 */
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import type { ServerModule } from '../../../platform/module.js';

export interface CodedColumn {
  table: string;
  column: string;
}

const holdsDivisionCode = (name: string): boolean => name === 'division_code' || name.endsWith('_division_code') || name === 'county_code';

/** The tables never re-coded: the tree (its history is its own) and the mapping table. */
const TREE_TABLES = new Set(['divisions', 'division_changes', 'division_code_map']);

export function codedColumns(modules: readonly ServerModule[]): { live: CodedColumn[]; frozen: CodedColumn[] } {
  const frozenTables = new Set<PgTable>(modules.flatMap((m) => m.frozen));
  const live: CodedColumn[] = [];
  const frozen: CodedColumn[] = [];
  const seen = new Set<string>();
  for (const m of modules) {
    for (const table of Object.values(m.tables)) {
      const config = getTableConfig(table);
      if (TREE_TABLES.has(config.name) || seen.has(config.name)) continue;
      seen.add(config.name);
      for (const c of config.columns) {
        if (!holdsDivisionCode(c.name)) continue;
        (frozenTables.has(table) ? frozen : live).push({ table: config.name, column: c.name });
      }
    }
  }
  const order = (a: CodedColumn, b: CodedColumn) => a.table.localeCompare(b.table) || a.column.localeCompare(b.column);
  return { live: live.sort(order), frozen: frozen.sort(order) };
}

/** The manifests, read when a change is applied (a static import would be a cycle: the list holds this module). */
export async function allModules(): Promise<readonly ServerModule[]> {
  const { serverModules } = await import('../../index.js');
  return serverModules;
}
