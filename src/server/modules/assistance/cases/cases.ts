/**
 * Reading cases: the list with filters, the worklist (cases waiting on the actor, days left, near
 * or past the deadline highlighted), and a case file with its history and the actions allowed now.
 */
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Actor, Ctx } from '../../../platform/context.js';
import { planOnce, requireActor, withinDivision } from '../../../platform/access/scope.js';
import { likePrefix, rows } from '../../../platform/db/index.js';
import { AppError } from '../../../platform/errors.js';
import type { Page } from '../../../../shared/paging.js';
import type { CaseDetail, CaseRow, ListCasesInput, Worklist } from '../../../../shared/assistance/cases.js';
import type { StoredApplicationAnswer } from '../../../../shared/assistance/applications.js';
import { crossesUnenteredYear, workingDaysLeft, type HolidayCalendar } from '../../../platform/calendar/working-days.js';
import {
  statusesWaitingOn as kernelStatusesWaitingOn,
  waitingOn as kernelWaitingOn,
  worklistPage,
} from '../../../platform/casework/worklist.js';
import { monthOf, shanghaiToday } from '../../../../shared/dates.js';
import { countyOf } from '../../../../shared/divisions.js';
import { maskIdNumber } from '../../../../shared/mask.js';
import { assistanceCategories, caseStatuses, type AssistanceCategory, type CaseStatus } from '../../../../shared/assistance-codes.js';
import { actions, allowedActions, caseWorkflow, dutyConflict, finalStatuses, waitsOnDecision, whyNot, type ActionDef } from './workflow.js';
import { assistanceActions, assistanceCases, assistanceEntitlements } from '../schema.js';
import { caseScope, caseVariant } from './case-store.js';
import { PolicyBook } from '../policy/policy.js';
import { householdMembersOf, personsView } from '../../registry/read.js';
import { FieldView } from '../../../platform/crypto/field-view.js';

/** A case as the lists show it (the contract: src/shared/assistance/cases.ts). */
export type CaseListRow = CaseRow;

interface CaseDbRow {
  id: number | string;
  case_no: string;
  category: AssistanceCategory;
  status: CaseStatus;
  applicant_name: string;
  division_code: string;
  division_name: string | null;
  channel: 'window' | 'online';
  staff_relative: boolean;
  due_date: string | null;
  due_provisional: boolean;
  case_due_date: string | null;
  created_at: string | Date;
  temporary_type: string | null;
  most_urgent: boolean | null;
}

const listColumns = sql`c.id, c.case_no, c.category, c.status, p.name as applicant_name, c.division_code,
  (select full_name from divisions d where d.code = c.division_code) as division_name, c.channel, c.staff_relative,
  c.due_date::text as due_date, c.due_provisional, c.case_due_date::text as case_due_date, c.created_at,
  c.temporary_type, (c.application->>'mostUrgent')::boolean as most_urgent`;
/** The applicant's name beside the case (the registry's person view, inlined into the statement). */
const applicantJoin = sql`join ${personsView} p on p.id = c.applicant_person_id`;

function toRow(r: CaseDbRow, cal: HolidayCalendar, today: string): CaseListRow {
  const open = !finalStatuses.includes(r.status);
  const left = open && r.due_date ? workingDaysLeft(today, r.due_date, cal) : null;
  return {
    id: Number(r.id),
    caseNo: r.case_no,
    category: r.category,
    categoryName: assistanceCategories[r.category],
    status: r.status,
    statusName: caseStatuses[r.status],
    applicantName: r.applicant_name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    channel: r.channel,
    staffRelative: r.staff_relative,
    dueDate: open ? r.due_date : null,
    daysLeft: left ? left.days : null,
    dueProvisional: open && (r.due_provisional || Boolean(left?.provisional)),
    caseDueDate: open ? r.case_due_date : null,
    createdAt: new Date(r.created_at).toISOString(),
    // The whole-case limit is working days too: provisional while a year it runs through has no holidays entered.
    caseDueProvisional:
      open && r.case_due_date !== null && crossesUnenteredYear(shanghaiToday(new Date(r.created_at)), r.case_due_date, cal),
    urgentDueAt:
      r.temporary_type === 'emergency' && (r.status === 'submitted' || r.status === 'accepted')
        ? new Date(new Date(r.created_at).getTime() + (r.most_urgent ? 2 : 24) * 3600_000).toISOString()
        : null,
  };
}

