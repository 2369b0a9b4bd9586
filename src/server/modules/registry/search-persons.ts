/**
 * Person search (name prefix, exact ID number, division, household) inside the jurisdiction. Also
 * the export's query: the same filter gives the same rows. One audit row per search (U1).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Ctx } from '../../platform/context.js';
import { planOnce, requireActor, withinDivision } from '../../platform/access/scope.js';
import { redactFilter } from '../../platform/audit/audit.js';
import { rows, startsWith } from '../../platform/db/index.js';
import type { Page } from '../../../shared/paging.js';
import type { PersonFilter, SearchPersonsInput } from '../../../shared/registry/persons.js';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import { AppError } from '../../platform/errors.js';
import { personColumns, personScope, toPersonRow, type PersonDbRow, type PersonRow } from './person-row.js';
import type { Actor } from '../../platform/context.js';
import { FieldView } from '../../platform/crypto/field-view.js';

export function personFilterWhere(deps: Deps, actor: Actor, filter: PersonFilter): SQL {
  const parts: SQL[] = [personScope(actor)];
  if (filter.name) parts.push(startsWith(sql`persons.name`, filter.name));
  if (filter.idNumber) {
    const parsed = parseResidentId(filter.idNumber);
    if (!parsed.ok) throw AppError.field('idNumber', `身份证号：${parsed.message}`);
    parts.push(sql`persons.id_number_hash = ${deps.cipher.lookupHash(parsed.idNumber)}`);
  }
  if (filter.divisionCode) parts.push(withinDivision(sql`persons.hukou_division_code`, filter.divisionCode));
  if (filter.householdId) parts.push(sql`persons.household_id = ${filter.householdId}`);
  return sql.join(parts, sql` and `);
}

export async function searchPersons(deps: Deps, ctx: Ctx, input: SearchPersonsInput): Promise<Page<PersonRow>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const where = personFilterWhere(deps, actor, input);
  const found = await deps.database.read<PersonDbRow & { total: string | number }>(
    sql`select ${personColumns}, count(*) over () as total from persons where ${where}
        order by persons.hukou_division_code, persons.id limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
    planOnce(actor),
  );
  let total = found.length ? Number(found[0].total) : 0;
  if (!found.length && input.page > 1) {
    const [c] = await rows<{ n: string | number }>(db, sql`select count(*) as n from persons where ${where}`);
    total = Number(c.n);
  }
  await deps.readAudit.record(ctx, {
    action: 'person.search',
    objectType: 'person',
    details: { filter: redactFilter(input, ['idNumber']), count: total },
  });
  const view = new FieldView(deps, ctx);
  return { items: found.map((r) => toPersonRow(view, r)), total, page: input.page, pageSize: input.pageSize };
}
