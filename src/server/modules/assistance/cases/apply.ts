/**
 * Applying: at the window (一门受理: a township or village worker records the application and it is
 * accepted at once) or online (a resident, for their own household; it waits for acceptance). A
 * resident whose household is not registered applies with it proposed (members by name, ID number
 * and relation): the acceptance registers it (act.ts). All carry a client key: a repeat returns the
 * first case (F3).
 */
import { and, eq, sql } from 'drizzle-orm';
import { personsView } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { users } from '../../../platform/db/schema.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { parseResidentId } from '../../../../shared/validation/resident-id.js';
import { maskIdNumber } from '../../../../shared/mask.js';
import type { ApplicationInput, NewHouseholdApplicationInput, ProposedHousehold } from '../../../../shared/assistance/applications.js';
import type { CaseFiled } from '../../../../shared/portal/applications.js';
import { assertMembersOfHousehold, loadHouseholdFacts, type StoredApplication } from './application.js';
import { assistanceCases } from '../schema.js';
import { caseDue, recordActionInTx } from './case-store.js';
import { PolicyBook } from '../policy/policy.js';
import type { CaseStatus } from '../../../../shared/assistance-codes.js';
import { countyOf } from '../../../../shared/divisions.js';

/** The portal's route (modules/portal/routes.ts) still takes the new-household application's schema from here. */

export async function applyAtWindow(deps: Deps, ctx: Ctx, input: ApplicationInput, idempotencyKey: string | null): Promise<CaseFiled> {
  return submit(deps, ctx, input, idempotencyKey, 'window');
}

export async function applyOnline(deps: Deps, ctx: Ctx, input: ApplicationInput, idempotencyKey: string | null): Promise<CaseFiled> {
  const actor = requireActor(ctx.actor);
  if (actor.kind !== 'resident') throw AppError.forbidden('网上申请请使用居民账号');
  return submit(deps, ctx, input, idempotencyKey, 'online');
}

async function submit(deps: Deps, ctx: Ctx, input: ApplicationInput, key: string | null, channel: 'window' | 'online') {
  return fileCase(deps, ctx, key, channel, async (tx) => {
    const facts = await loadHouseholdFacts(tx, requireActor(ctx.actor), input.householdId);
    assertMembersOfHousehold(input, facts);
    const [open] = await rows<{ case_no: string }>(
      tx,
      sql`select case_no from assistance_cases where household_id = ${input.householdId}
      and category = ${input.category} and status not in ('approved', 'refused', 'rejected', 'withdrawn') limit 1`,
    );
    if (open) throw AppError.conflict(`该家庭已有同类在办申请（${open.case_no}），请在原案件中继续办理`);
    const { bankAccount, bankName, ...application } = input;
    return {
      category: input.category,
      temporaryType: input.temporaryType ?? null,
      householdId: input.householdId,
      applicantPersonId: input.applicantPersonId,
      divisionCode: facts.divisionCode,
      staffRelative: input.staffRelative,
      application,
      bankName,
      bankAccountEnc: deps.cipher.encrypt(bankAccount),
    };
  });
}

/**
 * Online, by a resident whose household the registry does not have: the application with the
 * household proposed, in the resident's hukou village. Nothing enters the registry here; the ID
 * numbers are checked (GB 11643, not twice, not the resident's own for another member) and kept
 * encrypted apart from the application.
 */
