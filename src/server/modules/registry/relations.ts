/**
 * Relations between persons (监护人, 委托照护人, 父母; the spouse through the marital status), spells of
 * working away (外出务工) and school enrolment (在校就读), with dates, source and evidence
 * (docs/rules.md "Life events"). A guardian or an entrusted carer must have full civil capacity
 * (民法典 第十七条、第十八条): 18 or over, or 16 or over and living on their own income; nobody is their own.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { requireActor, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { rows } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { yearsOld } from '../../../shared/dates.js';
import {
  eventSources,
  maritalStatuses,
  relationKinds,
  schoolStages,
  type EndRelationInput,
  type EndSpellInput,
  type LifeFacts,
  type RelationInput,
  type SchoolingInput,
  type WorkAwayInput,
} from '../../../shared/registry/life-events.js';
import { assertEventDate, lockPerson, personEventRows, writeEventInTx } from './life-events.js';
import { loadPerson } from './persons.js';
import { personRelations, schoolEnrolments, workAwaySpells } from './schema.js';

const sourceName = (s: string) => eventSources[s as keyof typeof eventSources] ?? s;

/**
 * Whether `p` may be a guardian or entrusted carer on `on` (民法典 第十七条、第十八条): null when they may,
 * else the reason in Chinese.
 */
export function capacityProblem(
  p: { birth_date: string | null; died_on: string | null },
  on: string,
  selfSupporting: boolean,
): string | null {
  if (p.died_on && p.died_on <= on) return `关系人已于 ${p.died_on} 去世`;
  if (!p.birth_date) return '关系人出生日期不详，无法确认其具有完全民事行为能力，请先补录出生日期';
  const age = yearsOld(p.birth_date, on);
  if (age >= 18) return null;
  if (age >= 16 && selfSupporting) return null;
  return age >= 16
    ? `关系人 ${age} 周岁，未满 18 周岁且未登记以自己的劳动收入为主要生活来源，不具有完全民事行为能力（民法典第十八条），不能担任监护人或委托照护人`
    : `关系人 ${age} 周岁，未成年，不具有完全民事行为能力（民法典第十七条、第十八条），不能担任监护人或委托照护人`;
}