/**
 * The cases in scope (with filters on the case itself) as `c`. With a name to match, the CTE is
 * materialised: the planner then joins the few cases of a township to persons by key instead of
 * scanning every person of a common surname (200,000 recipients: 46 ms → under 1 ms).
 */
function scopedCases(actor: Actor, filters: SQL[], fence: boolean): SQL {
  return sql`with c as ${fence ? sql`materialized ` : sql``}(select * from ${assistanceCases} where ${and(caseScope(actor), ...filters)})`;
}

export async function listCases(deps: Deps, ctx: Ctx, input: ListCasesInput): Promise<Page<CaseListRow>> {
  const actor = requireActor(ctx.actor);
  const filters: SQL[] = [];
  if (input.status) filters.push(eq(assistanceCases.status, input.status));
  if (input.category) filters.push(eq(assistanceCases.category, input.category));
  if (input.divisionCode) filters.push(withinDivision(assistanceCases.divisionCode, input.divisionCode));
  const cases = scopedCases(actor, filters, Boolean(input.q));
  const match = input.q ? sql`(c.case_no = ${input.q} or ${likePrefix(sql`p.name`, input.q)})` : sql`true`;
  const once = planOnce(actor);
  const [list, [{ n }]] = await Promise.all([
    deps.database.read<CaseDbRow>(
      sql`${cases} select ${listColumns} from c ${applicantJoin} where ${match}
      order by c.id desc limit ${input.pageSize} offset ${(input.page - 1) * input.pageSize}`,
      once,
    ),
    deps.database.read<{ n: number | string }>(sql`${cases} select count(*) as n from c ${applicantJoin} where ${match}`, once),
  ]);
  await deps.readAudit.record(ctx, {
    action: 'assistance_case.search',
    details: { filter: { ...input, q: input.q ? '(已提供)' : undefined }, total: Number(n) },
  });
  const cal = await deps.calendar.get();
  const today = shanghaiToday();
  return { items: list.map((r) => toRow(r, cal, today)), total: Number(n), page: input.page, pageSize: input.pageSize };
}

/** The statuses from which `actor` has a step to take (the worklist's filter, before the level's). */
export function statusesWaitingOn(actor: Actor): CaseStatus[] {
  return kernelStatusesWaitingOn(caseWorkflow, actor);
}

const categories = Object.keys(assistanceCategories) as AssistanceCategory[];

/**
 * The cases waiting on `actor`, each on exactly one level's worklist (the kernel's worklist,
 * platform/casework/worklist.ts): a township's handling stages wait on the township; a decision
 * (审批) waits on the township where the county delegated that category to it (policy
 * `approval_delegated`), else on the county. So a county's worklist never holds a township's stage,
 * which it could not act on and whose deadline is the township's. The city supervises through the
 * lists and statistics and has no worklist of its own.
 */
function waitingOn(deps: Deps, actor: Actor): Promise<SQL | null> {
  return kernelWaitingOn(caseWorkflow, actor, caseColumns, {
    waitsOnDecision,
    categories,
    async delegated() {
      const book = await PolicyBook.cached(deps.database.db);
      const month = monthOf(shanghaiToday());
      return categories.filter((c) => book.delegated(c, countyOf(actor.divisionCode), month));
    },
  });
}

const caseColumns = {
  id: assistanceCases.id,
  status: assistanceCases.status,
  category: assistanceCases.category,
  dueDate: assistanceCases.dueDate,
};

/** Cases waiting on the actor, soonest deadline first, with counts of those near (≤ 1 working day) and past it. */
export async function worklist(deps: Deps, ctx: Ctx, input: { page: number; pageSize: number }): Promise<Worklist> {
  const actor = requireActor(ctx.actor);
  const waiting = await waitingOn(deps, actor);
  const cal = await deps.calendar.get();
  const today = shanghaiToday();
  const page = await worklistPage<CaseDbRow>(
    deps.database,
    actor,
    { table: assistanceCases, columns: caseColumns, scope: caseScope(actor), select: listColumns, joins: applicantJoin },
    waiting,
    input,
    { today, cal },
  );
  return { ...page, items: page.items.map((r) => toRow(r, cal, today)) };
}

