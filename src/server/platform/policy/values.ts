/**
 * Entering and listing a module's dated values (标准和政策参数). A new value takes effect from its
 * month; the module says what follows (social assistance recomputes every entitlement in force then).
 * A value for the whole city ('') is the city's to enter: a county user enters their county's own
 * values only (Z3). Every entry is kept: the list marks the ones a later entry for the same kind,
 * county and month replaced (`current: false`).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../deps.js';
import type { Actor, Ctx } from '../context.js';
import { requireActor } from '../access/scope.js';
import { AppError } from '../errors.js';
import { rows, type Db } from '../db/index.js';
import { policyValues } from './schema.js';
import { PolicyBook } from './book.js';
import type { PolicyEntry } from './registry.js';
import type { PolicyValue, PolicyValueInput, PolicyValueSaved } from '../../../shared/policy/values.js';

/** Every entry of the module's registered kinds, by kind and latest month first, each marked current or replaced. */
export async function listValues(deps: Deps, module: string): Promise<PolicyValue[]> {
  const found = await rows<{
    id: number | string;
    kind: string;
    county_code: string;
    effective_month: string;
    value: unknown;
    note: string | null;
    created_by: number | string | null;
    created_by_name: string | null;
    created_at: Date | string;
    current: boolean;
  }>(
    deps.database.db,
    sql`select v.id, v.kind, v.county_code, v.effective_month, v.value, v.note, v.created_by,
          (select u.display_name from users u where u.id = v.created_by) as created_by_name, v.created_at,
          v.id = max(v.id) over (partition by v.kind, v.county_code, v.effective_month) as current
        from ${policyValues} v where v.module = ${module}
        order by v.kind, v.effective_month desc, v.county_code, v.id desc`,
  );
  const out: PolicyValue[] = [];
  for (const r of found) {
    const kind = deps.policy.kind(module, r.kind);
    if (!kind) continue;
    out.push({
      id: Number(r.id),
      kind: r.kind,
      kindName: kind.name,
      group: kind.group,
      countyCode: r.county_code,
      effectiveMonth: r.effective_month,
      value: r.value,
      note: r.note,
      current: Boolean(r.current),
      createdBy: r.created_by === null ? null : Number(r.created_by),
      createdByName: r.created_by_name,
      createdAt: new Date(r.created_at).toISOString(),
    });
  }
  return out;
}

/** The county a value is for must lie in the jurisdiction; a city-wide value needs the whole city. */
function assertCounty(deps: Deps, actor: Actor, countyCode: string): void {
  if (countyCode && !countyCode.startsWith(actor.divisionCode)) throw AppError.field('countyCode', '所选县（市、区）不在您的管辖范围内');
  if (!countyCode && !deps.config.JIMIN_CITY.startsWith(actor.divisionCode))
    throw AppError.field('countyCode', '全市统一的标准和参数由市级民政部门设置，请选择本县（市、区）');
}

type Input = Omit<PolicyValueInput, 'countyCode'> & { countyCode: string };

export async function setValue(deps: Deps, ctx: Ctx, module: string, input: Input): Promise<PolicyValueSaved> {
  const actor = requireActor(ctx.actor);
  const m = deps.policy.module(module);
  const kind = deps.policy.kind(module, input.kind);
  if (!kind) throw AppError.field('kind', '请选择类别');
  assertCounty(deps, actor, input.countyCode);
  const parsed = kind.schema.safeParse(input.value);
  if (!parsed.success) throw AppError.field('value', `${kind.errorPrefix ? `${kind.errorPrefix}：` : ''}${parsed.error.issues[0].message}`);
  const entry = await deps.database.db.transaction(async (tx) => {
    if (kind.sameMonth !== 'replace' && (await entered(tx, module, input.kind, input.countyCode, input.effectiveMonth)))
      throw AppError.conflict(kind.sameMonth.refuse);
    const [row] = await tx
      .insert(policyValues)
      .values({
        module,
        kind: input.kind,
        countyCode: input.countyCode,
        effectiveMonth: input.effectiveMonth,
        value: parsed.data,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning();
    const entry: PolicyEntry = {
      id: row.id,
      module,
      kind: row.kind,
      countyCode: row.countyCode,
      effectiveMonth: row.effectiveMonth,
      value: row.value,
      note: row.note,
    };
    await m.audit(tx, ctx, entry);
    return entry;
  });
  PolicyBook.invalidate();
  const jobId = (await m.changed?.(ctx, entry)) ?? null;
  return { id: entry.id, jobId };
}

async function entered(tx: Db, module: string, kind: string, countyCode: string, month: string): Promise<boolean> {
  const t = policyValues;
  const [hit] = await tx
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.module, module), eq(t.kind, kind), eq(t.countyCode, countyCode), eq(t.effectiveMonth, month)))
    .limit(1);
  return Boolean(hit);
}

/**
 * A module's shipped defaults (first start, and an upgrade that adds a kind): each value of a kind
 * the module has no entry of yet is entered for the whole city, unaudited, by nobody.
 */
export async function seedValues(
  db: Db,
  module: string,
  seed: { effectiveMonth: string; values: { kind: string; value: unknown; note: string | null }[] },
): Promise<void> {
  const t = policyValues;
  await db.transaction(async (tx) => {
    const have = new Set((await tx.selectDistinct({ kind: t.kind }).from(t).where(eq(t.module, module))).map((r) => r.kind));
    const missing = seed.values.filter((v) => !have.has(v.kind));
    if (missing.length)
      await tx.insert(t).values(
        missing.map((v) => ({
          module,
          kind: v.kind,
          effectiveMonth: seed.effectiveMonth,
          value: v.value,
          note: v.note,
        })),
      );
  });
  PolicyBook.invalidate();
}
