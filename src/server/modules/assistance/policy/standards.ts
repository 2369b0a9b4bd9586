/**
 * Maintaining the standards and policy parameters (city administrator). A new value takes effect
 * from its month; entering one starts the recomputation of every entitlement in force then (of the
 * county, for a county's own value). A value for the whole city ('') is the city's to enter: a county
 * user enters their county's own values only (Z3), and so sees only their county's recomputation (Z2).
 */
import { asc, desc } from 'drizzle-orm';
import { z } from 'zod';
import { PolicyBook } from './policy.js';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { AppError } from '../../../platform/errors.js';
import { isMonth } from '../../../../shared/dates.js';
import { keysOf } from '../../../../shared/registry-codes.js';
import { parameterKeys, standardHukouTypes, standardKinds, type ParameterKey } from '../../../../shared/assistance-codes.js';
import { assistanceParameters, assistanceStandards } from '../schema.js';
import { parameterSchemas } from './policy.js';
import { RECOMPUTE } from '../entitlements/recompute.js';

const month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');
const county = z
  .string()
  .regex(/^(\d{6})?$/, '县（市、区）代码应为 6 位，全市统一请留空')
  .default('');

export async function listStandards(deps: Deps) {
  const list = await deps.database.db
    .select()
    .from(assistanceStandards)
    .orderBy(asc(assistanceStandards.kind), asc(assistanceStandards.hukouType), desc(assistanceStandards.effectiveMonth));
  return list.map((s) => ({
    ...s,
    kindName: standardKinds[s.kind as keyof typeof standardKinds] ?? s.kind,
    hukouTypeName: standardHukouTypes[s.hukouType],
    createdAt: s.createdAt.toISOString(),
  }));
}

export const addStandardInput = z.object({
  kind: z.enum(keysOf(standardKinds), { error: '请选择标准类别' }),
  hukouType: z.enum(keysOf(standardHukouTypes)),
  countyCode: county,
  effectiveMonth: month,
  amountFen: z.number().int().min(1, '标准须大于 0').max(10_000_000, '标准过大'),
  note: z.string().trim().max(200).optional(),
});

/** The county a value is for must lie in the jurisdiction; a city-wide value needs the whole city. */
function assertCounty(deps: Deps, actor: Actor, countyCode: string): void {
  if (countyCode && !countyCode.startsWith(actor.divisionCode)) throw AppError.field('countyCode', '所选县（市、区）不在您的管辖范围内');
  if (!countyCode && !deps.config.JIMIN_CITY.startsWith(actor.divisionCode))
    throw AppError.field('countyCode', '全市统一的标准和参数由市级民政部门设置，请选择本县（市、区）');
}

export async function addStandard(deps: Deps, ctx: Ctx, input: z.infer<typeof addStandardInput>) {
  const actor = requireActor(ctx.actor);
  assertCounty(deps, actor, input.countyCode);
  const db = deps.database.db;
  const created = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assistanceStandards)
      .values({ ...input, note: input.note ?? null, createdBy: actor.userId })
      .onConflictDoNothing()
      .returning();
    if (!row) throw AppError.conflict('该类别、城乡、地区和生效月份的标准已存在');
    await audit(tx, ctx, { action: 'assistance.standard.add', objectType: 'assistance_standard', objectId: row.id, details: { ...input } });
    return row;
  });
  PolicyBook.invalidate();
  const jobId = await deps.jobs.enqueue({
    kind: RECOMPUTE,
    payload: {
      month: input.effectiveMonth,
      countyCode: input.countyCode,
      reason: `${standardKinds[input.kind]}调整为 ${input.amountFen / 100} 元`,
    },
    createdBy: actor.userId,
  });
  return { id: created.id, recomputeJobId: jobId };
}

export async function listParameters(deps: Deps) {
  const list = await deps.database.db
    .select()
    .from(assistanceParameters)
    .orderBy(asc(assistanceParameters.key), desc(assistanceParameters.effectiveMonth));
  return list.map((p) => ({ ...p, name: parameterKeys[p.key as ParameterKey] ?? p.key, createdAt: p.createdAt.toISOString() }));
}

export const setParameterInput = z.object({
  key: z.enum(keysOf(parameterKeys)),
  countyCode: county,
  effectiveMonth: month,
  value: z.unknown(),
});

export async function setParameter(deps: Deps, ctx: Ctx, input: z.infer<typeof setParameterInput>) {
  const actor = requireActor(ctx.actor);
  assertCounty(deps, actor, input.countyCode);
  const parsed = parameterSchemas[input.key].safeParse(input.value);
  if (!parsed.success) throw AppError.field('value', `${parameterKeys[input.key]}：${parsed.error.issues[0].message}`);
  const db = deps.database.db;
  await db.transaction(async (tx) => {
    await tx
      .insert(assistanceParameters)
      .values({
        key: input.key,
        countyCode: input.countyCode,
        effectiveMonth: input.effectiveMonth,
        value: parsed.data,
        createdBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [assistanceParameters.key, assistanceParameters.countyCode, assistanceParameters.effectiveMonth],
        set: { value: parsed.data, createdBy: actor.userId },
      });
    await audit(tx, ctx, {
      action: 'assistance.parameter.set',
      objectType: 'assistance_parameter',
      objectId: input.key,
      details: { countyCode: input.countyCode, effectiveMonth: input.effectiveMonth, value: parsed.data },
    });
  });
  PolicyBook.invalidate();
  const jobId = await deps.jobs.enqueue({
    kind: RECOMPUTE,
    payload: { month: input.effectiveMonth, countyCode: input.countyCode, reason: `${parameterKeys[input.key]}调整` },
    createdBy: actor.userId,
  });
  return { ok: true, recomputeJobId: jobId };
}