export async function addRelation(deps: Deps, ctx: Ctx, id: number, input: RelationInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  if (input.kind === 'spouse') throw AppError.field('kind', '配偶关系请在“婚姻状况”中登记');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    if (input.relatedPersonId === id) throw AppError.field('relatedPersonId', `不能将本人登记为自己的${relationKinds[input.kind]}`);
    assertEventDate(p, input.since, 'since', '起始日期');
    const other = await loadPerson(tx, actor, input.relatedPersonId).catch(() => {
      throw AppError.field('relatedPersonId', '关系人不在本辖区人口库中，请先登记或由上级办理');
    });
    if (input.kind === 'guardian' || input.kind === 'entrusted_carer') {
      const problem = capacityProblem(other, input.since, Boolean(input.relatedSelfSupporting));
      if (problem) throw AppError.field('relatedPersonId', problem);
      if (input.relatedSelfSupporting && !input.evidence)
        throw AppError.field('evidence', '以自己的劳动收入为主要生活来源的，请填写证明材料');
    }
    const [dup] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from person_relations where person_id = ${id} and related_person_id = ${input.relatedPersonId}
          and kind = ${input.kind} and until is null`,
    );
    if (dup.n) throw AppError.conflict(`已登记该${relationKinds[input.kind]}关系`);
    const [row] = await tx
      .insert(personRelations)
      .values({
        personId: id,
        relatedPersonId: input.relatedPersonId,
        kind: input.kind,
        since: input.since,
        source: input.source,
        evidence: input.evidence ?? null,
        note: input.note ?? null,
        recordedBy: actor.userId,
      })
      .returning({ id: personRelations.id });
    await writeEventInTx(tx, actor, p, {
      kind: 'relation_added',
      occurredOn: input.since,
      source: input.source,
      evidence: input.evidence,
      details: { 关系: relationKinds[input.kind], 关系人: other.name },
    });
    await audit(tx, ctx, {
      action: 'person.relation_add',
      objectType: 'person',
      objectId: id,
      details: { kind: input.kind, relationId: row.id },
    });
    return { id: row.id };
  });
}

export async function endRelation(deps: Deps, ctx: Ctx, id: number, relationId: number, input: EndRelationInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    const [r] = await tx
      .select()
      .from(personRelations)
      .where(and(eq(personRelations.id, relationId), eq(personRelations.personId, id)))
      .for('update');
    if (!r) throw AppError.notFound('关系');
    if (r.until) throw AppError.conflict(`该关系已于 ${r.until} 终止`);
    if (r.kind === 'spouse') throw AppError.field('until', '配偶关系请通过“婚姻状况”变更');
    if (input.until < r.since) throw AppError.field('until', `终止日期不能早于起始日期（${r.since}）`);
    assertEventDate(p, input.until, 'until', '终止日期');
    await tx
      .update(personRelations)
      .set({ until: input.until, endReason: input.reason, endedBy: actor.userId })
      .where(eq(personRelations.id, relationId));
    await writeEventInTx(tx, actor, p, {
      kind: 'relation_ended',
      occurredOn: input.until,
      source: 'window',
      details: { 关系: relationKinds[r.kind as keyof typeof relationKinds] ?? r.kind, 原因: input.reason },
    });
    await audit(tx, ctx, { action: 'person.relation_end', objectType: 'person', objectId: id, details: { relationId } });
    return { id: relationId };
  });
}

export async function addWorkAway(deps: Deps, ctx: Ctx, id: number, input: WorkAwayInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 去世`);
    assertEventDate(p, input.fromDate, 'fromDate', '外出日期');
    if (input.untilDate && input.untilDate < input.fromDate) throw AppError.field('untilDate', '返回日期不能早于外出日期');
    const [overlap] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from work_away_spells where person_id = ${id}
          and from_date <= ${input.untilDate ?? '9999-12-31'} and coalesce(until_date, '9999-12-31') >= ${input.fromDate}`,
    );
    if (overlap.n) throw AppError.field('fromDate', '与已登记的外出务工时段重叠');
    const [row] = await tx
      .insert(workAwaySpells)
      .values({ personId: id, ...input, untilDate: input.untilDate ?? null, evidence: input.evidence ?? null, recordedBy: actor.userId })
      .returning({ id: workAwaySpells.id });
    await writeEventInTx(tx, actor, p, {
      kind: 'work_away',
      occurredOn: input.fromDate,
      source: input.source,
      evidence: input.evidence,
      details: { 务工地: input.destination, 返回日期: input.untilDate ?? null },
    });
    await audit(tx, ctx, { action: 'person.work_away', objectType: 'person', objectId: id, details: { spellId: row.id } });
    return { id: row.id };
  });
}

export async function endWorkAway(deps: Deps, ctx: Ctx, id: number, spellId: number, input: EndSpellInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    const [s] = await tx
      .select()
      .from(workAwaySpells)
      .where(and(eq(workAwaySpells.id, spellId), eq(workAwaySpells.personId, id)))
      .for('update');
    if (!s) throw AppError.notFound('外出务工记录');
    if (s.untilDate) throw AppError.conflict(`该次外出已于 ${s.untilDate} 结束`);
    if (input.on < s.fromDate) throw AppError.field('on', '返回日期不能早于外出日期');
    assertEventDate(p, input.on, 'on', '返回日期');
    await tx.update(workAwaySpells).set({ untilDate: input.on }).where(eq(workAwaySpells.id, spellId));
    await writeEventInTx(tx, actor, p, {
      kind: 'work_away_ended',
      occurredOn: input.on,
      source: 'window',
      details: { 务工地: s.destination },
    });
    await audit(tx, ctx, { action: 'person.work_away_end', objectType: 'person', objectId: id, details: { spellId } });
    return { id: spellId };
  });
}

export async function addSchooling(deps: Deps, ctx: Ctx, id: number, input: SchoolingInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    if (p.died_on) throw AppError.conflict(`该人员已于 ${p.died_on} 去世`);
    assertEventDate(p, input.enrolledOn, 'enrolledOn', '入学日期');
    if (input.expectedEnd <= input.enrolledOn) throw AppError.field('expectedEnd', '预计毕业日期应晚于入学日期');
    const [row] = await tx
      .insert(schoolEnrolments)
      .values({ personId: id, ...input, evidence: input.evidence ?? null, recordedBy: actor.userId })
      .returning({ id: schoolEnrolments.id });
    await writeEventInTx(tx, actor, p, {
      kind: 'school_enrolled',
      occurredOn: input.enrolledOn,
      source: input.source,
      evidence: input.evidence,
      details: { 学校: input.school, 学段: schoolStages[input.stage], 预计毕业: input.expectedEnd },
    });
    await audit(tx, ctx, { action: 'person.schooling', objectType: 'person', objectId: id, details: { enrolmentId: row.id } });
    return { id: row.id };
  });
}

export async function endSchooling(deps: Deps, ctx: Ctx, id: number, enrolmentId: number, input: EndSpellInput): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  return deps.database.db.transaction(async (tx) => {
    const p = await lockPerson(tx, actor, id);
    const [s] = await tx
      .select()
      .from(schoolEnrolments)
      .where(and(eq(schoolEnrolments.id, enrolmentId), eq(schoolEnrolments.personId, id)))
      .for('update');
    if (!s) throw AppError.notFound('就读记录');
    if (s.leftOn) throw AppError.conflict(`已于 ${s.leftOn} 离校`);
    if (input.on < s.enrolledOn) throw AppError.field('on', '离校日期不能早于入学日期');
    assertEventDate(p, input.on, 'on', '离校日期');
    await tx.update(schoolEnrolments).set({ leftOn: input.on }).where(eq(schoolEnrolments.id, enrolmentId));
    await writeEventInTx(tx, actor, p, { kind: 'school_left', occurredOn: input.on, source: 'window', details: { 学校: s.school } });
    await audit(tx, ctx, { action: 'person.schooling_end', objectType: 'person', objectId: id, details: { enrolmentId } });
    return { id: enrolmentId };
  });
}

/** The person's 生活事件 tab: current facts, history, relations both ways, spells and enrolments (404 outside scope). */
export async function lifeFactsOf(deps: Deps, ctx: Ctx, id: number): Promise<LifeFacts> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const p = await loadPerson(db, actor, id);
  const relations = await rows<{
    id: number | string;
    kind: keyof typeof relationKinds;
    person_id: number | string;
    related_person_id: number | string;
    other_name: string;
    since: string;
    until: string | null;
    end_reason: string | null;
    source: string;
    evidence: string | null;
    note: string | null;
  }>(
    db,
    sql`select r.id, r.kind, r.person_id, r.related_person_id, r.since::text as since, r.until::text as until, r.end_reason, r.source,
          r.evidence, r.note,
          (select o.name from persons o
            where o.id = case when r.person_id = ${id} then r.related_person_id else r.person_id end) as other_name
        from person_relations r where r.person_id = ${id} or r.related_person_id = ${id}
        order by (r.until is null) desc, r.since desc, r.id desc`,
  );
  const spells = await db
    .select()
    .from(workAwaySpells)
    .where(eq(workAwaySpells.personId, id))
    .orderBy(sql`from_date desc`);
  const schooling = await db
    .select()
    .from(schoolEnrolments)
    .where(eq(schoolEnrolments.personId, id))
    .orderBy(sql`enrolled_on desc`);
  return {
    diedOn: p.died_on,
    maritalStatus: p.marital_status,
    maritalStatusName: p.marital_status ? (maritalStatuses[p.marital_status as keyof typeof maritalStatuses] ?? p.marital_status) : null,
    events: await personEventRows(db, id),
    relations: relations.map((r) => {
      const of = Number(r.person_id) === id;
      return {
        id: Number(r.id),
        kind: r.kind,
        kindName: relationKinds[r.kind] ?? r.kind,
        direction: of ? ('of' as const) : ('for' as const),
        otherPersonId: Number(of ? r.related_person_id : r.person_id),
        otherName: r.other_name,
        since: r.since,
        until: r.until,
        endReason: r.end_reason,
        sourceName: sourceName(r.source),
        evidence: r.evidence,
        note: r.note,
      };
    }),
    workAway: spells.map((s) => ({
      id: s.id,
      fromDate: s.fromDate,
      untilDate: s.untilDate,
      destination: s.destination,
      sourceName: sourceName(s.source),
      evidence: s.evidence,
    })),
    schooling: schooling.map((s) => ({
      id: s.id,
      school: s.school,
      stage: s.stage,
      stageName: schoolStages[s.stage as keyof typeof schoolStages] ?? s.stage,
      enrolledOn: s.enrolledOn,
      expectedEnd: s.expectedEnd,
      leftOn: s.leftOn,
      sourceName: sourceName(s.source),
      evidence: s.evidence,
    })),
  };
}
