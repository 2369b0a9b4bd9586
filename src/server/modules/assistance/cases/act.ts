/**
 * Acting on a case: one use case for every workflow action. What each action needs besides the
 * order and the version (checked in case-store) is here: the ≥ 2 investigators of a home visit,
 * the authorisation before an economic check, who may approve, the county visit of a staff
 * relative, the benefit computed at the township's opinion and again at approval.
 */
import { countyOf, isBelowCounty, isCountyOrAbove, townshipOf } from '../../../../shared/divisions.js';
import { and, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { requireActor, withinDivision } from '../../../platform/access/scope.js';
import { rows, type Db } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import { addMonths, isDate, monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { yuan } from '../../../../shared/money.js';
import { recordBenefitsInTx } from '../../registry/ledger.js';
import { actions, needsNotice, type ActionCode, type ActionDef } from './workflow.js';
import { caseDue, caseVariant, lockCaseInTx, recordActionInTx, type ActionRecord, type CaseRow } from './case-store.js';
import { loadHouseholdFacts, registeredHouseholdId, type StoredApplication } from './application.js';
import { registerProposedHouseholdInTx } from './register-proposal.js';
import { compute, inputsFor, type Computation } from '../policy/compute.js';
import { CASE_NOTICE, startCaseNoticeInTx } from './notices.js';
import { PolicyBook } from '../policy/policy.js';
import { grantInTx } from '../entitlements/entitlements.js';
import { actorName } from './apply.js';
import { assistanceCases, assistanceChecks } from '../schema.js';
import { agencies, agencyList, agencyNames, findingsOf, repliedAgencies } from '../checks/check.js';
import type { HolidayCalendar } from '../../../platform/calendar/working-days.js';
import type { ActInput, CaseActed } from '../../../../shared/assistance/cases.js';
import { supportModeValue, type SupportModeValue } from '../../../../shared/assistance/support-mode.js';

const visitData = z.object({
  visitDate: z.string().refine(isDate, '调查日期格式应为 YYYY-MM-DD'),
  investigators: z
    .array(z.string().trim().min(2, '调查人姓名至少 2 个字'))
    .refine((l) => new Set(l).size >= 2, '入户调查须由 2 名以上调查人员进行'),
  findings: z.object({
    housing: z.string().trim().min(2, '请填写住房情况').max(1000),
    livingConditions: z.string().trim().min(2, '请填写生活状况').max(1000),
    income: z.string().trim().min(2, '请填写收入情况').max(1000),
    other: z.string().trim().max(1000).optional(),
  }),
  signed: z.literal(true, { error: '调查记录须经调查人和申请人签字确认' }),
});
const payFirstData = z.object({ amountFen: z.number().int().min(1, '请填写救助金额').max(100_000_000) });
const spotCheckData = z.object({ result: z.enum(['passed', 'failed'], { error: '请选择抽查结论' }) });

export async function act(deps: Deps, ctx: Ctx, caseId: number, code: ActionCode, input: ActInput): Promise<CaseActed> {
  const actor = requireActor(ctx.actor);
  const def: ActionDef = actions[code];
  if (def.system) throw AppError.forbidden('此操作由系统自动执行');
  if (def.from.includes(null)) throw AppError.forbidden('请通过申请入口提交');
  if (!actor.permissions.has(def.permission)) throw AppError.forbidden();
  const db = deps.database.db;
  const cal = await deps.calendar.get();
  const book = await PolicyBook.load(db);
  const today = shanghaiToday();
  return db.transaction(async (tx) => {
    const c = await lockCaseInTx(tx, actor, caseId);
    const extra = await prepare(deps, ctx, tx, actor, c, code, input, book, today, cal);
    const updated = await recordActionInTx(tx, ctx, c, code, {
      ...extra,
      reason: input.reason ?? null,
      data: { ...input.data, ...extra.data },
      fileIds: input.fileIds,
      expectedVersion: input.version,
      today,
      cal,
      book,
      actorName: await actorName(tx, actor),
      actorDivision: actor.divisionCode,
    });
    if (extra.grant)
      await grantInTx(tx, ctx, updated, extra.grant, addMonths(monthOf(today), 1), {
        reviewMonths: reviewMonths(book, updated, today),
        payees: deps.payees,
        supportMode: extra.supportMode,
        today,
      });
    // 公示 on the village's page from the township's agreement; an objection withdraws it (the case goes back to 入户调查).
    if (updated.status === 'notice' && c.status !== 'notice') await startCaseNoticeInTx(deps, tx, updated, today);
    if (code === 'object') await deps.notices.withdrawInTx(tx, CASE_NOTICE, c.id);
    return { id: c.id, status: updated.status, version: updated.version };
  });
}

interface Prepared extends ActionRecord {
  grant?: Computation;
  /** 特困: the 供养方式 the approver chose (data.supportMode), else 分散供养 to be confirmed. */
  supportMode?: SupportModeValue;
}

/** What an action needs besides its order; may compute, and returns what to store with it. */
async function prepare(
  deps: Deps,
  ctx: Ctx,
  tx: Db,
  actor: Actor,
  c: CaseRow,
  code: ActionCode,
  input: ActInput,
  book: PolicyBook,
  today: string,
  cal: HolidayCalendar,
): Promise<Prepared> {
  const app = c.application as unknown as StoredApplication;
  const county = countyOf(c.divisionCode);
  const month = monthOf(today);
  switch (code) {
    case 'accept':
    case 'extend': {
      // Whole case: 30 working days from acceptance, 20 where approval is delegated, 45 extended.
      const acceptedOn = c.acceptedOn ?? today;
      const due = caseDue(acceptedOn, book.delegated(c.category, county, month), code === 'extend', cal);
      // An online application with its household proposed: accepting registers the household the
      // clerk has checked, and the case is that household's from now on (register-proposal.ts).
      const registered =
        code === 'accept' && c.householdId === null && c.status === 'submitted'
          ? await registerProposedHouseholdInTx(deps, tx, ctx, c)
          : null;
      return { set: { acceptedOn, caseDueDate: due.date, ...registered?.set }, data: registered?.data };
    }
    case 'request_check':
      // 低保审核确认办法: no economic check without the applicant's and members' authorisation.
      if (!app.checkAuthorised) throw AppError.conflict('未取得申请人及家庭成员的家庭经济状况核对授权，不能发起核对');
      {
        // The agencies asked: all seven unless the worker narrowed the list (data.agencies).
        const asked = input.data.agencies === undefined ? Object.keys(agencies) : parse(agencyList, input.data.agencies);
        const ordered = Object.keys(agencies).filter((a) => asked.includes(a));
        await tx
          .insert(assistanceChecks)
          .values({ caseId: c.id, householdId: registeredHouseholdId(c), divisionCode: c.divisionCode, agencies: ordered })
          .onConflictDoNothing();
        return { data: { agencies: ordered } };
      }
    case 'complete_check': {
      const [check] = await tx.select().from(assistanceChecks).where(eq(assistanceChecks.caseId, c.id)).for('update');
      if (check) {
        const open = (await findingsOf(tx, book, c, check.id)).filter((f) => !check.decisions[f.key]);
        if (open.length) throw AppError.conflict(`还有 ${open.length} 项核对发现未处理：${open.map((f) => f.label).join('、')}`);
        // Every asked agency must have replied; otherwise only with data.override and a reason, both
        // kept in the history with the agencies missing.
        const replied = await repliedAgencies(tx, check.id);
        const missing = check.agencies.filter((a) => !replied.includes(a));
        if (missing.length && input.data.override !== true) {
          throw new AppError('CONFLICT', `尚未收到：${agencyNames(missing)}的核对回复`, { missingAgencies: missing });
        }
        if (missing.length && !input.reason?.trim())
          throw AppError.field('reason', `未收到${agencyNames(missing)}的核对回复即完成核对，须说明理由`);
        await tx.update(assistanceChecks).set({ status: 'reviewed', updatedAt: new Date() }).where(eq(assistanceChecks.id, check.id));
        return {
          data: {
            override: missing.length > 0,
            agencies: replied,
            askedAgencies: check.agencies,
            ...(missing.length ? { missingAgencies: missing, missingAgencyNames: agencyNames(missing) } : {}),
          },
        };
      }
      return { data: { override: false, agencies: [] } };
    }
    case 'record_visit':
    case 'record_followup_visit':
      return { data: parse(visitData, input.data) };
    case 'township_agree': {
      const comp = await computeNow(tx, actor, c, book, addMonths(month, 1));
      if (!comp.eligible) throw new AppError('VALIDATION', `经核算不符合条件：${comp.failures.join('；')}`, { failures: comp.failures });
      // The agreement goes to 公示 only where the case needs one, and says so in the record (workflow.ts destination).
      return {
        set: { computation: comp as unknown as Record<string, unknown> },
        data: { monthlyFen: comp.monthlyFen, breakdown: comp.breakdown, notice: needsNotice(caseVariant(c, book, month)) },
      };
    }
    case 'approve': {
      assertMayApprove(actor, c, book, month, app.requestedAmountFen ?? 0);
      const comp = await computeNow(tx, actor, c, book, addMonths(month, 1));
      if (!comp.eligible)
        throw new AppError('VALIDATION', `经核算不符合条件，不能批准：${comp.failures.join('；')}`, { failures: comp.failures });
      const spot =
        c.category === 'tekun' && isBelowCounty(actor.divisionCode)
          ? await sampleForSpotCheck(tx, county, book.param('tekun_sample_rate', county, month))
          : null;
      const supportMode =
        c.category === 'tekun' && input.data.supportMode !== undefined
          ? parse(z.object({ supportMode: supportModeValue }), input.data).supportMode
          : undefined;
      return {
        grant: comp,
        supportMode,
        set: { computation: comp as unknown as Record<string, unknown>, spotCheck: spot },
        data: { monthlyFen: comp.monthlyFen, breakdown: comp.breakdown },
      };
    }
    case 'pay_first': {
      // 济时救: 急难型 first, paperwork after; above the township's limit only the county pays.
      if (c.temporaryType !== 'emergency') throw AppError.conflict('先行救助仅适用于急难型临时救助');
      // A household only proposed online is registered by the acceptance: accept first, then pay.
      registeredHouseholdId(c);
      const { amountFen } = parse(payFirstData, input.data);
      const limit = book.param('temporary_township_limit_fen', county, month);
      if (amountFen > limit && isBelowCounty(actor.divisionCode))
        throw AppError.forbidden(`超过乡镇审批额度 ${yuan(limit)} 元，须报县级民政部门审批`);
      if (isBelowCounty(actor.divisionCode)) {
        // Paid from the township's reserve fund (备用金) for the year.
        const township = townshipOf(c.divisionCode);
        const fund = book.param('temporary_reserve_fund_fen', county, month);
        const [{ spent }] = await rows<{ spent: number | string | null }>(
          tx,
          sql`select sum((a.data->>'amountFen')::bigint) as spent from assistance_actions a
          join assistance_cases k on k.id = a.case_id where a.action = 'pay_first' and ${withinDivision(sql`k.division_code`, township)}
            and a.at >= ${`${today.slice(0, 4)}-01-01T00:00:00+08:00`}::timestamptz`,
        );
        const left = fund - Number(spent ?? 0);
        if (amountFen > left)
          throw AppError.conflict(`乡镇临时救助备用金本年度余额 ${yuan(left)} 元，不足支付 ${yuan(amountFen)} 元，请报县级民政部门`);
      }
      await recordBenefitsInTx(
        tx,
        app.members
          .filter((m) => m.covered)
          .slice(0, 1)
          .map((m) => ({
            personId: m.personId,
            divisionCode: c.divisionCode,
            type: 'temporary',
            monthlyAmountFen: amountFen,
            startMonth: month,
            endMonth: month,
            sourceRef: `assistance_case:${c.id}`,
            note: '急难型临时救助（先行救助）',
          })),
      );
      return { data: { amountFen } };
    }
    case 'complete_paperwork':
      return {};
    case 'spot_check': {
      if (c.spotCheck !== 'required') throw AppError.conflict('此案件不在县级抽查范围内');
      if (isBelowCounty(actor.divisionCode)) throw AppError.forbidden('抽查由县级民政部门进行');
      const { result } = parse(spotCheckData, input.data);
      return { set: { spotCheck: result }, data: { result } };
    }
    default:
      return {};
  }
}

async function computeNow(tx: Db, actor: Actor, c: CaseRow, book: PolicyBook, month: string): Promise<Computation> {
  const app = c.application as unknown as StoredApplication;
  const facts = await loadHouseholdFacts(tx, actor, registeredHouseholdId(c));
  return compute(inputsFor(facts, app, month, book), book, { facts, app });
}

/**
 * Approval lies with the county, or the township where the category is delegated (Jining delegated
 * 低保/特困/临时救助). A staff relative's county visit is one of the required steps (workflow.ts).
 */
function assertMayApprove(actor: Actor, c: CaseRow, book: PolicyBook, month: string, amountFen: number): void {
  const county = countyOf(c.divisionCode);
  const isCounty = isCountyOrAbove(actor.divisionCode);
  if (!isCounty && !book.delegated(c.category, county, month)) throw AppError.forbidden('此类救助须由县级民政部门审批');
  if (!isCounty && c.category === 'temporary') {
    const limit = book.param('temporary_township_limit_fen', county, month);
    if (amountFen > limit) throw AppError.forbidden(`临时救助金额超过乡镇审批额度 ${yuan(limit)} 元，须报县级民政部门审批`);
  }
}

/** County checks ≥ rate of the 特困 files approved by townships: a file is sampled while the share sampled is below it. */
async function sampleForSpotCheck(tx: Db, county: string, rate: number): Promise<'required' | null> {
  const [r] = await tx
    .select({ total: count(), sampled: sql<number>`count(*) filter (where ${assistanceCases.spotCheck} is not null)` })
    .from(assistanceCases)
    .where(
      and(
        eq(assistanceCases.category, 'tekun'),
        eq(assistanceCases.status, 'approved'),
        withinDivision(assistanceCases.divisionCode, county),
      ),
    );
  return Number(r.sampled) < rate * (Number(r.total) + 1) ? 'required' : null;
}

function reviewMonths(book: PolicyBook, c: CaseRow, today: string): number {
  const interval = book.param('review_interval_months', countyOf(c.divisionCode), monthOf(today));
  return (c.application as unknown as StoredApplication).irregularIncome ? interval.irregular : interval.stable;
}

function parse<T>(schema: z.ZodType<T>, data: unknown): T {
  const r = schema.safeParse(data);
  if (!r.success) throw AppError.validation(r.error.issues.map((i) => ({ field: ['data', ...i.path].join('.'), message: i.message })));
  return r.data;
}
