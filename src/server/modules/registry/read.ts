/**
 * What other modules read of the registry (docs/adding-a-module.md "The registry and the benefit
 * ledger"): the one place outside the registry's own use cases that names its tables (persons,
 * households, benefits). Every export is a drizzle `sql` fragment (or, for statements run on the raw
 * pg client, its text) that the caller inlines into its own statement, so a set-based path (a roll, a
 * bank file, the economic check's join, a search) stays one statement with the plan it had: a view is
 * a plain derived table, which PostgreSQL pulls up into the join. `src/server/modules/ownership.test.ts`
 * fails on any other module naming a registry table.
 */
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { likePrefix } from '../../platform/db/index.js';
import { benefitScope } from './benefits.js';
import { householdScope } from './households.js';
import { personScope } from './person-row.js';

/** A person's and a household's record as the registry's own pages show them, inside the actor's jurisdiction (the portal's 我的信息). */
export { openPerson } from './persons.js';
export { openHousehold } from './households.js';

/** A person's or household's id: a column of the caller's statement (`sql\`e.payee_person_id\``) or a value. */
type Id = SQLWrapper | number;

/**
 * Persons as other modules read them, with the columns they may use (no health notes, no phone hash):
 * join it under an alias, `join ${personsView} p on p.id = l.payee_person_id`. `PERSONS_VIEW` is the
 * same text for a statement on the raw pg client.
 */
export const PERSONS_VIEW = `(select id, platform_id, name, sex, birth_date, id_number_enc, id_number_hash, phone_enc, hukou_division_code,
  hukou_type, disability_type, disability_grade, household_id, relation, died_on, moved_out_on from persons)`;
export const personsView = sql.raw(PERSONS_VIEW);

/** Households as other modules read them: `left join ${householdsView} h on h.id = p.household_id`. */
export const householdsView = sql.raw(`(select id, household_no, division_code, address, head_person_id from households)`);

/** A person's name, as a scalar of the caller's statement (null for no person). */
export function personNameOf(personId: Id): SQL {
  return sql`(select rp.name from persons rp where rp.id = ${personId})`;
}

/** Whether the person's name starts with `prefix` (a left-anchored LIKE, the name index's). */
export function personNameStartsWith(personId: Id, prefix: string): SQL {
  return sql`exists (select 1 from persons rp where rp.id = ${personId} and ${likePrefix(sql`rp.name`, prefix)})`;
}

/**
 * Whether the person lives alone (独居): no other member of their household is alive with a hukou still
 * in the city. A person of no household (moved out, or recorded without one) lives alone.
 */
export function livesAlone(personId: Id): SQL {
  return sql`not exists (select 1 from persons rp join persons o on o.household_id = rp.household_id and o.id <> rp.id
    and o.died_on is null and o.moved_out_on is null where rp.id = ${personId})`;
}

/**
 * The members of a household, as a derived table with the columns of `personsView`: `from ${householdMembersOf(id)} m`
 * (none for no household).
 */
export function householdMembersOf(householdId: Id | null): SQL {
  return sql`(select * from ${personsView} hm where hm.household_id = ${householdId})`;
}

/**
 * The household inside the actor's jurisdiction (404 outside it is the caller's), as a derived table
 * with the columns of `householdsView`: `select id, division_code, address from ${householdInScope(actor, id)} h`.
 */
export function householdInScope(actor: Actor, householdId: number): SQL {
  return sql`(select id, household_no, division_code, address, head_person_id from households
    where households.id = ${householdId} and ${householdScope(actor)})`;
}

/**
 * The benefit records a person holds in `month`, as a JSON array of `{type, monthlyFen}` (null when
 * none); `recordedOutsideModules`: only those no module of the platform pays (an agency's, a hand-recorded one).
 */
export function benefitsHeldIn(personId: Id, month: string, opts: { recordedOutsideModules?: boolean } = {}): SQL {
  return sql`(select json_agg(json_build_object('type', b.type, 'monthlyFen', b.monthly_amount_fen)) from benefits b
    where b.person_id = ${personId}${opts.recordedOutsideModules ? sql` and b.source <> 'module'` : sql``} and b.start_month <= ${month}
      and (b.end_month is null or b.end_month >= ${month}))`;
}

/** Whether a benefit of `type` was ever recorded on the person. */
export function benefitRecorded(personId: Id, type: string): SQL {
  return sql`exists (select 1 from benefits b where b.person_id = ${personId} and b.type = ${type})`;
}

/** The types among `types` the person holds in `month` or later (not ended before it), comma-separated (null when none). */
export function benefitTypesOpenFrom(personId: Id, types: readonly string[], month: string): SQL {
  return sql`(select string_agg(distinct b.type, ',') from benefits b where b.person_id = ${personId}
    and b.type in (select jsonb_array_elements_text(${JSON.stringify(types)}::jsonb))
    and (b.end_month is null or b.end_month >= ${month}))`;
}

/**
 * The persons holding each benefit type in `month`, under the scope of the registry's benefit list
 * (so a figure counts the rows the same user may list): a statement of `type`, `persons`.
 */
export function benefitHoldersByType(actor: Actor, month: string): SQL {
  return sql`select benefits.type as type, count(distinct benefits.person_id) as persons from benefits
    where ${benefitScope(actor)} and benefits.start_month <= ${month} and (benefits.end_month is null or benefits.end_month >= ${month})
    group by benefits.type order by benefits.type`;
}

/**
 * One person with the facts a registration checks (birth date, death, hukou moved out, where they
 * live), inside the actor's registry scope, as a derived table (no row outside it: the caller's 404):
 * `select name, birth_date from ${personFactsInScope(actor, id)} pf`.
 */
export function personFactsInScope(actor: Actor, personId: number): SQL {
  return sql`(select persons.id, persons.name, persons.sex, persons.birth_date::text as birth_date, persons.id_number_enc,
      persons.hukou_division_code, persons.residence_division_code, persons.died_on::text as died_on, persons.moved_out_on::text as
      moved_out_on from persons where persons.id = ${personId} and ${personScope(actor)})`;
}

/**
 * The person's guardians in force on `on` (docs/rules.md "Life events"): the registry's 父母 and 监护人
 * relations begun by then and not ended before it, whose relative is alive; a derived table of
 * `guardian_person_id`, `kind`, `name`: `from ${guardiansInForce(id, today)} g`.
 */
export function guardiansInForce(personId: Id, on: string): SQL {
  return sql`(select distinct on (r.related_person_id) r.related_person_id as guardian_person_id, r.kind, g.name from person_relations r
    join persons g on g.id = r.related_person_id
    where r.person_id = ${personId} and r.kind in ('parent', 'guardian') and r.since <= ${on} and (r.until is null or r.until >= ${on})
      and (g.died_on is null or g.died_on > ${on})
    order by r.related_person_id, r.kind desc)`;
}

/** Whether the organisation holds the platform role `role` on `on` (the organisation registry's dated roles). */
export function organisationHoldsRole(organisationId: Id, role: string, on: string): SQL {
  return sql`exists (select 1 from organisation_roles orr where orr.organisation_id = ${organisationId} and orr.role = ${role}
    and orr.from_date <= ${on} and (orr.to_date is null or orr.to_date >= ${on}))`;
}
