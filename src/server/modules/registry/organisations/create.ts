/**
 * Registering an organisation (docs/rules.md "The organisation registry"): once, by its unified social
 * credit code where it has one; a team without one is registered under its parent and gets a platform
 * number. The row, its history and its audit row are one transaction.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { assertWritableDivision, requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { organisations } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { assertDivisionExists } from '../../divisions/queries.js';
import { platformNumberOf } from '../../../../shared/registry/organisation-codes.js';
import { organisationInput, type OrganisationInput, type OrganisationRow } from '../../../../shared/registry/organisations.js';
import {
  CREDIT_CODE_TAKEN,
  checkCreditCodeFree,
  checkLegalRep,
  checkParent,
  isCreditCodeClash,
  organisationInScope,
  recordOrganisationEvents,
  refuseVillageCommittee,
} from './rows.js';

export async function createOrganisation(deps: Deps, ctx: Ctx, raw: OrganisationInput): Promise<OrganisationRow> {
  const actor = requireActor(ctx.actor);
  const input = organisationInput.parse(raw);
  const db = deps.database.db;
  refuseVillageCommittee(input.name);
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  await assertDivisionExists(db, input.divisionCode, 'divisionCode');
  await checkParent(db, actor, input.parentId, null);
  await checkLegalRep(db, actor, input.legalRepPersonId);
  await checkCreditCodeFree(db, input.creditCode, null);
  try {
    const id = await db.transaction(async (tx) => {
      const [row] = await tx.insert(organisations).values(input).returning({ id: organisations.id });
      if (!input.creditCode)
        await tx
          .update(organisations)
          .set({ platformNo: platformNumberOf(row.id) })
          .where(eq(organisations.id, row.id));
      await recordOrganisationEvents(tx, ctx, row.id, [{ what: 'created', newValue: input.name }]);
      await audit(tx, ctx, { action: 'organisation.create', objectType: 'organisation', objectId: row.id, details: { name: input.name } });
      return row.id;
    });
    return organisationInScope(db, actor, id);
  } catch (err) {
    if (isCreditCodeClash(err)) throw AppError.field('creditCode', CREDIT_CODE_TAKEN);
    throw err;
  }
}
