/**
 * Benefit records (待遇记录) on persons: what any module or outside agency pays a person. Recorded by
 * hand or imported here; later modules write them too and read them for exclusivity and shortfall.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { requireActor, scopeWhere } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { AppError } from '../../platform/errors.js';
import { benefitSources, benefitTypes } from '../../../shared/registry-codes.js';
import type { BenefitRow, CreateBenefitInput, EndBenefitInput } from '../../../shared/registry/benefits.js';
import { benefits, persons } from './schema.js';
import { loadPerson } from './persons.js';
import { announceFactsChangedInTx } from './events.js';
import { assertExclusiveInTx } from './ledger.js';
import { countyOf } from '../../../shared/divisions.js';

export function benefitScope(actor: Actor) {
  return scopeWhere(actor, { division: benefits.divisionCode, person: benefits.personId });
}

export async function listBenefits(deps: Deps, actor: Actor, filter: { personId?: number; householdId?: number }): Promise<BenefitRow[]> {
  const found = await deps.database.db
    .select({ b: benefits, personName: persons.name })
    .from(benefits)
    .innerJoin(persons, eq(persons.id, benefits.personId))
    .where(
      and(
        benefitScope(actor),
        filter.personId ? eq(benefits.personId, filter.personId) : undefined,
        filter.householdId ? eq(persons.householdId, filter.householdId) : undefined,
      ),
    )
    .orderBy(desc(benefits.startMonth), desc(benefits.id))
    .limit(500);
  return found.map(({ b, personName }) => ({
    id: b.id,
    personId: b.personId,
    personName,
    type: b.type,
    typeName: benefitTypes[b.type as keyof typeof benefitTypes] ?? b.type,
    monthlyAmountFen: b.monthlyAmountFen,
    startMonth: b.startMonth,
    endMonth: b.endMonth,
    source: b.source,
    sourceName: benefitSources[b.source as keyof typeof benefitSources] ?? b.source,
    note: b.note,
  }));
}

export async function createBenefit(deps: Deps, ctx: Ctx, input: CreateBenefitInput): Promise<BenefitRow> {
  const actor = requireActor(ctx.actor);
  const id = await deps.database.db.transaction(async (tx) => {
    const person = await loadPerson(tx, actor, input.personId);
    // A benefit recorded by hand is held to the same rules as one a module pays (docs/rules.md "The benefit ledger").
    await assertExclusiveInTx(tx, input.type, [input.personId], input.startMonth, countyOf(person.hukou_division_code));
    const [created] = await tx
      .insert(benefits)
      .values({
        ...input,
        endMonth: input.endMonth ?? null,
        note: input.note ?? null,
        divisionCode: person.hukou_division_code,
        createdBy: actor.userId,
      })
      .returning({ id: benefits.id });
    await audit(tx, ctx, {
      action: 'benefit.create',
      objectType: 'benefit',
      objectId: created.id,
      details: { personId: input.personId, type: input.type, monthlyAmountFen: input.monthlyAmountFen },
    });
    await announceFactsChangedInTx(deps, tx, actor, [input.personId]);
    return created.id;
  });
  const [row] = (await listBenefits(deps, actor, { personId: input.personId })).filter((b) => b.id === id);
  return row;
}

export async function endBenefit(deps: Deps, ctx: Ctx, id: number, input: EndBenefitInput): Promise<void> {
  const actor = requireActor(ctx.actor);
  await deps.database.db.transaction(async (tx) => {
    const [b] = await tx
      .select()
      .from(benefits)
      .where(and(eq(benefits.id, id), benefitScope(actor)))
      .for('update');
    if (!b) throw AppError.notFound('待遇记录');
    if (input.endMonth < b.startMonth) throw AppError.field('endMonth', '截止月份不能早于起始月份');
    await tx.update(benefits).set({ endMonth: input.endMonth }).where(eq(benefits.id, id));
    await audit(tx, ctx, { action: 'benefit.end', objectType: 'benefit', objectId: id, details: { endMonth: input.endMonth } });
    await announceFactsChangedInTx(deps, tx, actor, [b.personId]);
  });
}
