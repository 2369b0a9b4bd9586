/**
 * The scoped data layer: the one place that says which rows of a jurisdictional table an actor
 * may see (an organisation's staff: its persons and those of its sub-organisations). Every read,
 * list, count, export and write of jurisdictional data adds `where` from here; a row outside it
 * answers 404, exactly like a missing one.
 */
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from '../context.js';
import type { Permission } from '../../../shared/permissions.js';
import { isBelowCounty } from '../../../shared/divisions.js';
import { AppError } from '../errors.js';
import { startsWith } from '../db/index.js';

/** How a table is tied to a jurisdiction, an organisation and a resident. */
export interface Scoped {
  division: AnyPgColumn;
  /** The person the row belongs to (residents and organisation staff are narrowed through it). */
  person?: AnyPgColumn;
  /** The household the row belongs to (a resident sees their household's rows). */
  household?: AnyPgColumn;
  /**
   * The organisation the row is registered under (a volunteer's team): an organisation's staff see the
   * rows of their organisation and its sub-organisations through it, rather than through the persons
   * their organisation serves.
   */
  organisation?: AnyPgColumn;
}

export function requirePermission(actor: Actor | null, permission: Permission): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!actor.permissions.has(permission)) throw AppError.forbidden();
  return actor;
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED', '请先登录');
  return actor;
}

/**
 * A division code and everything under it, as a range of the text_pattern_ops index: the same rows
 * as `like 'code%'` for digit codes, and usable by a prepared statement's generic plan (a `like`
 * with a parameter is not).
 */
export function withinDivision(column: AnyPgColumn | SQL, code: string): SQL {
  return startsWith(column, code);
}

/**
 * Whether one query plan fits every search of this actor: a township's or village's rows are a small
 * range of the division indexes, so a statement prepared once per connection (generic plan) is as
 * good as one planned per request; at county and city level the best plan depends on the values
 * searched (docs/decisions.md 22).
 */
export function planOnce(actor: Actor): boolean {
  return isBelowCounty(actor.divisionCode);
}

/** The condition limiting `table` to what `actor` may see. */
export function scopeWhere(actor: Actor, table: Scoped): SQL {
  const parts: SQL[] = [withinDivision(table.division, actor.divisionCode)];
  if (actor.kind === 'resident') {
    if (!actor.personId) return sql`false`;
    parts.push(residentCondition(actor.personId, table));
  } else if (actor.organisationId !== null && table.organisation) {
    parts.push(sql`${table.organisation} in ${organisationSubtree(actor.organisationId)}`);
  } else if (actor.organisationId !== null) {
    if (!table.person) return sql`false`;
    parts.push(
      sql`exists (select 1 from organisation_persons op where op.person_id = ${table.person} and op.organisation_id in
        ${organisationSubtree(actor.organisationId)})`,
    );
  }
  return and(...parts)!;
}

/**
 * An organisation and its sub-organisations, as a subquery of ids (docs/rules.md "Organisation scope"):
 * a recursive walk down `parent_id`, evaluated once per statement (docs/decisions.md 36). `union`, not
 * `union all`, so that even a cycle (which the registry refuses to write) ends.
 */
export function organisationSubtree(organisationId: number): SQL {
  return sql`(with recursive sub(id) as (select ${organisationId}::bigint union select o.id from organisations o join sub on o.parent_id =
    sub.id) select id from sub)`;
}

function residentCondition(personId: number, table: Scoped): SQL {
  const ownHousehold = sql`(select household_id from persons p where p.id = ${personId})`;
  if (table.person)
    return sql`(${eq(table.person, personId)} or ${table.person} in (select id from persons where household_id = ${ownHousehold}))`;
  if (table.household) return sql`${table.household} = ${ownHousehold}`;
  return sql`false`;
}

/** Whether a division code lies inside the actor's jurisdiction. */
export function inJurisdiction(actor: Actor, divisionCode: string): boolean {
  return divisionCode.startsWith(actor.divisionCode);
}

/** A write naming a division outside the jurisdiction is refused before anything is stored (Z3). */
export function assertWritableDivision(actor: Actor, divisionCode: string, field: string): void {
  if (!inJurisdiction(actor, divisionCode)) {
    throw new AppError('FORBIDDEN', '所选行政区划不在您的管辖范围内', { fields: [{ field, message: '所选行政区划不在您的管辖范围内' }] });
  }
}