/** A case file: the application with member names, history, computation, entitlement, allowed actions. */
export async function openCase(deps: Deps, ctx: Ctx, id: number): Promise<CaseDetail> {
  const actor = requireActor(ctx.actor);
  const db = deps.database.db;
  const [c] = await db
    .select()
    .from(assistanceCases)
    .where(and(eq(assistanceCases.id, id), caseScope(actor)));
  if (!c) throw AppError.notFound('救助案件');
  const cal = await deps.calendar.get();
  const today = shanghaiToday();
  const [[head], history, [entitlement], members, book] = await Promise.all([
    rows<CaseDbRow>(db, sql`select ${listColumns} from assistance_cases c ${applicantJoin} where c.id = ${id}`),
    db.select().from(assistanceActions).where(eq(assistanceActions.caseId, id)).orderBy(asc(assistanceActions.id)),
    db.select().from(assistanceEntitlements).where(eq(assistanceEntitlements.caseId, id)).orderBy(desc(assistanceEntitlements.id)).limit(1),
    rows<{
      id: number | string;
      name: string;
      relation: string | null;
      id_number_enc: string | null;
      birth_date: string | null;
      hukou_type: 'urban' | 'rural';
    }>(
      db,
      sql`select p.id, p.name, p.relation, p.id_number_enc, p.birth_date::text as birth_date, p.hukou_type
        from ${householdMembersOf(c.householdId)} p order by p.id`,
    ),
    PolicyBook.load(db),
  ]);
  await deps.readAudit.record(ctx, {
    action: 'assistance_case.open',
    objectType: 'assistance_case',
    objectId: id,
    details: { caseNo: c.caseNo },
  });
  const status = c.status as CaseStatus;
  const view = new FieldView(deps, ctx);
  return {
    ...toRow(head, cal, today),
    version: c.version,
    temporaryType: c.temporaryType,
    householdId: c.householdId,
    applicantPersonId: c.applicantPersonId,
    noticeEnds: c.noticeEnds,
    acceptedOn: c.acceptedOn,
    spotCheck: c.spotCheck,
    // The stored jsonb as the application wrote it (application.ts StoredApplication).
    application: c.application as unknown as StoredApplicationAnswer,
    bankName: c.bankName,
    bankAccountMasked: view.show(c.bankAccountEnc, { objectType: 'assistance_case', objectId: id, field: 'bankAccount' }, maskAccount),
    members: members.map((m) => ({
      personId: Number(m.id),
      name: m.name,
      relation: m.relation,
      birthDate: m.birth_date,
      hukouType: m.hukou_type,
      idNumberMasked: view.show(m.id_number_enc, { objectType: 'person', objectId: Number(m.id), field: 'idNumber' }, maskIdNumber),
    })),
    computation: c.computation as unknown as CaseDetail['computation'],
    entitlement: entitlement
      ? {
          id: entitlement.id,
          monthlyFen: entitlement.monthlyFen,
          breakdown: entitlement.breakdown,
          startMonth: entitlement.startMonth,
          endMonth: entitlement.endMonth,
          status: entitlement.status,
        }
      : null,
    deadline: book.deadline(c.category, status, countyOf(c.divisionCode), monthOf(today)),
    history: history.map((h) => ({
      id: h.id,
      action: h.action,
      label: (actions as Record<string, ActionDef>)[h.action]?.label ?? h.action,
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      actorName: h.actorName,
      at: h.at.toISOString(),
      reason: h.reason,
      data: h.data,
      fileIds: h.fileIds,
    })),
    allowedActions: allowedActions(c.category, status, actor.permissions).map((code) => ({
      code,
      label: actions[code].label,
      reasonRequired: Boolean((actions[code] as ActionDef).reasonRequired),
      // Shown beside the button: a required step not done yet, or separation of duties.
      blockedReason:
        whyNot(c.category, status, code, { variant: caseVariant(c, book, monthOf(today)), recorded: history }) ??
        dutyConflict(code, history, actor.userId, book.param('separation_of_duties', countyOf(c.divisionCode), monthOf(today))),
    })),
  };
}

/** Bank accounts: first 4 and last 4 digits. */
export function maskAccount(account: string): string {
  return account.length <= 8 ? '*'.repeat(account.length) : `${account.slice(0, 4)}${'*'.repeat(account.length - 8)}${account.slice(-4)}`;
}
