/**
 * Correcting a volunteer's own choices (skills, service categories, available times, residence, team)
 * and 注销 with a reason, each against the version the user saw (409 when the record moved on), inside
 * the viewer's scope (404 outside it), with the history entry and the audit row in the same
 * transaction. The registry's facts (name, ID number, birth date) are corrected in the registry, not here.
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { assertWritableDivision, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import type { Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { volunteerFields, type VolunteerField } from '../../../shared/volunteers/codes.js';
import type { CorrectInput, DeregisterInput, VolunteerDetail } from '../../../shared/volunteers/volunteers.js';
import { checkDivision, checkTeam } from './register.js';
import { detailOf } from './open.js';
import { volunteerInScope, type VolunteerDbRow } from './rows.js';
import { volunteerHistory, volunteers } from './schema.js';

async function lockInScope(tx: Db, actor: Actor, id: number, version: number): Promise<VolunteerDbRow> {
  const r = await volunteerInScope(tx, actor, id, true);
  if (!r) throw AppError.notFound('志愿者');
  if (r.version !== version) throw AppError.conflict('该志愿者信息已被他人修改，请刷新后重试');
  return r;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function correctVolunteer(deps: Deps, ctx: Ctx, id: number, input: CorrectInput): Promise<VolunteerDetail> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  return deps.database.db.transaction(async (tx) => {
    const r = await lockInScope(tx, actor, id, input.version);
    if (r.status !== 'registered') throw AppError.conflict('该志愿者已注销，不能更正信息');
    const current: Record<VolunteerField, unknown> = {
      skills: r.skills,
      categories: r.categories,
      availableTimes: r.available_times,
      divisionCode: r.division_code,
      organisationId: r.organisation_id === null ? null : Number(r.organisation_id),
    };
    const changed: Partial<Record<VolunteerField, { before: unknown; after: unknown }>> = {};
    for (const field of Object.keys(volunteerFields) as VolunteerField[]) {
      const after = input[field];
      if (after !== undefined && !same(after ?? null, current[field])) changed[field] = { before: current[field], after: after ?? null };
    }
    const fields = Object.keys(changed) as VolunteerField[];
    if (!fields.length) throw AppError.validation([{ field: 'version', message: '没有需要更正的内容' }]);
    if (changed.divisionCode) {
      assertWritableDivision(actor, input.divisionCode!, 'divisionCode');
      await checkDivision(tx, input.divisionCode!);
    }
    if (changed.organisationId && input.organisationId) await checkTeam(tx, input.organisationId, shanghaiToday());
    await tx
      .update(volunteers)
      .set({
        ...(changed.skills ? { skills: input.skills } : {}),
        ...(changed.categories ? { categories: input.categories } : {}),
        ...(changed.availableTimes ? { availableTimes: input.availableTimes } : {}),
        ...(changed.divisionCode ? { divisionCode: input.divisionCode } : {}),
        ...(changed.organisationId ? { organisationId: input.organisationId ?? null } : {}),
        version: sql`${volunteers.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(volunteers.id, id));
    await tx.insert(volunteerHistory).values({
      volunteerId: id,
      action: 'correct',
      actorUserId: actor.userId,
      actorName: actor.username,
      reason: input.reason || null,
      data: { changed },
    });
    // Codes and ids only: skills and the reason are free text, so the audit row names the fields changed.
    await audit(tx, ctx, {
      action: 'volunteer.correct',
      objectType: 'volunteer',
      objectId: id,
      details: { divisionCode: input.divisionCode ?? r.division_code, fields },
    });
    return detailOf(deps, ctx, tx, (await volunteerInScope(tx, actor, id))!);
  });
}

export async function deregisterVolunteer(deps: Deps, ctx: Ctx, id: number, input: DeregisterInput): Promise<VolunteerDetail> {
  const actor = requirePermission(ctx.actor, 'volunteers.register');
  return deps.database.db.transaction(async (tx) => {
    const r = await lockInScope(tx, actor, id, input.version);
    if (r.status !== 'registered') throw AppError.conflict(`该志愿者已于 ${r.deregistered_on ?? ''} 注销`);
    const today = shanghaiToday();
    await tx
      .update(volunteers)
      .set({
        status: 'deregistered',
        deregisteredOn: today,
        deregisterReason: input.reason,
        version: sql`${volunteers.version} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(volunteers.id, id));
    await tx.insert(volunteerHistory).values({
      volunteerId: id,
      action: 'deregister',
      actorUserId: actor.userId,
      actorName: actor.username,
      reason: input.reason,
      data: { deregisteredOn: today },
    });
    await audit(tx, ctx, {
      action: 'volunteer.deregister',
      objectType: 'volunteer',
      objectId: id,
      // The reason is free text (it may name a person's circumstances): it stays in the history, not in the audit row.
      details: { divisionCode: r.division_code },
    });
    return detailOf(deps, ctx, tx, (await volunteerInScope(tx, actor, id))!);
  });
}
