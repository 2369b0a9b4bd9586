/**
 * 志愿服务's answers to the registry's life events (registry/events.ts; docs/rules.md "Volunteers
 * (志愿服务)"): a death (`PERSON_DIED`) ends an 在册 registration from the date of death, with the reason
 * 本人去世（人口库登记）; a hukou moved out of the city (`moved_out_on`, announced with every other change of
 * facts as `FACTS_CHANGED`) ends it from the date of the move, with the reason 户口迁出本市（人口库登记）.
 * A death revoked as recorded in error, or a move back in, puts the record back to 在册 when that event was
 * what ended it (not a 注销 by the volunteer's own wish, nor one the other event made). Each change is a
 * history entry by the platform and an audit row in the same transaction; the answers read the record and
 * the registry now, so a second run, or another fact changed, changes nothing.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit/audit.js';
import { rows, type Db } from '../../platform/db/index.js';
import type { JobHandler } from '../../platform/jobs/runner.js';
import { personsView } from '../registry/read.js';
import type { PersonDied } from '../registry/events.js';
import { DIED_REASON, MOVED_OUT_REASON, type VolunteerAction } from '../../../shared/volunteers/codes.js';
import { volunteerHistory, volunteers } from './schema.js';

/** The history actions that end a registration; the last of them says what ended it. */
const ENDING: VolunteerAction[] = ['deregister', 'death', 'hukou_moved_out'];

export function volunteerDeathHandler(deps: Deps): JobHandler {
  return async (job) => {
    const event = job.payload as unknown as PersonDied;
    return {
      status: 'succeeded',
      result: await answerVolunteerDeath(deps, Number(event.personId), event.revoked || !event.diedOn ? null : event.diedOn),
    };
  };
}

export function volunteerHukouHandler(deps: Deps): JobHandler {
  return async (job) => {
    const ids = (job.payload as { personIds?: unknown }).personIds;
    return { status: 'succeeded', result: await answerVolunteerHukouMoves(deps, Array.isArray(ids) ? ids.map(Number) : []) };
  };
}

// The platform's reaction; the registry's clerk is named in the registry's own audit row.
const platform: Ctx = { actor: null, ip: '' };

type Locked = typeof volunteers.$inferSelect;

async function lockByPerson(tx: Db, personId: number): Promise<Locked | null> {
  const [v] = await tx.select().from(volunteers).where(eq(volunteers.personId, personId)).for('update');
  return v ?? null;
}

/** The action that ended the registration (the last ending entry of the history), or null. */
async function endedBy(tx: Db, volunteerId: number): Promise<VolunteerAction | null> {
  const [last] = await tx
    .select({ action: volunteerHistory.action })
    .from(volunteerHistory)
    .where(and(eq(volunteerHistory.volunteerId, volunteerId), inArray(volunteerHistory.action, ENDING)))
    .orderBy(desc(volunteerHistory.id))
    .limit(1);
  return last?.action ?? null;
}

async function registryFacts(tx: Db, personId: number): Promise<{ died_on: string | null; moved_out_on: string | null } | null> {
  const [p] = await rows<{ died_on: string | null; moved_out_on: string | null }>(
    tx,
    sql`select p.died_on::text as died_on, p.moved_out_on::text as moved_out_on from ${personsView} p where p.id = ${personId}`,
  );
  return p ?? null;
}

interface Step {
  action: VolunteerAction;
  actorName: string;
  reason: string;
  data: Record<string, unknown>;
  /** The 注销's date, or null: back to 在册. */
  endedOn: string | null;
  endReason?: string;
}

async function recordInTx(tx: Db, v: Locked, step: Step): Promise<void> {
  await tx
    .update(volunteers)
    .set({
      status: step.endedOn ? 'deregistered' : 'registered',
      deregisteredOn: step.endedOn,
      deregisterReason: step.endedOn ? (step.endReason ?? step.reason) : null,
      version: sql`${volunteers.version} + 1`,
      updatedAt: new Date(),
    })
    .where(eq(volunteers.id, v.id));
  await tx.insert(volunteerHistory).values({
    volunteerId: v.id,
    action: step.action,
    actorUserId: null,
    actorName: step.actorName,
    reason: step.reason,
    data: step.data,
  });
  await audit(tx, platform, {
    action: `volunteer.${step.action}`,
    objectType: 'volunteer',
    objectId: v.id,
    details: { divisionCode: v.divisionCode },
  });
}

