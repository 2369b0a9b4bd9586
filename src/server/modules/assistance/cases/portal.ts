/**
 * A resident's side of social assistance on the portal: the form pre-filled for their own
 * household (or, not registered yet, for proposing it), their applications with status and what is
 * missing (told all at once), and resubmitting after supplying it.
 */
import { desc, sql } from 'drizzle-orm';
import { personsView } from '../../registry/read.js';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { rows } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { shanghaiToday } from '../../../../shared/dates.js';
import { assistanceCategories, caseStatuses, type AssistanceCategory, type CaseStatus } from '../../../../shared/assistance-codes.js';
import { assistanceCases } from '../schema.js';
import { caseScope, lockCaseInTx, recordActionInTx } from './case-store.js';
import { PolicyBook } from '../policy/policy.js';
import { loadHouseholdFacts, prefill } from './application.js';
import { FieldView } from '../../../platform/crypto/field-view.js';
import { maskIdNumber } from '../../../../shared/mask.js';
import type { MyCase, PortalPrefill } from '../../../../shared/assistance/portal.js';
import type { CaseActed } from '../../../../shared/assistance/cases.js';

/**
 * The form pre-filled: for a registered household, its members from the registry; for a resident
 * whose household is not registered, `newHousehold` with the resident themself as the first member
 * (the rest they add by name and ID number) in their hukou village (POST …/new-household).
 */
export async function myPrefill(deps: Deps, ctx: Ctx, category: AssistanceCategory): Promise<PortalPrefill> {
  const actor = requireActor(ctx.actor);
  const [me] = await rows<{
    id: number | string;
    name: string;
    household_id: number | string | null;
    id_number_enc: string | null;
    sex: 'male' | 'female' | null;
    birth_date: string | null;
    hukou_division_code: string;
    hukou_type: 'urban' | 'rural';
    division_name: string | null;
  }>(
    deps.database.db,
    sql`select p.id, p.name, p.household_id, p.id_number_enc, p.sex, p.birth_date::text as birth_date, p.hukou_division_code, p.hukou_type,
          (select full_name from divisions d where d.code = p.hukou_division_code) as division_name
        from ${personsView} p where p.id = ${actor.personId ?? 0}`,
  );
  if (!me) throw AppError.notFound('人员');
  if (me.household_id === null) {
    const view = new FieldView(deps, ctx);
    return {
      category,
      householdId: null,
      applicantPersonId: Number(me.id),
      newHousehold: { divisionCode: me.hukou_division_code, divisionName: me.division_name, hukouType: me.hukou_type },
      members: [
        {
          personId: Number(me.id),
          self: true,
          name: me.name,
          relation: 'head',
          covered: true,
          incomes: [],
          idNumberMasked: view.show(me.id_number_enc, { objectType: 'person', objectId: Number(me.id), field: 'idNumber' }, maskIdNumber),
          sex: me.sex,
          birthDate: me.birth_date,
        },
      ],
    };
  }
  const facts = await loadHouseholdFacts(deps.database.db, actor, Number(me.household_id));
  // The resident applies for their own household (me.id is the resident's own person).
  return { ...prefill(facts, category), applicantPersonId: Number(me.id) };
}

export async function myCases(deps: Deps, ctx: Ctx): Promise<MyCase[]> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const list = await db.select().from(assistanceCases).where(caseScope(actor)).orderBy(desc(assistanceCases.id)).limit(50);
  // The latest action of each case, in one query: its reason is what the resident must read.
  const last = new Map(
    (list.length
      ? await rows<{ case_id: number | string; reason: string | null }>(
          db,
          sql`select distinct on (case_id) case_id, reason from assistance_actions where case_id in (${sql.join(
            list.map((c) => sql`${c.id}`),
            sql`, `,
          )}) order by case_id, id desc`,
        )
      : []
    ).map((a) => [Number(a.case_id), a.reason]),
  );
  return list.map((c) => ({
    id: c.id,
    caseNo: c.caseNo,
    category: c.category,
    categoryName: assistanceCategories[c.category],
    status: c.status,
    statusName: caseStatuses[c.status as CaseStatus],
    version: c.version,
    createdAt: c.createdAt.toISOString(),
    // Applied with the household proposed: the township checks and registers it when accepting.
    householdProposed: c.householdId === null,
    // 一次性告知: what the township asked for, in its own words, while it is waiting on the resident.
    missing: c.status === 'supplementing' ? (last.get(c.id) ?? null) : null,
    decision: c.status === 'refused' ? (last.get(c.id) ?? null) : null,
  }));
}

export async function resubmit(deps: Deps, ctx: Ctx, id: number, version: number): Promise<CaseActed> {
  const actor = requireActor(ctx.actor);
  const cal = await deps.calendar.get();
  const book = await PolicyBook.load(deps.database.db);
  return deps.database.db.transaction(async (tx) => {
    const c = await lockCaseInTx(tx, actor, id);
    const updated = await recordActionInTx(tx, ctx, c, 'resubmit', {
      expectedVersion: version,
      today: shanghaiToday(),
      cal,
      book,
      actorName: '申请人',
      actorDivision: null,
      reason: '已补正材料',
    });
    return { id, status: updated.status, version: updated.version };
  });
}
