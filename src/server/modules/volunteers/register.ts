/**
 * Registering a volunteer (docs/rules.md "Volunteers (志愿服务)"): a registry person, alive and with a
 * hukou still in the city, 18 or over alone, 14 to 18 with the recorded consent of a guardian in force
 * in the registry (父母 or 监护人: which one, how, when), under 14 not at all; the age on the Asia/Shanghai
 * date. Staff register walk-ins (the person inside their registry scope, the residence inside their
 * jurisdiction); a resident registers themselves on the portal (portal.ts). The record is kept for life:
 * a person registered before and 注销 registers again on the same record and keeps their number.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { assertWritableDivision, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { guardiansInForce, organisationHoldsRole, personFactsInScope } from '../registry/read.js';
import { relationKinds } from '../../../shared/registry/life-events.js';
import { shanghaiToday, yearsOld } from '../../../shared/dates.js';
import { maskIdNumber } from '../../../shared/mask.js';
import { ageRuleOf, CONSENT_REQUIRED, TOO_YOUNG, volunteerStatuses, type RegistrationSource } from '../../../shared/volunteers/codes.js';
import type { ConsentInput, PrefillAnswer, RegisterInput } from '../../../shared/volunteers/volunteers.js';
import { volunteerHistory, volunteers } from './schema.js';

interface Facts {
  id: number | string;
  name: string;
  sex: 'male' | 'female' | null;
  birth_date: string | null;
  id_number_enc: string | null;
  hukou_division_code: string;
  residence_division_code: string | null;
  died_on: string | null;
  moved_out_on: string | null;
}

export const VOLUNTEER_ORGANISATION = 'volunteer_organisation';

/** The registry's facts of a person inside the actor's registry scope; 404 outside it. */
export async function factsOf(db: Db, actor: Actor, personId: number): Promise<Facts> {
  const [p] = await rows<Facts>(db, sql`select * from ${personFactsInScope(actor, personId)} pf`);
  if (!p) throw AppError.notFound('人员');
  return p;
}

/** Why the person cannot register at all (dead, moved out, too young, birth date unknown), or null. */
export function refusalOf(p: Facts, today: string): string | null {
  if (p.died_on) return `该人员已于 ${p.died_on} 登记死亡，不能注册为志愿者`;
  if (p.moved_out_on) return `该人员户口已于 ${p.moved_out_on} 迁出本市，不能在本市注册为志愿者`;
  if (!p.birth_date) return '人口库中该人员出生日期不详，无法确认年龄：请先在人口库补录出生日期';
  if (ageRuleOf(yearsOld(p.birth_date, today)) === 'too_young') return `${TOO_YOUNG}（该人员 ${yearsOld(p.birth_date, today)} 周岁）`;
  return null;
}

export async function guardiansOf(db: Db, personId: number, today: string) {
  const found = await rows<{ guardian_person_id: number | string; kind: string; name: string }>(
    db,
    sql`select * from ${guardiansInForce(personId, today)} g order by g.guardian_person_id`,
  );
  return found.map((g) => ({
    personId: Number(g.guardian_person_id),
    name: g.name,
    kindName: relationKinds[g.kind as keyof typeof relationKinds] ?? g.kind,
  }));
}

/** The form's pre-fill: what the registry knows of the person and what the age rule asks of them. */
export async function prefillOf(deps: Deps, ctx: Ctx, actor: Actor, personId: number): Promise<PrefillAnswer> {
  const db = deps.database.db;
  const today = shanghaiToday();
  const p = await factsOf(db, actor, personId);
  const divisionCode = p.residence_division_code ?? p.hukou_division_code;
  const [division] = await rows<{ full_name: string }>(db, sql`select full_name from divisions where code = ${divisionCode}`);
  const [existing] = await db
    .select({ id: volunteers.id, volunteerNo: volunteers.volunteerNo, status: volunteers.status })
    .from(volunteers)
    .where(eq(volunteers.personId, personId));
  const age = p.birth_date ? yearsOld(p.birth_date, today) : null;
  const view = new FieldView(deps, ctx);
  return {
    personId,
    name: p.name,
    sex: p.sex,
    age,
    idNumber: view.show(p.id_number_enc, { objectType: 'person', objectId: personId, field: 'idNumber' }, maskIdNumber),
    divisionCode: divisionCode.length === 12 ? divisionCode : null,
    divisionName: division?.full_name ?? null,
    ageRule: age === null ? 'unknown' : ageRuleOf(age),
    refusal: refusalOf(p, today),
    guardians: age !== null && ageRuleOf(age) === 'guardian_consent' ? await guardiansOf(db, personId, today) : [],
    volunteer: existing ? { ...existing, statusName: volunteerStatuses[existing.status] } : null,
  };
}

/** GET /api/volunteers/prefill: staff look up a registry person before registering them (audited as the registry's person.open). */
export async function prefill(deps: Deps, ctx: Ctx, personId: number): Promise<PrefillAnswer> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  const answer = await prefillOf(deps, ctx, actor, personId);
  await deps.readAudit.record(ctx, { action: 'person.open', objectType: 'person', objectId: personId });
  return answer;
}

