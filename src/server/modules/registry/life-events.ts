/**
 * Life events on the person (docs/rules.md "Life events"): death and its revocation, marital status,
 * hukou moves and residence changes. Each writes the current fact on the person, an entry of the
 * person's history (`person_events`), its audit row and, where other modules derived something from
 * the fact, the registry's event (registry/events.ts), all in one transaction.
 */
import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { assertWritableDivision, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { addMonths, monthOf, shanghaiToday } from '../../../shared/dates.js';
import {
  eventSources,
  lifeEventKinds,
  maritalStatuses,
  type DeathInput,
  type HukouMoveInput,
  type MaritalStatusInput,
  type PersonEventRow,
  type ResidenceInput,
  type RevokeDeathInput,
} from '../../../shared/registry/life-events.js';
import { assertDivisionExists } from '../divisions/queries.js';
import { announceDeathInTx, announceFactsChangedInTx } from './events.js';
import { loadPerson } from './persons.js';
import type { PersonDbRow } from './person-row.js';
import { benefits, households, personEvents, personRelations, persons } from './schema.js';

type Person = PersonDbRow & { id_number_hash: string | null };

/** The person, locked, inside the actor's scope (404), at the version the user saw (409). */
export async function lockPerson(tx: Db, actor: Actor, id: number, version?: number): Promise<Person> {
  const p = await loadPerson(tx, actor, id, true);
  if (version !== undefined && version !== Number(p.version)) throw AppError.conflict('该人员信息已被他人修改，请刷新后重试');
  return p;
}

/** A date of the event: not after today (Asia/Shanghai), not before the person's birth. */
export function assertEventDate(p: { birth_date: string | null }, on: string, field: string, what: string): void {
  if (on > shanghaiToday()) throw AppError.field(field, `${what}不能晚于今天`);
  if (p.birth_date && on < p.birth_date) throw AppError.field(field, `${what}不能早于出生日期（${p.birth_date}）`);
}

export async function writeEventInTx(
  tx: Db,
  actor: Actor,
  p: { id: number | string; hukou_division_code: string; household_id: number | string | null },
  e: {
    kind: keyof typeof lifeEventKinds;
    occurredOn: string;
    source: string;
    sourceRef?: string | null;
    evidence?: string | null;
    details?: Record<string, unknown>;
  },
): Promise<number> {
  const [row] = await tx
    .insert(personEvents)
    .values({
      personId: Number(p.id),
      kind: e.kind,
      occurredOn: e.occurredOn,
      source: e.source,
      sourceRef: e.sourceRef ?? null,
      evidence: e.evidence ?? null,
      details: e.details ?? {},
      divisionCode: p.hukou_division_code,
      householdId: p.household_id === null ? null : Number(p.household_id),
      recordedBy: actor.userId,
    })
    .returning({ id: personEvents.id });
  return row.id;
}

async function bumpVersion(tx: Db, id: number, set: Partial<typeof persons.$inferInsert>): Promise<number> {
  const [u] = await tx
    .update(persons)
    .set({ ...set, version: sql`${persons.version} + 1`, updatedAt: new Date() })
    .where(eq(persons.id, id))
    .returning({ version: persons.version });
  return u.version;
}

/**
 * 登记死亡: the date (and place, certificate or cremation number when known) on the person. In the
 * same transaction: the person's open relations end on that day (a spouse becomes 丧偶), benefits
 * recorded by hand end with the month of death, and `PERSON_DIED` is published (social assistance
 * answers it: entitlements/death.ts).
 */
export async function recordDeath(deps: Deps, ctx: Ctx, id: number, input: DeathInput): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id, input.version);
    if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 登记死亡；登记有误的，请先撤销原死亡登记`);
    assertEventDate(p, input.diedOn, 'diedOn', '死亡日期');
    return recordDeathInTx(deps, tx, ctx, p, input);
  });
}

/** The death of a locked person (the window's form, an agency file's matched row). */
export async function recordDeathInTx(
  deps: Deps,
  tx: Db,
  ctx: Ctx,
  p: Person,
  input: Omit<DeathInput, 'version' | 'source'> & { source: DeathInput['source']; sourceRef?: string | null },
): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  const id = Number(p.id);
  const version = await bumpVersion(tx, id, { diedOn: input.diedOn });
  await writeEventInTx(tx, actor, p, {
    kind: 'death',
    occurredOn: input.diedOn,
    source: input.source,
    sourceRef: input.sourceRef,
    evidence: input.evidence,
    details: { place: input.place ?? null, certificateNo: input.certificateNo ?? null, cremationNo: input.cremationNo ?? null },
  });
  // The spouse is widowed; guardianship, care and the marriage end on the day.
  const spouses = await rows<{ id: number | string }>(
    tx,
    sql`select case when person_id = ${id} then related_person_id else person_id end as id from person_relations
        where kind = 'spouse' and until is null and (person_id = ${id} or related_person_id = ${id})`,
  );
  await tx
    .update(personRelations)
    .set({ until: input.diedOn, endReason: '一方死亡', endedBy: actor.userId })
    .where(and(isNull(personRelations.until), or(eq(personRelations.personId, id), eq(personRelations.relatedPersonId, id))));
  for (const s of spouses) await bumpVersion(tx, Number(s.id), { maritalStatus: 'widowed' });
  // Benefits recorded by hand (an agency's) end with the month of death; a module ends its own when it answers the event.
  const lastMonth = monthOf(input.diedOn);
  await tx.execute(sql`delete from benefits where person_id = ${id} and source_ref is null and start_month > ${lastMonth}`);
  await tx
    .update(benefits)
    .set({ endMonth: lastMonth })
    .where(
      and(eq(benefits.personId, id), isNull(benefits.sourceRef), or(isNull(benefits.endMonth), sql`${benefits.endMonth} > ${lastMonth}`)),
    );
  await audit(tx, ctx, {
    action: 'person.death',
    objectType: 'person',
    objectId: id,
    details: { diedOn: input.diedOn, source: input.source, firstMonthNotCovered: addMonths(lastMonth, 1) },
  });
  await announceDeathInTx(deps, tx, actor, { personId: id, diedOn: input.diedOn });
  return { id, version };
}

/** 撤销死亡登记: a death recorded in error. The history keeps both entries; modules that reacted are told (they review). */
export async function revokeDeath(deps: Deps, ctx: Ctx, id: number, input: RevokeDeathInput): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id, input.version);
    if (!p.died_on) throw AppError.conflict('该人员没有死亡登记');
    const version = await bumpVersion(tx, id, { diedOn: null });
    await writeEventInTx(tx, actor, p, {
      kind: 'death_revoked',
      occurredOn: shanghaiToday(),
      source: 'window',
      details: { reason: input.reason, revokedDiedOn: p.died_on },
    });
    await audit(tx, ctx, { action: 'person.death_revoke', objectType: 'person', objectId: id, details: { revokedDiedOn: p.died_on } });
    await announceDeathInTx(deps, tx, actor, { personId: id, diedOn: null, revoked: true });
    return { id, version };
  });
}

/** 婚姻状况: the status from a date; 有配偶 names the spouse, and the spouse relation is recorded (and ended on a divorce). */
export async function setMaritalStatus(
  deps: Deps,
  ctx: Ctx,
  id: number,
  input: MaritalStatusInput,
): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id, input.version);
    if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 去世，不能变更婚姻状况`);
    assertEventDate(p, input.since, 'since', '变更日期');
    const [open] = await rows<{ id: number | string; other: number | string }>(
      tx,
      sql`select id, case when person_id = ${id} then related_person_id else person_id end as other from person_relations
          where kind = 'spouse' and until is null and (person_id = ${id} or related_person_id = ${id})`,
    );
    if (input.status === 'married') {
      if (!input.spousePersonId) throw AppError.field('spousePersonId', '有配偶的，请选择配偶');
      if (input.spousePersonId === id) throw AppError.field('spousePersonId', '配偶不能是本人');
      if (open && Number(open.other) !== input.spousePersonId)
        throw AppError.field('spousePersonId', '该人员已登记其他配偶，请先登记离婚或丧偶');
      const spouse = await lockPerson(tx, actor, input.spousePersonId);
      if (spouse.died_on) throw AppError.field('spousePersonId', `所选配偶已于 ${spouse.died_on} 去世`);
      const [taken] = await rows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from person_relations where kind = 'spouse' and until is null
            and (person_id = ${spouse.id} or related_person_id = ${spouse.id}) and not (person_id = ${id} or related_person_id = ${id})`,
      );
      if (taken.n) throw AppError.field('spousePersonId', '所选配偶已登记其他配偶');
      if (!open)
        await tx.insert(personRelations).values({
          personId: id,
          relatedPersonId: input.spousePersonId,
          kind: 'spouse',
          since: input.since,
          source: input.source,
          evidence: input.evidence ?? null,
          recordedBy: actor.userId,
        });
      await bumpVersion(tx, input.spousePersonId, { maritalStatus: 'married' });
    } else if (open) {
      await tx
        .update(personRelations)
        .set({ until: input.since, endReason: maritalStatuses[input.status], endedBy: actor.userId })
        .where(eq(personRelations.id, Number(open.id)));
      // A divorce is both spouses' status; a widowing is recorded by the death.
      if (input.status === 'divorced') await bumpVersion(tx, Number(open.other), { maritalStatus: 'divorced' });
    }
    const version = await bumpVersion(tx, id, { maritalStatus: input.status });
    await writeEventInTx(tx, actor, p, {
      kind: 'marital_status',
      occurredOn: input.since,
      source: input.source,
      evidence: input.evidence,
      details: { from: p.marital_status, to: input.status, spousePersonId: input.spousePersonId ?? null },
    });
    await audit(tx, ctx, { action: 'person.marital_status', objectType: 'person', objectId: id, details: { to: input.status } });
    return { id, version };
  });
}

/**
 * 户口迁入 / 迁出. Moving in: the hukou division (and household) change from the date, the person's
 * earlier division stays in the history. Moving out of the city: the person stays on record under
 * the division they left, marked 已迁出, and leaves their household. Other modules recompute (facts changed).
 */
export async function moveHukou(deps: Deps, ctx: Ctx, id: number, input: HukouMoveInput): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => moveHukouInTx(deps, tx, ctx, await lockPerson(tx, actor, id, input.version), input));
}

/** The hukou move of a locked person (the window's form, an agency file's matched line). */
export async function moveHukouInTx(
  deps: Deps,
  tx: Db,
  ctx: Ctx,
  p: Person,
  input: HukouMoveInput,
): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  const id = Number(p.id);
  if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 去世，不能办理户口迁移`);
  assertEventDate(p, input.movedOn, 'movedOn', input.direction === 'in' ? '迁入日期' : '迁出日期');
  const left = p.household_id === null ? null : Number(p.household_id);
  let version: number;
  if (input.direction === 'in') {
    assertWritableDivision(actor, input.toDivisionCode, 'toDivisionCode');
    await assertDivisionExists(tx, input.toDivisionCode, 'toDivisionCode');
    let householdId: number | null = null;
    if (input.toHouseholdId) {
      const [h] = await rows<{ id: number | string; division_code: string }>(
        tx,
        sql`select id, division_code from households where id = ${input.toHouseholdId}`,
      );
      if (!h || h.division_code !== input.toDivisionCode) throw AppError.field('toHouseholdId', '所选家庭不在迁入地');
      householdId = Number(h.id);
    }
    version = await bumpVersion(tx, id, {
      hukouDivisionCode: input.toDivisionCode,
      householdId,
      relation: householdId ? (input.relation ?? 'other') : null,
      movedOutOn: null,
    });
    await writeEventInTx(tx, actor, p, {
      kind: 'hukou_move_in',
      occurredOn: input.movedOn,
      source: input.source,
      evidence: input.evidence,
      details: {
        fromPlace: input.fromPlace,
        fromDivisionCode: p.hukou_division_code,
        toDivisionCode: input.toDivisionCode,
        fromHouseholdId: left,
        toHouseholdId: householdId,
      },
    });
  } else {
    version = await bumpVersion(tx, id, { householdId: null, relation: null, movedOutOn: input.movedOn });
    await writeEventInTx(tx, actor, p, {
      kind: 'hukou_move_out',
      occurredOn: input.movedOn,
      source: input.source,
      evidence: input.evidence,
      details: { toPlace: input.toPlace, fromHouseholdId: left },
    });
  }
  // A household whose head left keeps no dangling head.
  if (left)
    await tx
      .update(households)
      .set({ headPersonId: null })
      .where(and(eq(households.id, left), eq(households.headPersonId, id)));
  await audit(tx, ctx, {
    action: `person.hukou_move_${input.direction}`,
    objectType: 'person',
    objectId: id,
    details: { movedOn: input.movedOn },
  });
  await announceFactsChangedInTx(deps, tx, actor, [id]);
  return { id, version };
}

