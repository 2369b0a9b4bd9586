/**
 * The worklist of a module's cases (docs/rules.md "Who a case waits on"): the cases waiting on the
 * actor, soonest deadline first, with how many are past their deadline or near it, paged. The kernel
 * derives from the workflow which statuses the actor has a step from, puts each open case on exactly
 * one level's list (a township's handling stages wait on the township; a decision waits on the
 * township where the category is delegated to it, else on the county; the city supervises and has no
 * worklist), and reads the page and its counts in one statement each over the module's case table
 * inside the actor's scope. The module binds its table, columns, scope and what a row shows.
 */
import { and, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { isCountyOrAbove, levelOf } from '../../../shared/divisions.js';
import type { Actor } from '../context.js';
import type { Database } from '../db/index.js';
import { planOnce } from '../access/scope.js';
import { addWorkingDays, type HolidayCalendar } from './clocks.js';
import type { Workflow } from './workflow.js';

/** The statuses from which `actor` has a step to take (the worklist's filter, before the level's). */
export function statusesWaitingOn<S extends string, A extends string, C extends string, H>(
  workflow: Workflow<S, A, C, H>,
  actor: Actor,
): S[] {
  return (Object.keys(workflow.states) as S[]).filter((s) =>
    workflow.stepsFrom(s).some((code) => actor.permissions.has(workflow.actions[code].permission)),
  );
}

/** The module's columns the worklist filters and orders by. */
export interface WorklistColumns {
  id: AnyPgColumn;
  status: AnyPgColumn;
  category: AnyPgColumn;
  dueDate: AnyPgColumn;
}

/** Who decides: which statuses wait on the decision, and the categories whose decision the county delegated to the township. */
export interface WorklistLevels<S extends string, C extends string> {
  /** Whether a status waits on the decision (审批) rather than on the township's handling. */
  waitsOnDecision(status: S): boolean;
  /** Every category of the module. */
  categories: readonly C[];
  /** The categories a township decides for its county (asked only of a township or county actor). */
  delegated(): Promise<readonly C[]> | readonly C[];
}

/**
 * The condition on the case table selecting the cases waiting on `actor`, or null when none can
 * (the city; an actor without a step). Every category delegated: one status list, the index's plain range.
 */
export async function waitingOn<S extends string, A extends string, C extends string, H>(
  workflow: Workflow<S, A, C, H>,
  actor: Actor,
  columns: WorklistColumns,
  levels: WorklistLevels<S, C>,
): Promise<SQL | null> {
  if (levelOf(actor.divisionCode) === 'city') return null;
  const statuses = statusesWaitingOn(workflow, actor);
  const deciding = statuses.filter((s) => levels.waitsOnDecision(s));
  const delegated = await levels.delegated();
  if (isCountyOrAbove(actor.divisionCode)) {
    const decided = levels.categories.filter((c) => !delegated.includes(c));
    return deciding.length && decided.length ? and(inArray(columns.status, deciding), inArray(columns.category, decided))! : null;
  }
  const handling = statuses.filter((s) => !levels.waitsOnDecision(s));
  if (delegated.length === levels.categories.length) return statuses.length ? inArray(columns.status, statuses) : null;
  const parts = [
    ...(handling.length ? [inArray(columns.status, handling)] : []),
    ...(deciding.length && delegated.length ? [and(inArray(columns.status, deciding), inArray(columns.category, delegated))!] : []),
  ];
  return parts.length ? or(...parts)! : null;
}

/** What the module reads for a worklist: its case table in the actor's scope, and what a row shows. */
export interface WorklistSource {
  table: PgTable;
  columns: WorklistColumns;
  /** The actor's scope on the case table (docs/architecture.md "Request path" 4). */
  scope: SQL;
  /** The row's columns over the cases as `c` (and the module's joins). */
  select: SQL;
  /** Joined to `c` for the rows (the applicant's name …). */
  joins?: SQL;
}

export interface WorklistPage<R> {
  items: R[];
  total: number;
  page: number;
  pageSize: number;
  /** Due from today to one working day on. */
  nearDue: number;
  /** Past the deadline. */
  overdue: number;
}

/**
 * The page of cases waiting on the actor (`waiting`, from `waitingOn`), soonest deadline first, and
 * the counts of all of them: one statement for the page and one for the counts, each prepared once
 * per connection where the actor's plan does not depend on the values (a township's, `planOnce`).
 */
export async function worklistPage<R>(
  database: Database,
  actor: Actor,
  source: WorklistSource,
  waiting: SQL | null,
  input: { page: number; pageSize: number },
  clock: { today: string; cal: HolidayCalendar },
): Promise<WorklistPage<R>> {
  const { page, pageSize } = input;
  if (!waiting) return { items: [], total: 0, page, pageSize, nearDue: 0, overdue: 0 };
  const { today, cal } = clock;
  const col = (c: AnyPgColumn) => sql`c.${sql.identifier(c.name)}`;
  const { id, dueDate } = source.columns;
  const cases = sql`with c as (select * from ${source.table} where ${and(source.scope, waiting)})`;
  const once = planOnce(actor);
  const [items, [counts]] = await Promise.all([
    database.read<R>(
      sql`${cases} select ${source.select} from c ${source.joins ?? sql``}
      order by ${col(dueDate)} nulls last, ${col(id)} limit ${pageSize} offset ${(page - 1) * pageSize}`,
      once,
    ),
    database.read<{ n: number | string; overdue: number | string; soon: number | string }>(
      sql`${cases} select count(*) as n,
      count(*) filter (where ${col(dueDate)} < ${today}) as overdue,
      count(*) filter (where ${col(dueDate)} >= ${today} and ${col(dueDate)} <= ${addWorkingDays(today, 1, cal).date}) as soon
      from c`,
      once,
    ),
  ]);
  return { items, total: Number(counts.n), page, pageSize, nearDue: Number(counts.soon), overdue: Number(counts.overdue) };
}
