/**
 * The acceptance of an online application whose household the registry did not have (apply.ts
 * applyOnlineWithNewHousehold): the clerk has checked the proposed household on the case page, and
 * accepting registers it, once, in the same transaction as the acceptance. 一数一源: a member whose
 * ID number the registry already has is that person, linked into the household, never registered
 * twice; one who already belongs to another household, or whose registered name differs, stops the
 * acceptance with the reason (the clerk sorts it out in the registry first, or refuses the case).
 */
import { sql } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { assertWritableDivision, requireActor } from '../../../platform/access/scope.js';
import { audit } from '../../../platform/audit/audit.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { insertHouseholdInTx, insertPersonInTx, joinHouseholdInTx, setHouseholdHeadInTx } from '../../registry/write.js';
import { householdsView, personsView } from '../../registry/read.js';
import type { ProposedHousehold, StoredApplication } from './application.js';
import type { CaseRow } from './case-store.js';

export interface RegisteredProposal {
  /** The case's fields to change with the acceptance: its household, the application with person ids. */
  set: { householdId: number; application: Record<string, unknown>; proposalIdNumbersEnc: null };
  /** Kept in the acceptance's history entry. */
  data: { registeredHousehold: { id: number; householdNo: string; created: string[]; linked: string[] } };
}

export async function registerProposedHouseholdInTx(deps: Deps, tx: Db, ctx: Ctx, c: CaseRow): Promise<RegisteredProposal> {
  const actor = requireActor(ctx.actor);
  const app = c.application as unknown as StoredApplication;
  const proposal = app.proposedHousehold;
  if (!proposal || !c.proposalIdNumbersEnc) throw AppError.conflict('申请中没有家庭信息，无法登记家庭');
  assertWritableDivision(actor, proposal.divisionCode, 'divisionCode');
  const idNumbers = JSON.parse(
    new FieldView(deps, ctx).strict(c.proposalIdNumbersEnc, { objectType: 'assistance_case', objectId: c.id, field: 'proposalIdNumbers' }),
  ) as (string | null)[];

  const [applicant] = await rows<{ id: number | string; household_no: string | null }>(
    tx,
    sql`select p.id, h.household_no from ${personsView} p left join ${householdsView} h on h.id = p.household_id
      where p.id = ${c.applicantPersonId} for update of p`,
  );
  if (applicant?.household_no) {
    throw AppError.conflict(`申请人已登记在家庭 ${applicant.household_no} 中：请核对后「不予受理」，并告知申请人按已登记的家庭重新申请`);
  }

  // Who each member is: the applicant, a registered person without a household, or nobody yet.
  const resolved: { personId: number | null; idNumber: string | null }[] = [];
  for (const [i, m] of proposal.members.entries()) {
    if (m.self) {
      resolved.push({ personId: c.applicantPersonId, idNumber: null });
      continue;
    }
    const idNumber = idNumbers[i];
    if (!idNumber) throw AppError.conflict(`第 ${i + 1} 位成员缺少身份证号，无法登记`);
    // Not scoped: the one person with this ID number, wherever their hukou lies (一数一源).
    const [found] = await rows<{ id: number | string; name: string; household_id: number | string | null }>(
      tx,
      sql`select id, name, household_id from ${personsView} p where p.id_number_hash = ${deps.cipher.lookupHash(idNumber)} for update`,
    );
    if (found && found.household_id !== null) {
      throw AppError.conflict(`${m.name}（${m.idNumberMasked}）已是另一个家庭的成员：请先在人口与家庭库中核实处理，再受理`);
    }
    if (found && found.name !== m.name) {
      throw AppError.conflict(`${m.name}（${m.idNumberMasked}）：人口库中该身份证号登记的姓名与申请填写的不一致，请核实后再受理`);
    }
    resolved.push({ personId: found ? Number(found.id) : null, idNumber });
  }

  const h = await insertHouseholdInTx(tx, { divisionCode: proposal.divisionCode, address: proposal.address });
  const householdNo = h.householdNo;
  const created: string[] = [];
  const linked: string[] = [];
  const members: ProposedHousehold['members'] = [];
  let headId: number | null = null;
  for (const [i, m] of proposal.members.entries()) {
    const r = resolved[i];
    let personId: number;
    if (r.personId !== null) {
      personId = r.personId;
      await joinHouseholdInTx(tx, personId, h.id, m.relation);
      linked.push(m.name);
    } else {
      personId = await insertPersonInTx(
        deps,
        tx,
        actor,
        { name: m.name, idNumber: r.idNumber, hukouDivisionCode: proposal.divisionCode, hukouType: proposal.hukouType },
        `proposedHousehold.members.${i}.`,
        { id: h.id, relation: m.relation },
      );
      created.push(m.name);
    }
    if (m.relation === 'head') headId = personId;
    members.push({ ...m, personId, outcome: r.personId !== null ? 'linked' : 'created' });
  }
  await setHouseholdHeadInTx(tx, h.id, headId);
  await audit(tx, ctx, {
    action: 'household.create',
    objectType: 'household',
    objectId: h.id,
    details: { members: members.length, created: created.length, linked: linked.length, fromCase: c.id },
  });

  const { pendingMembers, ...rest } = app;
  const application: StoredApplication = {
    ...rest,
    householdId: h.id,
    members: (pendingMembers ?? []).map((pm, i) => ({ ...pm, personId: members[i].personId! })),
    proposedHousehold: { ...proposal, householdId: h.id, householdNo, members },
  };
  return {
    set: { householdId: h.id, application: application as unknown as Record<string, unknown>, proposalIdNumbersEnc: null },
    data: { registeredHousehold: { id: h.id, householdNo, created, linked } },
  };
}