/** 居住地变更: where the person lives now, from a date (the hukou stays). */
export async function changeResidence(deps: Deps, ctx: Ctx, id: number, input: ResidenceInput): Promise<{ id: number; version: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id, input.version);
    if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 去世，不能变更居住地`);
    assertEventDate(p, input.movedOn, 'movedOn', '变更日期');
    await assertDivisionExists(tx, input.residenceDivisionCode, 'residenceDivisionCode');
    const version = await bumpVersion(tx, id, { residenceDivisionCode: input.residenceDivisionCode });
    await writeEventInTx(tx, actor, p, {
      kind: 'residence_change',
      occurredOn: input.movedOn,
      source: input.source,
      evidence: input.evidence,
      details: { from: p.residence_division_code, to: input.residenceDivisionCode },
    });
    await audit(tx, ctx, { action: 'person.residence', objectType: 'person', objectId: id, details: { movedOn: input.movedOn } });
    return { id, version };
  });
}

/** A person's history, newest first, in words. */
export async function personEventRows(db: Db, personId: number): Promise<PersonEventRow[]> {
  const found = await rows<{
    id: number | string;
    kind: keyof typeof lifeEventKinds;
    occurred_on: string;
    source: keyof typeof eventSources;
    evidence: string | null;
    details: Record<string, unknown>;
    recorded_by: string | null;
    created_at: Date | string;
  }>(
    db,
    sql`select e.id, e.kind, e.occurred_on::text as occurred_on, e.source, e.evidence, e.details,
          (select display_name from users u where u.id = e.recorded_by) as recorded_by, e.created_at
        from person_events e where e.person_id = ${personId} order by e.occurred_on desc, e.id desc`,
  );
  const divisionNames = await namesOf(
    db,
    found.flatMap(
      (e) =>
        [e.details.fromDivisionCode, e.details.toDivisionCode, e.details.from, e.details.to].filter(
          (c) => typeof c === 'string' && /^\d{12}$/.test(c),
        ) as string[],
    ),
  );
  return found.map((e) => ({
    id: Number(e.id),
    kind: e.kind,
    kindName: lifeEventKinds[e.kind] ?? e.kind,
    occurredOn: e.occurred_on,
    source: e.source,
    sourceName: eventSources[e.source] ?? e.source,
    evidence: e.evidence,
    summary: summarise(e.kind, e.details, divisionNames),
    recordedBy: e.recorded_by,
    recordedAt: new Date(e.created_at).toISOString(),
  }));
}

async function namesOf(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const found = await rows<{ code: string; full_name: string }>(
    db,
    sql`select code, full_name from divisions
        where code in (select jsonb_array_elements_text(${JSON.stringify([...new Set(codes)])}::jsonb))`,
  );
  return new Map(found.map((d) => [d.code, d.full_name]));
}

function summarise(kind: string, d: Record<string, unknown>, names: Map<string, string>): string {
  const name = (c: unknown) => (typeof c === 'string' ? (names.get(c) ?? c) : '—');
  const parts = (entries: [string, unknown][]) =>
    entries
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => `${k}：${String(v)}`)
      .join('；');
  switch (kind) {
    case 'death':
      return parts([
        ['死亡地点', d.place],
        ['死亡证明编号', d.certificateNo],
        ['火化证明编号', d.cremationNo],
      ]);
    case 'death_revoked':
      return parts([
        ['撤销的死亡日期', d.revokedDiedOn],
        ['原因', d.reason],
      ]);
    case 'marital_status':
      return `${maritalStatuses[d.from as keyof typeof maritalStatuses] ?? '未登记'} → ${maritalStatuses[d.to as keyof typeof maritalStatuses] ?? String(d.to)}`;
    case 'hukou_move_in':
      return `自 ${String(d.fromPlace)} 迁入 ${name(d.toDivisionCode)}（原户籍地 ${name(d.fromDivisionCode)}）`;
    case 'hukou_move_out':
      return `迁往 ${String(d.toPlace)}`;
    case 'residence_change':
      return `${name(d.from)} → ${name(d.to)}`;
    default:
      return parts(Object.entries(d).filter(([, v]) => typeof v === 'string'));
  }
}
