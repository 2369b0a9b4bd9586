/**
 * An organisation's status (正常, 注销, 撤销) with its date and reason: a history row and an audit row in
 * the transaction of the change.
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { organisations } from '../../../platform/db/schema.js';
import { AppError } from '../../../platform/errors.js';
import { organisationStatuses } from '../../../../shared/registry/organisation-codes.js';
import type { OrganisationRow, OrganisationStatusInput } from '../../../../shared/registry/organisations.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { organisationInScope, recordOrganisationEvents } from './rows.js';

export async function changeOrganisationStatus(deps: Deps, ctx: Ctx, id: number, input: OrganisationStatusInput): Promise<OrganisationRow> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const before = await organisationInScope(db, actor, id);
  if (before.status === input.status) throw AppError.conflict(`该组织已是“${organisationStatuses[input.status]}”状态`);
  if (input.on > shanghaiToday()) throw AppError.field('on', '变更日期不能晚于今天');
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(organisations)
      .set({ status: input.status, statusOn: input.on, version: sql`${organisations.version} + 1` })
      .where(sql`${organisations.id} = ${id} and ${organisations.version} = ${input.version}`)
      .returning({ id: organisations.id });
    if (!row) throw AppError.conflict('该组织已被他人修改，请刷新后重试');
    await recordOrganisationEvents(tx, ctx, id, [
      {
        what: 'status',
        oldValue: before.statusName,
        newValue: `${organisationStatuses[input.status]}（${input.on}，${input.reason}）`,
      },
    ]);
    await audit(tx, ctx, {
      action: 'organisation.status',
      objectType: 'organisation',
      objectId: id,
      details: { organisationStatus: input.status, reason: input.reason },
    });
  });
  return organisationInScope(db, actor, id);
}
