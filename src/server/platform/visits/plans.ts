/**
 * The visit plans of a programme (docs/rules.md "Visits (探访)"): every person the programme's fragment
 * holds inside the viewer's scope, with the worker assigned, the last visit and the due date — the last
 * visit's Asia/Shanghai date (or the plan's start) plus the interval of the frequency in force for the
 * person's county this month, counted in calendar or working days (the holiday calendar). Overdue
 * (超期) when the due date is before the Shanghai today, 临期 when it is within the value's near window.
 * One statement reads the people of the scope; the clock is counted in memory, so a worker's worklist,
 * a division's list, its counts and its export are the same rows (docs/decisions.md 37).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Deps } from '../deps.js';
import type { Actor } from '../context.js';
import type { Db } from '../db/index.js';
import { rows } from '../db/index.js';
import { assertWritableDivision, scopeWhere, withinDivision } from '../access/scope.js';
import { AppError } from '../errors.js';
import { PolicyBook } from '../policy/book.js';
import { addWorkingDays, workingDaysLeft, type HolidayCalendar } from '../calendar/working-days.js';
import { addDays, daysBetween, monthOf, shanghaiToday } from '../../../shared/dates.js';
import { countyOf } from '../../../shared/divisions.js';
import { intervalFor, visitClocks, visitFrequencyValue, type VisitFrequency } from '../../../shared/visits/frequency.js';
import { planStates, type PlanState, type VisitCounts, type VisitPlan } from '../../../shared/visits/visits.js';
import type { VisitProgramme } from './programmes.js';

export interface PlanFilter {
  /** A division inside the viewer's scope (its subtree). */
  divisionCode?: string;
  /** Only this worker's people. */
  workerUserId?: number;
  /** Only this person. */
  personId?: number;
  state?: PlanState;
  unassigned?: boolean;
  name?: string;
}

interface Row {
  person_id: string | number;
  division_code: string;
  category: string;
  risk: string;
  since: string;
  name: string | null;
  division_name: string | null;
  worker_user_id: string | number | null;
  worker_name: string | null;
  last_visited_at: Date | string | null;
}

/** The members fragment's columns as the scope layer takes them (the platform's one scope rule). */
const member = {
  division: sql.raw('m.division_code') as unknown as AnyPgColumn,
  person: sql.raw('m.person_id') as unknown as AnyPgColumn,
};

/** The people of the programme inside the actor's scope (and the filter's division, worker, person), with their plans. */
export async function plansOf(
  deps: Deps,
  actor: Actor,
  p: VisitProgramme,
  f: PlanFilter = {},
  db: Db = deps.database.db,
): Promise<VisitPlan[]> {
  if (f.divisionCode) assertWritableDivision(actor, f.divisionCode, 'divisionCode');
  const within = f.divisionCode ?? actor.divisionCode;
  const conds: SQL[] = [scopeWhere(actor, member)];
  if (f.divisionCode) conds.push(withinDivision(sql`m.division_code`, f.divisionCode));
  if (f.workerUserId !== undefined) conds.push(sql`a.worker_user_id = ${f.workerUserId}`);
  if (f.personId !== undefined) conds.push(sql`m.person_id = ${f.personId}`);
  if (f.unassigned) conds.push(sql`a.worker_user_id is null`);
  const found = await rows<Row>(
    db,
    sql`select m.person_id, m.division_code, m.category, m.risk, m.since::text as since,
        ${p.personName(sql`m.person_id`)} as name, d.name as division_name,
        a.worker_user_id, u.display_name as worker_name, lv.visited_at as last_visited_at
      from (${p.members({ within })}) m
      left join visit_assignments a on a.programme = ${p.programme} and a.person_id = m.person_id and a.to_date is null
      left join users u on u.id = a.worker_user_id
      left join divisions d on d.code = m.division_code
      left join lateral (select max(v.visited_at) as visited_at from visits v
        where v.programme = ${p.programme} and v.person_id = m.person_id) lv on true
      where ${sql.join(conds, sql` and `)}`,
  );
  const [book, cal] = await Promise.all([PolicyBook.cached(db, p.frequency.policyModule), deps.calendar.get(db)]);
  const today = shanghaiToday();
  let plans = found.map((r) => planOf(p, r, frequencyOf(book, p, countyOf(r.division_code), monthOf(today)), today, cal));
  if (f.state) plans = plans.filter((x) => x.state === f.state);
  if (f.name) plans = plans.filter((x) => x.name.startsWith(f.name!));
  return plans.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.personId - b.personId));
}

