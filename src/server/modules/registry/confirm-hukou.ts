/**
 * 确认户籍地: a person registered by a resident's own sign-up carries the hukou village and type
 * they chose, marked unverified (待核实, persons.hukou_unverified). A clerk whose jurisdiction holds
 * the person checks it (户口簿, the police's hukou record) and confirms it, correcting the village or
 * type where it was wrong; the confirmation is audited and clears the mark. A corrected village
 * moves the resident's portal account with it (their scope is their hukou village).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { assertWritableDivision, requirePermission } from '../../platform/access/scope.js';
import { audit } from '../../platform/audit/audit.js';
import { forgetSessions } from '../../platform/auth/session.js';
import { users } from '../../platform/db/schema.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { AppError } from '../../platform/errors.js';
import { rows } from '../../platform/db/index.js';
import type { ConfirmHukouInput } from '../../../shared/registry/persons.js';
import { announceFactsChangedInTx } from './events.js';
import { toPersonRow, type PersonRow } from './person-row.js';
import { loadPerson } from './persons.js';
import { persons } from './schema.js';

export async function confirmHukou(deps: Deps, ctx: Ctx, id: number, input: ConfirmHukouInput): Promise<PersonRow> {
  const actor = requirePermission(ctx.actor, 'registry.write');
  const db = deps.database.db;
  const changed = await db.transaction(async (tx) => {
    const current = await loadPerson(tx, actor, id, true);
    if (input.version !== Number(current.version)) throw AppError.conflict('该人员信息已被他人修改，请刷新后重试');
    if (!current.hukou_unverified) throw AppError.conflict('该人员的户籍地已核实，无需再次确认');
    const to = input.hukouDivisionCode ?? current.hukou_division_code;
    const type = input.hukouType ?? current.hukou_type;
    if (to !== current.hukou_division_code) {
      assertWritableDivision(actor, to, 'hukouDivisionCode');
      const [village] = await rows<{ code: string }>(
        tx,
        sql`select code from divisions where code = ${to} and level = 5 and valid_to is null`,
      );
      if (!village) throw AppError.field('hukouDivisionCode', '户籍地请选择到村（社区）一级');
    }
    await tx
      .update(persons)
      .set({ hukouDivisionCode: to, hukouType: type, hukouUnverified: false, version: sql`${persons.version} + 1`, updatedAt: new Date() })
      .where(eq(persons.id, id));
    const moved = to !== current.hukou_division_code;
    if (moved)
      await tx
        .update(users)
        .set({ divisionCode: to })
        .where(and(eq(users.personId, id), eq(users.kind, 'resident')));
    await audit(tx, ctx, {
      action: 'person.confirm_hukou',
      objectType: 'person',
      objectId: id,
      details: {
        hukouDivisionCode: to,
        hukouType: type,
        ...(moved ? { correctedFrom: current.hukou_division_code } : {}),
        ...(type !== current.hukou_type ? { correctedType: current.hukou_type } : {}),
      },
    });
    if (type !== current.hukou_type) await announceFactsChangedInTx(deps, tx, actor, [id]);
    return { moved };
  });
  // A resident's scope follows the corrected village from their next request on.
  if (changed.moved) forgetSessions();
  return toPersonRow(new FieldView(deps, ctx), await loadPerson(db, actor, id));
}