export async function applyOnlineWithNewHousehold(
  deps: Deps,
  ctx: Ctx,
  input: NewHouseholdApplicationInput,
  idempotencyKey: string | null,
): Promise<CaseFiled> {
  const actor = requireActor(ctx.actor);
  if (actor.kind !== 'resident' || !actor.personId) throw AppError.forbidden('网上申请请使用居民账号');
  const personId = actor.personId;
  const view = new FieldView(deps, ctx);
  return fileCase(deps, ctx, idempotencyKey, 'online', async (tx) => {
    const [me] = await rows<{
      id: number | string;
      name: string;
      household_id: number | string | null;
      hukou_division_code: string;
      id_number_enc: string | null;
      id_number_hash: string | null;
      sex: 'male' | 'female' | null;
      birth_date: string | null;
    }>(
      tx,
      sql`select id, name, household_id, hukou_division_code, id_number_enc, id_number_hash, sex, birth_date::text as birth_date from
        ${personsView} p where p.id = ${personId}`,
    );
    if (!me) throw AppError.notFound('人员');
    if (me.household_id !== null) throw AppError.conflict('您的家庭已在人口与家庭库中登记：请刷新页面，按已登记的家庭申请');
    const [pending] = await rows<{ case_no: string }>(
      tx,
      sql`select case_no from assistance_cases where applicant_person_id = ${personId} and household_id is null
      and status not in ('approved', 'refused', 'rejected', 'withdrawn') limit 1`,
    );
    if (pending) throw AppError.conflict(`您已有一份待受理的申请（${pending.case_no}），其中的家庭信息核实登记后，才能再申请其他救助`);

    const errors: FieldError[] = [];
    const idNumbers: (string | null)[] = [];
    const seen = new Map<string, number>();
    for (const [i, m] of input.members.entries()) {
      if (m.self) {
        idNumbers.push(null);
        continue;
      }
      const parsed = parseResidentId(m.idNumber ?? '');
      const field = `members.${i}.idNumber`;
      if (!parsed.ok) errors.push({ field, message: `身份证号：${parsed.message}` });
      else if (me.id_number_hash && deps.cipher.lookupHash(parsed.idNumber) === me.id_number_hash)
        errors.push({ field, message: '这是您本人的身份证号：本人已列在家庭成员中，请填写该成员自己的身份证号' });
      else if (seen.has(parsed.idNumber)) errors.push({ field, message: `与第 ${seen.get(parsed.idNumber)! + 1} 位成员的身份证号相同` });
      else seen.set(parsed.idNumber, i);
      idNumbers.push(parsed.ok ? parsed.idNumber : null);
    }
    if (errors.length) throw AppError.validation(errors);

    const proposal: ProposedHousehold = {
      divisionCode: me.hukou_division_code,
      address: input.address,
      hukouType: input.hukouType,
      members: input.members.map((m, i) => {
        const id = idNumbers[i];
        const parsed = id ? parseResidentId(id) : null;
        return m.self
          ? {
              self: true,
              name: me.name,
              relation: m.relation,
              sex: me.sex,
              birthDate: me.birth_date,
              idNumberMasked:
                view.show(me.id_number_enc, { objectType: 'person', objectId: personId, field: 'idNumber' }, maskIdNumber) ?? '',
            }
          : {
              self: false,
              name: m.name!,
              relation: m.relation,
              idNumberMasked: maskIdNumber(id!),
              sex: parsed?.ok ? parsed.sex : null,
              birthDate: parsed?.ok ? parsed.birthDate : null,
            };
      }),
    };
    const { bankAccount, bankName, address: _address, hukouType: _hukouType, members, ...fields } = input;
    const application: StoredApplication = {
      ...fields,
      householdId: null,
      applicantPersonId: personId,
      members: [],
      pendingMembers: members.map(({ covered, incomes, rigidCostsFen, majorIllness }) => ({
        covered,
        incomes,
        rigidCostsFen,
        majorIllness,
      })),
      proposedHousehold: proposal,
    };
    return {
      category: input.category,
      temporaryType: input.temporaryType ?? null,
      householdId: null,
      applicantPersonId: personId,
      divisionCode: me.hukou_division_code,
      staffRelative: input.staffRelative,
      application: application as unknown as Record<string, unknown>,
      bankName,
      bankAccountEnc: deps.cipher.encrypt(bankAccount),
      proposalIdNumbersEnc: deps.cipher.encrypt(JSON.stringify(idNumbers)),
    };
  });
}

type CaseValues = Pick<
  typeof assistanceCases.$inferInsert,
  | 'category'
  | 'temporaryType'
  | 'householdId'
  | 'applicantPersonId'
  | 'divisionCode'
  | 'staffRelative'
  | 'application'
  | 'bankName'
  | 'bankAccountEnc'
  | 'proposalIdNumbersEnc'
>;

/** Files a case from what `prepare` checked and made in the transaction: its number, the first action, the key. */
async function fileCase(deps: Deps, ctx: Ctx, key: string | null, channel: 'window' | 'online', prepare: (tx: Db) => Promise<CaseValues>) {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  if (key) {
    const first = await existing(db, actor, key);
    if (first) return first;
  }
  const cal = await deps.calendar.get();
  const book = await PolicyBook.load(db);
  try {
    return await db.transaction(async (tx) => {
      const values = await prepare(tx);
      const today = shanghaiToday();
      const opening = channel === 'window' ? 'accepted' : 'submitted';
      const [created] = await tx
        .insert(assistanceCases)
        .values({ ...values, caseNo: `tmp-${crypto.randomUUID()}`, channel, status: opening, idempotencyKey: key, createdBy: actor.userId })
        .returning();
      // 申请编号: year + category letter + the case id, readable over the phone.
      const caseNo = `${today.slice(0, 4)}${categoryLetter[values.category]}${String(created.id).padStart(7, '0')}`;
      // Recorded as not yet opened: the opening action starts from no status.
      const base = { ...created, caseNo, status: null as unknown as CaseStatus };
      const name = await actorName(tx, actor);
      const delegated = book.delegated(values.category, countyOf(values.divisionCode), today.slice(0, 7));
      await recordActionInTx(tx, ctx, base, channel === 'window' ? 'apply_at_window' : 'submit_online', {
        today,
        cal,
        book,
        actorName: name,
        actorDivision: actor.kind === 'staff' ? actor.divisionCode : null,
        set: { caseNo, ...(channel === 'window' ? { acceptedOn: today, caseDueDate: caseDue(today, delegated, false, cal).date } : {}) },
      });
      return { id: created.id, caseNo };
    });
  } catch (err) {
    // The same key submitted concurrently: one went through (the unique index, or the open-case
    // check that saw it committed); answer with it.
    if (key) {
      const first = await existing(db, actor, key);
      if (first) return first;
    }
    throw err;
  }
}

const categoryLetter = { dibao: 'D', tekun: 'T', temporary: 'L', borderline: 'B' } as const;

async function existing(db: Db, actor: Actor, key: string) {
  const [first] = await db
    .select({ id: assistanceCases.id, caseNo: assistanceCases.caseNo })
    .from(assistanceCases)
    .where(and(eq(assistanceCases.createdBy, actor.userId), eq(assistanceCases.idempotencyKey, key)));
  return first ?? null;
}

export async function actorName(db: Db, actor: Actor): Promise<string> {
  const [u] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, actor.userId));
  return u?.name ?? actor.username;
}
