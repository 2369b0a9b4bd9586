/**
 * Applying: at the window (一门受理: a township or village worker records the application and it is
 * accepted at once) or online (a resident, for their own household; it waits for acceptance).
 * Both carry a client key: a repeat returns the first case (F3).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Deps } from '../../platform/deps.js';
import type { Actor, Ctx } from '../../platform/context.js';
import { requireActor } from '../../platform/access/scope.js';
import { rows, type Db } from '../../platform/db/index.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../../../shared/dates.js';
import { users } from '../../platform/db/schema.js';
import { applicationInput, assertMembersOfHousehold, loadHouseholdFacts, type ApplicationInput } from './application.js';
import { assistanceCases } from './schema.js';
import { caseDue, recordActionInTx } from './case-store.js';
import { PolicyBook } from './policy.js';

export { applicationInput };

export async function applyAtWindow(deps: Deps, ctx: Ctx, input: ApplicationInput, idempotencyKey: string | null): Promise<{ id: number; caseNo: string }> {
  return submit(deps, ctx, input, idempotencyKey, 'window');
}

export async function applyOnline(deps: Deps, ctx: Ctx, input: ApplicationInput, idempotencyKey: string | null): Promise<{ id: number; caseNo: string }> {
  const actor = requireActor(ctx.actor);
  if (actor.kind !== 'resident') throw AppError.forbidden('网上申请请使用居民账号');
  return submit(deps, ctx, input, idempotencyKey, 'online');
}

async function submit(deps: Deps, ctx: Ctx, input: ApplicationInput, key: string | null, channel: 'window' | 'online') {
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
      const facts = await loadHouseholdFacts(tx, actor, input.householdId);
      assertMembersOfHousehold(input, facts);
      const [open] = await rows<{ case_no: string }>(tx, sql`select case_no from assistance_cases where household_id = ${input.householdId}
        and category = ${input.category} and status not in ('approved', 'refused', 'rejected', 'withdrawn') limit 1`);
      if (open) throw AppError.conflict(`该家庭已有同类在办申请（${open.case_no}），请在原案件中继续办理`);
      const today = shanghaiToday();
      const { bankAccount, bankName, ...application } = input;
      const [created] = await tx
        .insert(assistanceCases)
        .values({
          caseNo: `tmp-${crypto.randomUUID()}`,
          category: input.category,
          temporaryType: input.temporaryType ?? null,
          householdId: input.householdId,
          applicantPersonId: input.applicantPersonId,
          divisionCode: facts.divisionCode,
          channel,
          status: 'new',
          staffRelative: input.staffRelative,
          application,
          bankName,
          bankAccountEnc: deps.cipher.encrypt(bankAccount),
          idempotencyKey: key,
          createdBy: actor.userId,
        })
        .returning();
      // 申请编号: year + category letter + the case id, readable over the phone.
      const caseNo = `${today.slice(0, 4)}${categoryLetter[input.category]}${String(created.id).padStart(7, '0')}`;
      const base = { ...created, caseNo, status: null as unknown as string };
      const name = await actorName(tx, actor);
      const delegated = book.delegated(input.category, facts.divisionCode.slice(0, 6), today.slice(0, 7));
      await recordActionInTx(tx, ctx, base, channel === 'window' ? 'apply_at_window' : 'submit_online', {
        today, cal, book, actorName: name, actorDivision: actor.kind === 'staff' ? actor.divisionCode : null,
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
