/**
 * Households (家庭): members are registry persons with their relation to the head; exactly one
 * head. A person belongs to one household at a time.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { assertWritableDivision, requireActor, scopeWhere, withinDivision } from '../../platform/access/scope.js';
import { audit, redactFilter } from '../../platform/audit/audit.js';
import { likePrefix, rows, type Db } from '../../platform/db/index.js';
import { AppError, type FieldError } from '../../platform/errors.js';
import type { Page } from '../../../shared/paging.js';
import { FieldView } from '../../platform/crypto/field-view.js';
import { parseResidentId } from '../../../shared/validation/resident-id.js';
import { assertDivisionExists } from '../divisions/queries.js';
import type {
  CreateHouseholdInput,
  HouseholdDetail,
  HouseholdFilter,
  HouseholdRow,
  ListHouseholdsInput,
  MemberInput,
} from '../../../shared/registry/households.js';
import { personColumns, toPersonRow, type PersonDbRow } from './person-row.js';
import { insertPersonInTx, loadPerson, newPlatformId } from './persons.js';
import { listBenefits } from './benefits.js';
import { households, persons } from './schema.js';

export function householdScope(actor: Actor) {
  return scopeWhere(actor, { division: households.divisionCode, household: households.id });
}

export function householdFilterWhere(deps: Deps, actor: Actor, f: HouseholdFilter) {
  const parts = [householdScope(actor)];
  if (f.headName)
    parts.push(sql`exists (select 1 from persons hp where hp.id = households.head_person_id and ${likePrefix(sql`hp.name`, f.headName)})`);
  if (f.idNumber) {
    const parsed = parseResidentId(f.idNumber);
    if (!parsed.ok) throw AppError.field('idNumber', `身份证号：${parsed.message}`);
    parts.push(
      sql`exists (select 1 from persons m where m.household_id = households.id and m.id_number_hash =
        ${deps.cipher.lookupHash(parsed.idNumber)})`,
    );
  }
  if (f.divisionCode) parts.push(withinDivision(sql`households.division_code`, f.divisionCode));
  return sql.join(parts, sql` and `);
}

export const householdColumns = sql.raw(`households.id, households.household_no, households.division_code,
  (select full_name from divisions d where d.code = households.division_code) as division_name, households.address,
  (select name from persons hp where hp.id = households.head_person_id) as head_name,
  (select count(*) from persons m where m.household_id = households.id) as member_count`);

interface HouseholdDbRow {
  id: string | number;
  household_no: string;
  division_code: string;
  division_name: string | null;
  address: string;
  head_name: string | null;
  member_count: string | number;
}
export const toHouseholdRow = (r: HouseholdDbRow): HouseholdRow => ({
  id: Number(r.id),
  householdNo: r.household_no,
  divisionCode: r.division_code,
  divisionName: r.division_name,
  address: r.address,
  headName: r.head_name,
  memberCount: Number(r.member_count),
});

export async function listHouseholds(deps: Deps, ctx: Ctx, input: ListHouseholdsInput): Promise<Page<HouseholdRow>> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const where = householdFilterWhere(deps, actor, input);
  const found = await rows<HouseholdDbRow & { total: string | number }>(
    db,
    sql`select ${householdColumns}, count(*) over () as total from households where ${where}
        order by households.division_code, households.id limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
  );
  const total = found.length ? Number(found[0].total) : 0;
  await deps.readAudit.record(ctx, {
    action: 'household.search',
    objectType: 'household',
    details: { filter: redactFilter(input, ['idNumber']), count: total },
  });
  return { items: found.map(toHouseholdRow), total, page: input.page, pageSize: input.pageSize };
}

export async function openHousehold(deps: Deps, ctx: Ctx, id: number, audited = true): Promise<HouseholdDetail> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [h] = await rows<HouseholdDbRow>(
    db,
    sql`select ${householdColumns} from households where households.id = ${id} and ${householdScope(actor)}`,
  );
  if (!h) throw AppError.notFound('家庭');
  // Members are shown as part of the household the actor may open, even if one's hukou lies elsewhere.
  const members = await rows<PersonDbRow>(
    db,
    sql`select ${personColumns} from persons where persons.household_id = ${id}
        order by case persons.relation when 'head' then 0 when 'spouse' then 1 else 2 end, persons.birth_date nulls last`,
  );
  if (audited) await deps.readAudit.record(ctx, { action: 'household.open', objectType: 'household', objectId: id });
  const view = new FieldView(deps, ctx);
  return {
    ...toHouseholdRow(h),
    members: members.map((m) => toPersonRow(view, m)),
    benefits: await listBenefits(deps, actor, { householdId: id }),
  };
}

export async function createHousehold(deps: Deps, ctx: Ctx, input: CreateHouseholdInput): Promise<HouseholdDetail> {
  const actor = requireActor(ctx.actor);
  const heads = input.members.filter((m) => m.relation === 'head').length;
  if (heads !== 1) throw AppError.field('members', heads === 0 ? '请指定一名户主' : '一个家庭只能有一名户主');
  assertWritableDivision(actor, input.divisionCode, 'divisionCode');
  const id = await deps.database.db.transaction(async (tx) => {
    await assertDivisionExists(tx, input.divisionCode, 'divisionCode');
    const [h] = await tx
      .insert(households)
      .values({ householdNo: newPlatformId('H'), divisionCode: input.divisionCode, address: input.address })
      .returning({ id: households.id });
    const errors: FieldError[] = [];
    let headId: number | null = null;
    for (const [i, m] of input.members.entries()) {
      const personId = await addMemberInTx(deps, tx, actor, h.id, m, `members.${i}.`).catch((e: unknown) => {
        if (e instanceof AppError && e.code === 'VALIDATION') errors.push(...((e.details.fields as FieldError[]) ?? []));
        else throw e;
        return null;
      });
      if (m.relation === 'head') headId = personId;
    }
    if (errors.length) throw AppError.validation(errors);
    await tx.update(households).set({ headPersonId: headId }).where(eq(households.id, h.id));
    await audit(tx, ctx, {
      action: 'household.create',
      objectType: 'household',
      objectId: h.id,
      details: { members: input.members.length },
    });
    return h.id;
  });
  return openHousehold(deps, ctx, id, false);
}

async function addMemberInTx(deps: Deps, tx: Db, actor: Actor, householdId: number, m: MemberInput, prefix: string): Promise<number> {
  if (m.personId) {
    const p = await loadPerson(tx, actor, m.personId, true);
    if (p.household_id !== null && Number(p.household_id) !== householdId) {
      throw AppError.field(`${prefix}personId`, `${p.name} 已是另一个家庭的成员，请先从原家庭移出`);
    }
    await tx.update(persons).set({ householdId, relation: m.relation, updatedAt: new Date() }).where(eq(persons.id, m.personId));
    return m.personId;
  }
  if (!m.person) throw AppError.field(`${prefix}person`, '请选择已登记的人员或填写新成员信息');
  return insertPersonInTx(deps, tx, actor, m.person, `${prefix}person.`, { id: householdId, relation: m.relation });
}

export async function addMember(deps: Deps, ctx: Ctx, householdId: number, input: MemberInput): Promise<HouseholdDetail> {
  const actor = requireActor(ctx.actor);
  await deps.database.db.transaction(async (tx) => {
    const [h] = await tx
      .select()
      .from(households)
      .where(and(eq(households.id, householdId), householdScope(actor)))
      .for('update');
    if (!h) throw AppError.notFound('家庭');
    if (input.relation === 'head') throw AppError.field('relation', '家庭已有户主；如需变更户主，请先调整原户主的关系');
    const personId = await addMemberInTx(deps, tx, actor, householdId, input, '');
    await tx
      .update(households)
      .set({ version: sql`${households.version} + 1`, updatedAt: new Date() })
      .where(eq(households.id, householdId));
    await audit(tx, ctx, { action: 'household.add_member', objectType: 'household', objectId: householdId, details: { personId } });
  });
  return openHousehold(deps, ctx, householdId, false);
}

export async function removeMember(deps: Deps, ctx: Ctx, householdId: number, personId: number): Promise<HouseholdDetail> {
  const actor = requireActor(ctx.actor);
  await deps.database.db.transaction(async (tx) => {
    const [h] = await tx
      .select()
      .from(households)
      .where(and(eq(households.id, householdId), householdScope(actor)))
      .for('update');
    if (!h) throw AppError.notFound('家庭');
    if (h.headPersonId === personId) throw AppError.field('personId', '不能移出户主');
    const removed = await tx
      .update(persons)
      .set({ householdId: null, relation: null, updatedAt: new Date() })
      .where(and(eq(persons.id, personId), eq(persons.householdId, householdId)))
      .returning({ id: persons.id });
    if (!removed.length) throw AppError.notFound('家庭成员');
    await audit(tx, ctx, { action: 'household.remove_member', objectType: 'household', objectId: householdId, details: { personId } });
  });
  return openHousehold(deps, ctx, householdId, false);
}
