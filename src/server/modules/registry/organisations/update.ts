/**
 * Correcting an organisation's registration: each changed field is a history row (old → new, who,
 * when) in the transaction of the change and its audit row. The version the user saw must be the
 * current one (409 otherwise).
 */
import { eq, sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { assertWritableDivision, requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { divisions, organisations } from '../../../platform/db/schema.js';
import type { Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { assertDivisionExists } from '../../divisions/queries.js';
import { organisationLegalTypes, platformNumberOf, type OrganisationLegalType } from '../../../../shared/registry/organisation-codes.js';
import { updateOrganisationInput, type OrganisationRow, type UpdateOrganisationInput } from '../../../../shared/registry/organisations.js';
import {
  CREDIT_CODE_TAKEN,
  checkCreditCodeFree,
  checkLegalRep,
  checkParent,
  eventName,
  isCreditCodeClash,
  organisationInScope,
  recordOrganisationEvents,
  refuseVillageCommittee,
  type OrganisationChange,
} from './rows.js';

const divisionName = async (db: Db, code: string) =>
  (await db.select({ n: divisions.fullName }).from(divisions).where(eq(divisions.code, code)))[0]?.n ?? code;
const legalName = (t: string | null) => (t ? (organisationLegalTypes[t as OrganisationLegalType] ?? t) : null);

export async function updateOrganisation(deps: Deps, ctx: Ctx, id: number, raw: UpdateOrganisationInput): Promise<OrganisationRow> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const before = await organisationInScope(db, actor, id);
  const { version, ...input } = updateOrganisationInput.parse(raw);
  refuseVillageCommittee(input.name);
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  await assertDivisionExists(db, input.divisionCode, 'divisionCode');
  const parentName = await checkParent(db, actor, input.parentId, id);
  await checkLegalRep(db, actor, input.legalRepPersonId);
  await checkCreditCodeFree(db, input.creditCode, id);

  const changes: OrganisationChange[] = [];
  const text = (what: OrganisationChange['what'], a: string | null, b: string | null) => {
    if ((a ?? null) !== (b ?? null)) changes.push({ what, oldValue: a, newValue: b });
  };
  text('name', before.name, input.name);
  text('creditCode', before.creditCode, input.creditCode);
  text('legalType', legalName(before.legalType), legalName(input.legalType));
  text('registrationAuthority', before.registrationAuthority, input.registrationAuthority);
  text('legalRepName', before.legalRepName, input.legalRepName);
  if (before.legalRepPersonId !== input.legalRepPersonId)
    text(
      'legalRepPersonId',
      before.legalRepPersonId ? `人员 #${before.legalRepPersonId}` : null,
      input.legalRepPersonId ? `人员 #${input.legalRepPersonId}` : null,
    );
  text('address', before.address, input.address);
  if (before.divisionCode !== input.divisionCode)
    changes.push({
      what: 'divisionCode',
      oldValue: before.divisionName ?? before.divisionCode,
      newValue: await divisionName(db, input.divisionCode),
    });
  if (before.parentId !== input.parentId) changes.push({ what: 'parentId', oldValue: before.parentName, newValue: parentName });

  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .update(organisations)
        .set({
          ...input,
          // A team that loses its credit code is an unregistered team again: it keeps (or gets) its platform number.
          ...(input.creditCode ? {} : { platformNo: before.platformNo ?? platformNumberOf(id) }),
          version: sql`${organisations.version} + 1`,
        })
        .where(sql`${organisations.id} = ${id} and ${organisations.version} = ${version}`)
        .returning({ id: organisations.id });
      if (!row) throw AppError.conflict('该组织已被他人修改，请刷新后重试');
      await recordOrganisationEvents(tx, ctx, id, changes);
      await audit(tx, ctx, {
        action: 'organisation.update',
        objectType: 'organisation',
        objectId: id,
        details: { fields: changes.map((c) => eventName(c.what)) },
      });
    });
  } catch (err) {
    if (isCreditCodeClash(err)) throw AppError.field('creditCode', CREDIT_CODE_TAKEN);
    throw err;
  }
  return organisationInScope(db, actor, id);
}