/** The frequency in force for a county this month (the module's dated value). */
export function frequencyOf(book: PolicyBook, p: VisitProgramme, countyCode: string, month: string): VisitFrequency {
  const v = book.value(p.frequency.kind, countyCode, month);
  if (!v) throw AppError.conflict(`${p.name}尚未设置探访周期，请先在政策参数中设置`);
  return visitFrequencyValue.parse(v.value);
}

/** The due date and state of one person's plan on `today`. */
export function dueOf(
  f: VisitFrequency,
  from: string,
  days: number,
  today: string,
  cal: HolidayCalendar,
): { dueDate: string; daysLeft: number; state: PlanState; provisional: boolean } {
  if (f.clock === 'calendar') {
    const dueDate = addDays(from, days);
    const daysLeft = daysBetween(today, dueDate);
    return { dueDate, daysLeft, state: stateOf(dueDate, today, daysLeft, f.nearDays), provisional: false };
  }
  const due = addWorkingDays(from, days, cal);
  const left = workingDaysLeft(today, due.date, cal);
  return {
    dueDate: due.date,
    daysLeft: left.days,
    state: stateOf(due.date, today, left.days, f.nearDays),
    provisional: due.provisional || left.provisional,
  };
}

const stateOf = (due: string, today: string, daysLeft: number, nearDays: number): PlanState =>
  due < today ? 'overdue' : daysLeft <= nearDays ? 'near' : 'ok';

function planOf(p: VisitProgramme, r: Row, f: VisitFrequency, today: string, cal: HolidayCalendar): VisitPlan {
  const last = r.last_visited_at === null ? null : new Date(r.last_visited_at);
  const from = last ? shanghaiToday(last) : r.since;
  const intervalDays = intervalFor(f, r.category, r.risk);
  const due = dueOf(f, from, intervalDays, today, cal);
  return {
    personId: Number(r.person_id),
    name: r.name ?? '',
    divisionCode: r.division_code,
    divisionName: r.division_name ?? r.division_code,
    category: r.category,
    categoryName: p.categories[r.category] ?? r.category,
    risk: r.risk,
    riskName: p.risks[r.risk] ?? r.risk,
    workerUserId: r.worker_user_id === null ? null : Number(r.worker_user_id),
    workerName: r.worker_name,
    lastVisitedAt: last ? toShanghai(last) : null,
    since: r.since,
    intervalDays,
    clock: f.clock,
    clockName: visitClocks[f.clock],
    ...due,
    stateName: planStates[due.state],
  };
}

export function countsOf(plans: VisitPlan[]): VisitCounts {
  return {
    total: plans.length,
    overdue: plans.filter((x) => x.state === 'overdue').length,
    near: plans.filter((x) => x.state === 'near').length,
    unassigned: plans.filter((x) => x.workerUserId === null).length,
  };
}

/** A person of the programme inside the actor's scope, or 404 as for a missing one. */
export async function planInScope(deps: Deps, actor: Actor, p: VisitProgramme, personId: number, db?: Db): Promise<VisitPlan> {
  const [plan] = await plansOf(deps, actor, p, { personId }, db);
  if (!plan) throw AppError.notFound('探访对象');
  return plan;
}

/** ISO 8601 with +08:00 (docs/api.md "Conventions"). */
export function toShanghai(d: Date): string {
  return `${new Date(d.getTime() + 8 * 3600_000).toISOString().replace('Z', '')}+08:00`;
}