/** POST /api/volunteers: staff register a walk-in. */
export async function registerVolunteer(deps: Deps, ctx: Ctx, input: RegisterInput & { skills: string[] }): Promise<{ id: number }> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  return deps.database.db.transaction((tx) => registerInTx(tx, ctx, actor, { ...input, source: 'window' }));
}

export interface Registration {
  personId: number;
  skills: string[];
  categories: RegisterInput['categories'];
  availableTimes: RegisterInput['availableTimes'];
  divisionCode: string;
  organisationId?: number | null;
  consent?: ConsentInput | null;
  source: RegistrationSource;
}

/** The registration's checks and its record, history and audit row, in the caller's transaction. */
export async function registerInTx(tx: Db, ctx: Ctx, actor: Actor, r: Registration): Promise<{ id: number }> {
  const today = shanghaiToday();
  const p = await factsOf(tx, actor, r.personId);
  const refusal = refusalOf(p, today);
  if (refusal) throw AppError.conflict(refusal);
  const consent = ageRuleOf(yearsOld(p.birth_date!, today)) === 'guardian_consent' ? await checkConsent(tx, r, today) : null;
  await checkDivision(tx, r.divisionCode);
  if (r.organisationId) await checkTeam(tx, r.organisationId, today);
  const values = {
    divisionCode: r.divisionCode,
    organisationId: r.organisationId ?? null,
    skills: r.skills,
    categories: r.categories,
    availableTimes: r.availableTimes,
    source: r.source,
    status: 'registered' as const,
    registeredOn: today,
    deregisteredOn: null,
    deregisterReason: null,
    consentGuardianId: consent?.guardianPersonId ?? null,
    consentMethod: consent?.method ?? null,
    consentedOn: consent?.consentedOn ?? null,
  };
  const [before] = await tx.select().from(volunteers).where(eq(volunteers.personId, r.personId)).for('update');
  if (before?.status === 'registered') throw AppError.conflict(`该人员已是在册志愿者（志愿者编号 ${before.volunteerNo}），请勿重复注册`);
  const [row] = before
    ? await tx
        .update(volunteers)
        .set({ ...values, version: sql`${volunteers.version} + 1`, updatedAt: new Date() })
        .where(eq(volunteers.id, before.id))
        .returning({ id: volunteers.id })
    : await tx
        .insert(volunteers)
        .values({ personId: r.personId, ...values })
        .onConflictDoNothing()
        .returning({ id: volunteers.id });
  // Two registrations of the same person at once: the second finds the first's row.
  if (!row) throw AppError.conflict('该人员已是在册志愿者，请勿重复注册');
  const action = before ? 'reregister' : 'register';
  await tx.insert(volunteerHistory).values({
    volunteerId: row.id,
    action,
    actorUserId: ctx.actor?.userId ?? null,
    actorName: ctx.actor?.username ?? '平台',
    reason: null,
    data: { source: r.source, ...(consent ? { consent } : {}) },
  });
  await audit(tx, ctx, {
    action: `volunteer.${action}`,
    objectType: 'volunteer',
    objectId: row.id,
    details: {
      divisionCode: r.divisionCode,
      registrationSource: r.source,
      ...(r.organisationId ? { organisationId: r.organisationId } : {}),
      ...(consent ? { guardianPersonId: consent.guardianPersonId, consentMethod: consent.method } : {}),
    },
  });
  return { id: row.id };
}

/** A minor's registration records a guardian's consent: a guardian in force in the registry, given by now. */
async function checkConsent(tx: Db, r: Registration, today: string): Promise<ConsentInput> {
  const c = r.consent;
  if (!c) throw new AppError('CONFLICT', CONSENT_REQUIRED, { fields: [{ field: 'consent.guardianPersonId', message: CONSENT_REQUIRED }] });
  const guardians = await guardiansOf(tx, r.personId, today);
  if (!guardians.some((g) => g.personId === c.guardianPersonId)) {
    const message = '所选人员不是该未成年人的监护人：人口库中没有其在效的父母或监护人关系，请先在人口库登记监护关系';
    throw new AppError('CONFLICT', message, { fields: [{ field: 'consent.guardianPersonId', message }] });
  }
  if (c.consentedOn > today) throw AppError.field('consent.consentedOn', '监护人同意日期不能晚于今天');
  return c;
}

export async function checkDivision(tx: Db, code: string): Promise<void> {
  const [d] = await rows<{ code: string }>(tx, sql`select code from divisions where code = ${code} and level = 5`);
  if (!d) throw AppError.field('divisionCode', '居住地（村、社区）不存在，请重新选择');
}

/** The team joined must hold the role 志愿服务组织 today and be 正常. */
export async function checkTeam(tx: Db, organisationId: number, today: string): Promise<void> {
  const [o] = await rows<{ id: number }>(
    tx,
    sql`select o.id from organisations o where o.id = ${organisationId} and o.status = 'active'
      and ${organisationHoldsRole(sql`o.id`, VOLUNTEER_ORGANISATION, today)}`,
  );
  if (!o) throw AppError.field('organisationId', '所选组织不是状态正常的志愿服务组织，请重新选择');
}