/** `diedOn` null: the death was revoked. */
export async function answerVolunteerDeath(deps: Deps, personId: number, diedOn: string | null): Promise<{ changed: number }> {
  return deps.database.db.transaction(async (tx) => {
    const v = await lockByPerson(tx, personId);
    if (!v) return { changed: 0 };
    if (diedOn) {
      if (v.status !== 'registered') return { changed: 0 };
      await recordInTx(tx, v, {
        action: 'death',
        actorName: '平台（人口库死亡登记）',
        reason: DIED_REASON,
        data: { diedOn },
        endedOn: diedOn,
      });
      return { changed: 1 };
    }
    if (v.status !== 'deregistered' || (await endedBy(tx, v.id)) !== 'death') return { changed: 0 };
    const p = await registryFacts(tx, personId);
    // Still dead in the registry (a revocation answered late), or since moved out: it stays 注销.
    if (!p || p.died_on) return { changed: 0 };
    if (p.moved_out_on) {
      // The death no longer ends it, the move out does: the reason on the record says so.
      await recordInTx(tx, v, {
        action: 'hukou_moved_out',
        actorName: '平台（人口库户口迁出登记）',
        reason: MOVED_OUT_REASON,
        data: { movedOutOn: p.moved_out_on, afterDeathRevoked: true },
        endedOn: p.moved_out_on,
      });
      return { changed: 1 };
    }
    await recordInTx(tx, v, {
      action: 'death_revoked',
      actorName: '平台（人口库撤销死亡登记）',
      reason: '人口库撤销了该死亡登记（登记有误），恢复在册',
      data: { restoredFrom: v.deregisteredOn },
      endedOn: null,
    });
    return { changed: 1 };
  });
}

/** The records of `personIds` whose status disagrees with the registry's hukou, each answered in its own transaction. */
export async function answerVolunteerHukouMoves(deps: Deps, personIds: number[]): Promise<{ changed: number }> {
  if (!personIds.length) return { changed: 0 };
  const candidates = await rows<{ person_id: number | string }>(
    deps.database.db,
    sql`select v.person_id from volunteers v join ${personsView} p on p.id = v.person_id
      where v.person_id in (select jsonb_array_elements_text(${JSON.stringify(personIds)}::jsonb)::bigint)
        and ((p.moved_out_on is not null and p.died_on is null and v.status = 'registered')
          or (p.moved_out_on is null and p.died_on is null and v.status = 'deregistered'))`,
  );
  let changed = 0;
  for (const c of candidates) changed += await answerHukou(deps, Number(c.person_id));
  return { changed };
}

async function answerHukou(deps: Deps, personId: number): Promise<number> {
  return deps.database.db.transaction(async (tx) => {
    const v = await lockByPerson(tx, personId);
    const p = await registryFacts(tx, personId);
    if (!v || !p || p.died_on) return 0;
    if (p.moved_out_on) {
      if (v.status !== 'registered') return 0;
      await recordInTx(tx, v, {
        action: 'hukou_moved_out',
        actorName: '平台（人口库户口迁出登记）',
        reason: MOVED_OUT_REASON,
        data: { movedOutOn: p.moved_out_on },
        endedOn: p.moved_out_on,
      });
      return 1;
    }
    if (v.status !== 'deregistered' || (await endedBy(tx, v.id)) !== 'hukou_moved_out') return 0;
    await recordInTx(tx, v, {
      action: 'hukou_moved_in',
      actorName: '平台（人口库户口迁入登记）',
      reason: '本人户口已迁回本市（人口库登记），恢复在册',
      data: { restoredFrom: v.deregisteredOn },
      endedOn: null,
    });
    return 1;
  });
}
