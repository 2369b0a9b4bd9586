/**
 * Z2, generated: the figures walk. The figure-bearing endpoints are found in the app's route table
 * (every GET route is called once by a city-level user holding its permission: a URL with /stats or
 * /summary, a JSON body with count or amount fields beside a list, or a PDF with a 合计 line is a
 * figure), and each must have an entry in `figures` (the lists it must equal and how they are
 * summed) or in `exempt` (why it is no figure): a new module's statistics cannot be forgotten. Then
 * every built-in role holding an endpoint's permission, at every level of the division tree (a
 * village, two townships of 任城区, 任城区 itself, 兖州区, the city) and as organisation staff, calls
 * the figure and the lists it must equal, paging through every list, and each figure is compared
 * with the sum of the rows the same user may list. A user whose role may read the figure but not
 * the list (org_staff: statistics, no assistance rows) is compared with a reader of the same
 * division and organisation holding the list's permission. Every mismatch is reported in one
 * assertion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { startTestApp, places, type Client, type TestApp } from '../testing/harness.js';
import { rows } from '../platform/db/index.js';
import { addWorkingDays } from '../platform/calendar/working-days.js';
import { pdfText } from '../platform/pdf/pdf-text.testing.js';
import { addDays, addMonths, monthOf, shanghaiToday } from '../../shared/dates.js';
import { townshipOf } from '../../shared/divisions.js';
import { defaultRoles } from '../../shared/permissions.js';
import { assistanceCategories } from '../../shared/assistance-codes.js';
import { caseHelpers, upload, type Household } from '../modules/assistance/testing.js';
import { generateResidentId } from '../../shared/validation/resident-id.js';

let t: TestApp;
const today = shanghaiToday();
const thisMonth = monthOf(today);
const nextMonth = addMonths(thisMonth, 1);

/** The levels every role is walked at. */
const levels = {
  village: places.renchengVillageA,
  townshipA: places.renchengTownshipA,
  townshipB: places.renchengTownshipB,
  county: places.rencheng,
  otherCounty: places.yanzhou,
  city: places.city,
} as const;

interface Walker {
  /** `role@level`, `+org` for organisation staff. */
  label: string;
  /** The built-in roles it holds (the first names it in the report). */
  roles: string[];
  divisionCode: string;
  organisationId: number | null;
  permissions: Set<string>;
  client: Client;
  /** A user of the same division and organisation who may list every row the figures count (the walker itself where it may). */
  reader: Client;
  /** Ids of the jobs it started. */
  jobs: number[];
  kind: 'staff' | 'resident';
}

const walkers: Walker[] = [];
let rolePermissions = new Map<string, Set<string>>();
let resident: Client;
let admin: Walker;
let orgId = 0;
let renchengRoll = 0;
const h: Record<'a1' | 'a2' | 'b1' | 'y1', Household> = {} as never;
/** The counties holding entitlements (from the data, not a user's view): the stats group by them. */
let dataCounties: { code: string; name: string }[] = [];

// ---------------------------------------------------------------------------------------------
// Reading as a user

async function json<T = Record<string, unknown>>(client: Client, url: string): Promise<T> {
  const res = await client.get(url);
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}

/** Every item of a paged list (200 a page), with the `total` and the body of its first page. */
async function all<T = Record<string, unknown>>(
  client: Client,
  url: string,
): Promise<{ items: T[]; total: number; first: Record<string, unknown> }> {
  const items: T[] = [];
  let first: Record<string, unknown> | null = null;
  for (let page = 1; ; page++) {
    const body = await json(client, `${url}${url.includes('?') ? '&' : '?'}page=${page}&pageSize=200`);
    first ??= body;
    items.push(...(body.items as T[]));
    if ((body.items as T[]).length < 200) return { items, total: Number(first.total), first };
  }
}

const sum = <T>(list: T[], f: (x: T) => number) => list.reduce((s, x) => s + f(x), 0);

// ---------------------------------------------------------------------------------------------
// What a user may list, summed as the figures sum it

interface Entitlement {
  category: string;
  status: string;
  startMonth: string;
  endMonth: string | null;
  monthlyFen: number;
  coveredCount: number;
}
interface Line {
  benefitType: string;
  amountFen: number;
  coveredCount: number;
  paymentStatus: string;
}
interface Roll {
  id: number;
  month: string;
  lines: number;
  totalFen: number;
  jobId: number | null;
}

const inForce = (e: { status?: string; startMonth: string; endMonth: string | null }, month: string) =>
  (e.status === undefined || e.status === 'active') && e.startMonth <= month && (e.endMonth === null || e.endMonth >= month);

/** Entitlements in force in `month` the reader lists, by `county/category`: households, recipients, monthly amount. */
async function entitlementGroups(reader: Client, month: string) {
  const groups: Record<string, { households: number; persons: number; monthlyFen: number }> = {};
  for (const county of dataCounties) {
    const listed = (await all<Entitlement>(reader, `/api/assistance/entitlements?divisionCode=${county.code}`)).items;
    for (const e of listed.filter((x) => inForce(x, month))) {
      const g = (groups[`${county.code}/${e.category}`] ??= { households: 0, persons: 0, monthlyFen: 0 });
      g.households++;
      g.persons += e.coveredCount;
      g.monthlyFen += e.monthlyFen;
    }
  }
  const everything = (await all<Entitlement>(reader, '/api/assistance/entitlements')).items.filter((x) => inForce(x, month));
  return { groups, everything };
}

/** Roll lines of the twelve months up to `month` the reader lists, by `month/category`: paid, failed, 未回盘, lines. */
async function spendingGroups(reader: Client, month: string) {
  const groups: Record<string, { paidFen: number; failedFen: number; pendingFen: number; lines: number }> = {};
  const rolls = (await all<Roll>(reader, '/api/payments/assistance/rolls')).items.filter(
    (r) => r.month > addMonths(month, -12) && r.month <= month,
  );
  for (const roll of rolls) {
    for (const l of (await all<Line>(reader, `/api/payments/assistance/rolls/${roll.id}/lines`)).items) {
      const g = (groups[`${roll.month}/${l.benefitType}`] ??= { paidFen: 0, failedFen: 0, pendingFen: 0, lines: 0 });
      g.lines++;
      if (l.paymentStatus === 'paid') g.paidFen += l.amountFen;
      else if (l.paymentStatus === 'failed') g.failedFen += l.amountFen;
      else if (['pending', 'reissued'].includes(l.paymentStatus)) g.pendingFen += l.amountFen;
    }
  }
  return groups;
}

/** Persons with a benefit record in force in `month` the reader lists, by benefit type. */
async function difficultyGroups(reader: Client, month: string) {
  const benefits = await json<{ personId: number; type: string; startMonth: string; endMonth: string | null }[]>(reader, '/api/benefits');
  const byType = new Map<string, Set<number>>();
  for (const b of benefits.filter((x) => inForce(x, month))) byType.set(b.type, (byType.get(b.type) ?? new Set()).add(b.personId));
  return Object.fromEntries([...byType].map(([k, v]) => [k, v.size]));
}

// ---------------------------------------------------------------------------------------------
// The comparison and its report

const mismatches: string[] = [];
/** endpoint → walker label → comparisons made. */
const pairs = new Map<string, Map<string, number>>();

type Say = (what: string, figure: unknown, list: unknown) => void;

function sayer(endpoint: string, w: Walker): Say {
  return (what, figure, list) => {
    const of = pairs.get(endpoint) ?? new Map<string, number>();
    pairs.set(endpoint, of.set(w.label, (of.get(w.label) ?? 0) + 1));
    if (JSON.stringify(sorted(figure)) !== JSON.stringify(sorted(list)))
      mismatches.push(`${endpoint} as ${w.label}: ${what}: figure ${JSON.stringify(figure)} ≠ list ${JSON.stringify(list)}`);
  };
}

/** Objects with their keys sorted, so that two groupings compare by content. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.keys(v)
        .sort()
        .map((k) => [k, sorted((v as Record<string, unknown>)[k])]),
    );
  return v;
}

/** Compares two groupings key by key (a key on one side only is a mismatch). */
function sayGroups(say: Say, what: string, figure: Record<string, unknown>, list: Record<string, unknown>) {
  for (const key of [...new Set([...Object.keys(figure), ...Object.keys(list)])].sort())
    say(`${what}[${key}]`, figure[key] ?? null, list[key] ?? null);
}

/** A paged list whose `total` must be its rows, with `extra` comparisons of the same rows. */
function pagedList(
  lists: string,
  variants: string[],
  extra?: (w: Walker, say: Say, list: Awaited<ReturnType<typeof all>>) => Promise<void>,
): FigureEntry {
  return {
    lists: [lists],
    equals: `total = the rows of ${variants.map((v) => lists + v).join(', of ')}, paged to the end`,
    async check(w, say) {
      for (const v of variants) {
        const list = await all(w.client, `${lists.replace(/^GET /, '')}${v}`);
        say(`total${v}`, list.total, list.items.length);
        await extra?.(w, say, list);
      }
    },
  };
}

/** 部门比对名单: each file's counts = its lines by outcome; the lines' total = the lines listed. */
function agencyFileFigures(): Record<string, FigureEntry> {
  const base = '/api/agency-files';
  const lists = [`GET ${base}`, `GET ${base}/:id/lines`];
  type File = { id: number; counts: Record<string, number> };
  const countsOf = (lines: { outcome: string }[]) => {
    const c: Record<string, number> = {
      total: lines.length,
      matched: 0,
      conflict: 0,
      unmatched: 0,
      duplicate: 0,
      invalid: 0,
      applied: 0,
      dismissed: 0,
    };
    for (const l of lines) c[l.outcome]++;
    return c;
  };
  const linesOf = async (w: Walker, id: number, v = '') => all<{ outcome: string }>(w.client, `${base}/${id}/lines${v}`);
  return {
    [`GET ${base}`]: pagedList(`GET ${base}`, ['', '?kind=deaths'], async (w, say, list) => {
      for (const f of list.items as unknown as File[]) say(`file ${f.id} counts`, f.counts, countsOf((await linesOf(w, f.id)).items));
    }),
    [`GET ${base}/:id`]: {
      lists,
      equals: `for each file of ${base}: counts = the lines of ${base}/:id/lines by outcome`,
      async check(w, say) {
        for (const f of (await all<File>(w.client, base)).items)
          say(`file ${f.id} counts`, (await json<File>(w.client, `${base}/${f.id}`)).counts, countsOf((await linesOf(w, f.id)).items));
      },
    },
    [`GET ${base}/:id/lines`]: {
      lists,
      equals: `for each file of ${base}: total = the lines listed, for each outcome filter`,
      async check(w, say) {
        for (const f of (await all<File>(w.client, base)).items)
          for (const v of ['', '?outcome=unmatched', '?outcome=matched']) {
            const list = await linesOf(w, f.id, v);
            say(`file ${f.id}${v} total`, list.total, list.items.length);
          }
      },
    },
  };
}

/**
 * A visit programme's lists (platform/visits): counts = the plans listed, by state and worker; the counts by
 * division = the plans under each row's division.
 */
function visitFigures(programme: string): Record<string, FigureEntry> {
  const base = `/api/visits/${programme}`;
  type Plan = { divisionCode: string; state: string; workerUserId: number | null };
  const countsOf = (plans: Plan[]) => ({
    total: plans.length,
    overdue: plans.filter((p) => p.state === 'overdue').length,
    near: plans.filter((p) => p.state === 'near').length,
    unassigned: plans.filter((p) => p.workerUserId === null).length,
  });
  const paged = (url: string): FigureEntry => ({
    lists: [`GET ${url}`],
    equals: `total and counts {total, overdue, near, unassigned} = the rows of ${url}, paged to the end, by state and worker`,
    async check(w, say) {
      const list = await all<Plan>(w.client, url);
      say('total', list.total, list.items.length);
      say('counts', list.first.counts, countsOf(list.items));
    },
  });
  return {
    [`GET ${base}/plans`]: paged(`${base}/plans`),
    [`GET ${base}/mine`]: paged(`${base}/mine`),
    [`GET ${base}/counts`]: {
      lists: [`GET ${base}/plans`],
      equals: 'all = the counts of every plan listed; each row (a division one level below the user) = the plans listed under it',
      async check(w, say) {
        const c = await json<{ rows: ({ divisionCode: string } & Record<string, number>)[]; all: Record<string, number> }>(
          w.client,
          `${base}/counts`,
        );
        const plans = (await all<Plan>(w.client, `${base}/plans`)).items;
        say('all', c.all, countsOf(plans));
        for (const { divisionCode, ...row } of c.rows)
          say(divisionCode, row, countsOf(plans.filter((p) => p.divisionCode.startsWith(divisionCode))));
      },
    },
  };
}

/** The roll endpoints of a payment programme other than social assistance's (高龄津贴): headers and the printed 合计 = its lines. */
function programmeRolls(programme: string): Record<string, FigureEntry> {
  const base = `/api/payments/${programme}/rolls`;
  const lists = [`GET ${base}`, `GET ${base}/:id/lines`];
  const linesOf = async (w: Walker, id: number, v = '') => all<Line>(w.client, `${base}/${id}/lines${v}`);
  return {
    [`GET ${base}`]: pagedList(`GET ${base}`, ['', `?month=${nextMonth}`], async (w, say, list) => {
      for (const roll of list.items as unknown as Roll[]) {
        const lines = (await linesOf(w, roll.id)).items;
        say(`roll ${roll.id} lines`, roll.lines, lines.length);
        say(
          `roll ${roll.id} totalFen`,
          roll.totalFen,
          sum(lines, (l) => l.amountFen),
        );
      }
    }),
    [`GET ${base}/:id/lines`]: {
      lists,
      equals: `for each roll of ${base}: roll.lines / roll.totalFen = every line the user may list; total / totalFen = the filtered lines`,
      async check(w, say) {
        for (const roll of (await all<Roll>(w.client, base)).items) {
          const whole = (await linesOf(w, roll.id)).items;
          for (const v of ['', `?divisionCode=${places.renchengTownshipA}`]) {
            const list = await linesOf(w, roll.id, v);
            const head = list.first.roll as { lines: number; totalFen: number };
            say(`roll ${roll.id}${v} roll.lines`, head.lines, whole.length);
            say(
              `roll ${roll.id}${v} roll.totalFen`,
              head.totalFen,
              sum(whole, (l) => l.amountFen),
            );
            say(`roll ${roll.id}${v} total`, list.total, list.items.length);
            say(
              `roll ${roll.id}${v} totalFen`,
              list.first.totalFen,
              sum(list.items, (l) => l.amountFen),
            );
          }
        }
      },
    },
    [`GET ${base}/:id/pdf`]: {
      lists,
      equals: `for each roll of ${base}: 合计：n户，保障p人，发放金额y元 = the lines listed (count, Σ coveredCount, Σ amountFen)`,
      async check(w, say) {
        for (const roll of (await all<Roll>(w.client, base)).items) {
          const lines = (await linesOf(w, roll.id)).items;
          const res = await w.client.get(`${base}/${roll.id}/pdf`);
          if (res.statusCode !== 200) {
            say(`roll ${roll.id} status`, res.statusCode, 200);
            continue;
          }
          const m = /合计：(\d+)户，保障(\d+)人，发放金额([\d,.]+)元/.exec(await pdfText(res.rawPayload));
          say(`roll ${roll.id} 合计`, m ? [Number(m[1]), Number(m[2]), Math.round(Number(m[3].replace(/,/g, '')) * 100)] : null, [
            lines.length,
            sum(lines, (l) => l.coveredCount),
            sum(lines, (l) => l.amountFen),
          ]);
        }
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The table: each figure-bearing endpoint and the lists it must equal

interface FigureEntry {
  /** The list endpoints (route-table form) whose rows the figure sums. */
  lists: string[];
  /** How the rows are summed. */
  equals: string;
  /** Who is walked, of those whose roles hold the permission (default: all of them). */
  walks?: (w: Walker) => boolean;
  check: (w: Walker, say: Say) => Promise<void>;
}

const figures: Record<string, FigureEntry> = {
  ...agencyFileFigures(),
  ...programmeRolls('elderly_allowance'),
  'GET /api/elderly-allowance/allowances': pagedList('GET /api/elderly-allowance/allowances', [
    '',
    '?status=paying',
    `?divisionCode=${places.renchengTownshipA}`,
  ]),
  'GET /api/elderly-allowance/worklist': pagedList('GET /api/elderly-allowance/worklist', ['']),
  'GET /api/volunteers': pagedList('GET /api/volunteers', [
    '',
    '?status=registered',
    '?category=community',
    `?divisionCode=${places.renchengTownshipA}`,
  ]),
  'GET /api/elderly-allowance/stats': {
    lists: ['GET /api/elderly-allowance/allowances'],
    equals:
      'persons / amountFen, and each row (a division one level below the user × band) = the records listed with an amount this ' +
      'month (count, Σ monthlyFen)',
    async check(w, say) {
      const s = await json<{
        rows: { divisionCode: string; band: string; persons: number; amountFen: number }[];
        persons: number;
        amountFen: number;
      }>(w.client, '/api/elderly-allowance/stats');
      const paid = (
        await all<{ divisionCode: string; band: string; monthlyFen: number }>(w.client, '/api/elderly-allowance/allowances')
      ).items.filter((r) => r.monthlyFen > 0);
      say('persons', s.persons, paid.length);
      say(
        'amountFen',
        s.amountFen,
        sum(paid, (r) => r.monthlyFen),
      );
      for (const r of s.rows) {
        const mine = paid.filter((p) => p.divisionCode.startsWith(r.divisionCode) && p.band === r.band);
        say(`${r.divisionCode}/${r.band}`, [r.persons, r.amountFen], [mine.length, sum(mine, (p) => p.monthlyFen)]);
      }
    },
  },
  'GET /api/elderly-allowance/stats/export': {
    lists: ['GET /api/elderly-allowance/allowances'],
    equals:
      'each sheet row (区划代码 one level below the user × 年龄段: 人数, 金额) = the records listed with an amount this month ' +
      '(count, Σ monthlyFen); the 合计 row = all of them',
    async check(w, say) {
      const res = await w.client.get('/api/elderly-allowance/stats/export');
      if (res.statusCode !== 200) return say('status', res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const sheet: unknown[][] = [];
      wb.worksheets[0].eachRow((r, n) => n > 1 && sheet.push((r.values as unknown[]).slice(1)));
      const paid = (
        await all<{ divisionCode: string; bandName: string | null; monthlyFen: number }>(w.client, '/api/elderly-allowance/allowances')
      ).items.filter((r) => r.monthlyFen > 0);
      const fen = (v: unknown) => Math.round(Number(v) * 100);
      const total = sheet.at(-1) ?? [];
      say('合计', [Number(total[3]), fen(total[4])], [paid.length, sum(paid, (r) => r.monthlyFen)]);
      for (const [code, , bandName, persons, amount] of sheet.slice(0, -1)) {
        const mine = paid.filter((p) => p.divisionCode.startsWith(String(code)) && p.bandName === bandName);
        say(`${String(code)}/${String(bandName)}`, [Number(persons), fen(amount)], [mine.length, sum(mine, (p) => p.monthlyFen)]);
      }
    },
  },
  'GET /api/stats/registry': {
    lists: ['GET /api/persons', 'GET /api/households'],
    equals:
      'totals.persons = rows of /api/persons, totals.households = rows of /api/households; byDivision[c] = those rows whose ' +
      'hukouDivisionCode / divisionCode start with c; for organisation staff totals.persons = the organisation’s persons in the division',
    async check(w, say) {
      const s = await json<{
        byDivision: { code: string; persons: number; households: number }[];
        totals: { persons: number; households: number };
      }>(w.client, '/api/stats/registry');
      const persons = (await all<{ hukouDivisionCode: string }>(w.reader, '/api/persons')).items;
      const households = (await all<{ divisionCode: string }>(w.reader, '/api/households')).items;
      say('totals.persons', s.totals.persons, persons.length);
      say('totals.households', s.totals.households, households.length);
      sayGroups(
        say,
        'byDivision',
        Object.fromEntries(s.byDivision.filter((r) => r.persons || r.households).map((r) => [r.code, [r.persons, r.households]])),
        Object.fromEntries(
          s.byDivision
            .map((r) => [
              r.code,
              [
                persons.filter((p) => p.hukouDivisionCode.startsWith(r.code)).length,
                households.filter((x) => x.divisionCode.startsWith(r.code)).length,
              ],
            ])
            .filter(([, [p, x]]) => p || x),
        ),
      );
      if (w.organisationId !== null) {
        const [{ n }] = await rows<{ n: number | string }>(
          t.owner,
          sql`select count(*) as n from organisation_persons op join persons p on p.id = op.person_id
            where op.organisation_id = ${w.organisationId} and p.hukou_division_code like ${`${w.divisionCode}%`}`,
        );
        say('totals.persons (the organisation’s persons)', s.totals.persons, Number(n));
      }
    },
  },
  'GET /api/assistance/stats': {
    lists: [
      'GET /api/assistance/entitlements',
      'GET /api/payments/assistance/rolls',
      'GET /api/payments/assistance/rolls/:id/lines',
      'GET /api/benefits',
    ],
    equals:
      'byCounty[county/category] = entitlements in force in the month listed with ?divisionCode=county (count, Σ coveredCount, ' +
      'Σ monthlyFen) and their sum = the whole list; borderlineHouseholds = borderline ones; spending[month/category] = lines of ' +
      'the rolls of the 12 months listed (Σ amountFen by paymentStatus, count); difficulty[type] = distinct persons of /api/benefits ' +
      'in force; for ?month=next month and the default month',
    async check(w, say) {
      for (const month of [nextMonth, thisMonth]) {
        const s = await json<{
          month: string;
          byCounty: { countyCode: string; category: string; households: number; persons: number; monthlyFen: number }[];
          spending: { month: string; category: string; paidFen: number; failedFen: number; pendingFen: number; lines: number }[];
          borderlineHouseholds: number;
          difficulty: { type: string; persons: number }[];
        }>(w.client, `/api/assistance/stats${month === thisMonth ? '' : `?month=${month}`}`);
        say('month', s.month, month);
        const { groups, everything } = await entitlementGroups(w.reader, month);
        sayGroups(
          say,
          `${month} byCounty`,
          Object.fromEntries(
            s.byCounty.map((r) => [
              `${r.countyCode}/${r.category}`,
              { households: r.households, persons: r.persons, monthlyFen: r.monthlyFen },
            ]),
          ),
          groups,
        );
        say(
          `${month} Σ byCounty.households`,
          sum(s.byCounty, (r) => r.households),
          everything.length,
        );
        say(
          `${month} Σ byCounty.monthlyFen`,
          sum(s.byCounty, (r) => r.monthlyFen),
          sum(everything, (e) => e.monthlyFen),
        );
        say(`${month} borderlineHouseholds`, s.borderlineHouseholds, everything.filter((e) => e.category === 'borderline').length);
        sayGroups(
          say,
          `${month} spending`,
          Object.fromEntries(
            s.spending.map((r) => [
              `${r.month}/${r.category}`,
              { paidFen: r.paidFen, failedFen: r.failedFen, pendingFen: r.pendingFen, lines: r.lines },
            ]),
          ),
          await spendingGroups(w.reader, month),
        );
        say(
          `${month} difficulty`,
          Object.fromEntries(s.difficulty.map((d) => [d.type, d.persons])),
          await difficultyGroups(w.reader, month),
        );
      }
    },
  },
  'GET /api/assistance/stats/export': {
    lists: ['GET /api/assistance/entitlements', 'GET /api/payments/assistance/rolls', 'GET /api/payments/assistance/rolls/:id/lines'],
    equals:
      'sheet 1 rows (county × category: 户数, 人数, 金额) = entitlements in force in the month listed with ?divisionCode=county; ' +
      'sheet 2 rows (month × category: 名册行数, 已发放, 发放失败, 未回盘) = lines of the rolls listed, as for /api/assistance/stats',
    async check(w, say) {
      const res = await w.client.get(`/api/assistance/stats/export?month=${nextMonth}`);
      if (res.statusCode !== 200) return say('status', res.statusCode, 200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const [people, spent] = wb.worksheets;
      const fen = (v: unknown) => Math.round(Number(v) * 100);
      const sheetRows = (ws: ExcelJS.Worksheet) => {
        const out: unknown[][] = [];
        ws.eachRow((r, n) => n > 1 && out.push((r.values as unknown[]).slice(1)));
        return out;
      };
      const categoryName = (c: string) => assistanceCategories[c as keyof typeof assistanceCategories] ?? c;
      const countyName = new Map(dataCounties.map((c) => [c.code, c.name]));
      const { groups } = await entitlementGroups(w.reader, nextMonth);
      sayGroups(
        say,
        'sheet 1',
        Object.fromEntries(
          sheetRows(people).map(([county, category, households, recipients, amount]) => [
            `${String(county)}/${String(category)}`,
            { households, persons: recipients, monthlyFen: fen(amount) },
          ]),
        ),
        Object.fromEntries(
          Object.entries(groups).map(([key, g]) => {
            const [county, category] = key.split('/');
            return [`${countyName.get(county)}/${categoryName(category)}`, g];
          }),
        ),
      );
      sayGroups(
        say,
        'sheet 2',
        Object.fromEntries(
          sheetRows(spent).map(([month, category, lines, paid, failed, pending]) => [
            `${String(month)}/${String(category)}`,
            { paidFen: fen(paid), failedFen: fen(failed), pendingFen: fen(pending), lines },
          ]),
        ),
        Object.fromEntries(
          Object.entries(await spendingGroups(w.reader, nextMonth)).map(([key, g]) => {
            const [month, category] = key.split('/');
            return [`${month}/${categoryName(category)}`, g];
          }),
        ),
      );
    },
  },
  'GET /api/persons': pagedList('GET /api/persons', ['', `?divisionCode=${places.renchengTownshipA}`]),
  'GET /api/households': pagedList('GET /api/households', ['', `?divisionCode=${places.renchengTownshipA}`]),
  'GET /api/users': pagedList('GET /api/users', ['', '?kind=resident']),
  'GET /api/organisations': pagedList('GET /api/organisations', ['']),
  'GET /api/divisions/changes': pagedList('GET /api/divisions/changes', ['', '?status=applied']),
  'GET /api/divisions/code-map': pagedList('GET /api/divisions/code-map', ['']),
  'GET /api/outbox': pagedList('GET /api/outbox', ['']),
  // Filtered to logins: the walk's own reads add audit rows while it pages.
  'GET /api/audit': pagedList('GET /api/audit', ['?action=auth.login']),
  'GET /api/assistance/cases': pagedList('GET /api/assistance/cases', ['', '?category=dibao']),
  'GET /api/assistance/entitlements': pagedList('GET /api/assistance/entitlements', ['', '?status=active']),
  'GET /api/assistance/rechecks': pagedList('GET /api/assistance/rechecks', ['']),
  'GET /api/assistance/after-death': pagedList('GET /api/assistance/after-death', [''], async (_w, say, list) => {
    const first = list.first as unknown as { recoverFen: number };
    say(
      'recoverFen',
      first.recoverFen,
      (list.items as unknown as { recoverFen: number }[]).reduce((s, r) => s + r.recoverFen, 0),
    );
  }),
  'GET /api/assistance/worklist': {
    lists: ['GET /api/assistance/worklist'],
    equals:
      'total = rows of /api/assistance/worklist; overdue = rows with dueDate < today; nearDue = rows due from today to one working day on',
    async check(w, say) {
      const cal = await t.deps.calendar.get();
      const soon = addWorkingDays(today, 1, cal).date;
      const list = await all<{ dueDate: string | null }>(w.client, '/api/assistance/worklist');
      say('total', list.total, list.items.length);
      say('overdue', list.first.overdue, list.items.filter((c) => c.dueDate !== null && c.dueDate < today).length);
      say('nearDue', list.first.nearDue, list.items.filter((c) => c.dueDate !== null && c.dueDate >= today && c.dueDate <= soon).length);
    },
  },
  ...visitFigures('tekun_scattered'),
  'GET /api/assistance/support-modes/pending': pagedList('GET /api/assistance/support-modes/pending', ['']),
  'GET /api/payments/assistance/rolls': pagedList(
    'GET /api/payments/assistance/rolls',
    ['', `?month=${nextMonth}`],
    async (w, say, list) => {
      for (const roll of list.items as unknown as Roll[]) {
        const lines = (await all<Line>(w.client, `/api/payments/assistance/rolls/${roll.id}/lines`)).items;
        say(`roll ${roll.id} lines`, roll.lines, lines.length);
        say(
          `roll ${roll.id} totalFen`,
          roll.totalFen,
          sum(lines, (l) => l.amountFen),
        );
      }
    },
  ),
  'GET /api/payments/assistance/rolls/:id/lines': {
    lists: ['GET /api/payments/assistance/rolls', 'GET /api/payments/assistance/rolls/:id/lines'],
    equals:
      'for each roll of /api/payments/assistance/rolls: the header roll.lines / roll.totalFen = every line the user may list (count, ' +
      'Σ amountFen), also under a filter; total / totalFen beside the items = the filtered lines (?paymentStatus=failed, ' +
      '?divisionCode=township A, ?benefitType=dibao)',
    async check(w, say) {
      for (const roll of (await all<Roll>(w.client, '/api/payments/assistance/rolls')).items) {
        const whole = (await all<Line>(w.client, `/api/payments/assistance/rolls/${roll.id}/lines`)).items;
        for (const v of ['', '?paymentStatus=failed', `?divisionCode=${places.renchengTownshipA}`, '?benefitType=dibao']) {
          const list = await all<Line>(w.client, `/api/payments/assistance/rolls/${roll.id}/lines${v}`);
          const head = list.first.roll as { lines: number; totalFen: number };
          say(`roll ${roll.id}${v} roll.lines`, head.lines, whole.length);
          say(
            `roll ${roll.id}${v} roll.totalFen`,
            head.totalFen,
            sum(whole, (l) => l.amountFen),
          );
          say(`roll ${roll.id}${v} total`, list.total, list.items.length);
          say(
            `roll ${roll.id}${v} totalFen`,
            list.first.totalFen,
            sum(list.items, (l) => l.amountFen),
          );
        }
      }
    },
  },
  'GET /api/payments/assistance/rolls/:id/pdf': {
    lists: ['GET /api/payments/assistance/rolls', 'GET /api/payments/assistance/rolls/:id/lines'],
    equals:
      'for each roll of /api/payments/assistance/rolls: 合计：n户，保障p人，发放金额y元 = the lines listed (count, Σ coveredCount, Σ amountFen)',
    async check(w, say) {
      for (const roll of (await all<Roll>(w.client, '/api/payments/assistance/rolls')).items) {
        const lines = (await all<Line>(w.client, `/api/payments/assistance/rolls/${roll.id}/lines`)).items;
        const res = await w.client.get(`/api/payments/assistance/rolls/${roll.id}/pdf`);
        if (res.statusCode !== 200) {
          say(`roll ${roll.id} status`, res.statusCode, 200);
          continue;
        }
        const m = /合计：(\d+)户，保障(\d+)人，发放金额([\d,.]+)元/.exec(await pdfText(res.rawPayload));
        say(`roll ${roll.id} 合计`, m ? [Number(m[1]), Number(m[2]), Math.round(Number(m[3].replace(/,/g, '')) * 100)] : null, [
          lines.length,
          sum(lines, (l) => l.coveredCount),
          sum(lines, (l) => l.amountFen),
        ]);
      }
    },
  },
  'GET /api/households/:id': {
    lists: ['GET /api/households', 'GET /api/households/:id'],
    equals:
      'for each household of /api/households: memberCount (in the list and in the detail) = the members the detail lists (a ' +
      'member whose hukou lies elsewhere is shown, and counted, as part of the household the user may open)',
    async check(w, say) {
      for (const row of (await all<{ id: number; memberCount: number }>(w.client, '/api/households')).items) {
        const detail = await json<{ memberCount: number; members: unknown[] }>(w.client, `/api/households/${row.id}`);
        say(`household ${row.id} memberCount`, detail.memberCount, detail.members.length);
        say(`household ${row.id} memberCount in the list`, row.memberCount, detail.members.length);
      }
    },
  },
  'GET /api/portal/me': {
    lists: ['GET /api/portal/me'],
    equals: 'household.memberCount = the household members the same body lists (household.members, members)',
    walks: (w) => w.kind === 'resident',
    async check(w, say) {
      const me = await json<{ household: { memberCount: number; members: unknown[] } | null; members: unknown[] }>(
        w.client,
        '/api/portal/me',
      );
      say('household.memberCount', me.household?.memberCount ?? 0, me.household?.members.length ?? 0);
      say('members', me.members.length, me.household?.members.length ?? 0);
    },
  },
  'GET /api/jobs/:id': {
    lists: ['GET /api/payments/assistance/rolls', 'GET /api/payments/assistance/rolls/:id/lines'],
    equals:
      'a roll build’s result (lines, totalFen) = the lines of its roll its creator lists (count, Σ amountFen); only the creator ' +
      'reads a job, so the walk is of the users who built a roll',
    walks: (w) => w.jobs.length > 0,
    async check(w, say) {
      const rolls = (await all<Roll>(w.client, '/api/payments/assistance/rolls')).items;
      for (const id of w.jobs) {
        const job = await json<{ kind: string; result: { lines?: number; totalFen?: number } }>(w.client, `/api/jobs/${id}`);
        const roll = rolls.find((r) => r.jobId === id);
        const lines = roll ? (await all<Line>(w.client, `/api/payments/assistance/rolls/${roll.id}/lines`)).items : [];
        say(`job ${id} (${job.kind}) result`, [job.result.lines, job.result.totalFen], [lines.length, sum(lines, (l) => l.amountFen)]);
      }
    },
  },
};

/** Endpoints that look like figures (or cannot be called without a stored object) and are none by design. */
const exempt: Record<string, string> = {
  'GET /api/assistance/cases/:id/documents/:fileId': 'the bytes of one uploaded document: no figures (and no document is stored here)',
  'GET /api/jobs/:id/errors.xlsx': 'the error report of one import job, its creator’s own rows: no figures (no import runs here)',
  'GET /api/assistance/cases/:id/print/:doc':
    'one case’s own form: its 合计 rows add up the household’s incomes and rigid expenses as entered on the case, not rows of a list',
  'GET /api/assistance/entitlements/:id':
    'one entitlement’s own monthly amount and the inputs it was computed from (standard, incomes): attributes of one row, not a ' +
    'sum of rows; the list’s row shows the same amount',
  'GET /api/payees/assistance/:id': 'one payee’s account (masked) and the history of its changes: no counts or amounts',
  'GET /api/visits/tekun_scattered/persons/:personId': 'one person’s visit plan, visits and assignments: no counts or amounts',
  'GET /api/visits/tekun_scattered/visits/:visitId/photos/:fileId': 'the bytes of one visit photo: no figures',
  'GET /api/payees/elderly_allowance/:id': 'one payee’s account (masked) and the history of its changes: no counts or amounts',
  'GET /api/verify/:code': 'one issued document’s verification (what was issued, masked; valid or revoked): no counts or amounts',
  'GET /api/volunteers/:id': 'one volunteer’s record and its history: no counts or amounts',
  'GET /api/elderly-allowance/allowances/:id':
    'one record’s own amount of this month and its history: attributes of one row (the list’s row shows the same amount), not a ' +
    'sum of rows',
};

// ---------------------------------------------------------------------------------------------
// Finding the figure-bearing endpoints

const FIGURE_KEY =
  /^(total|count|lines|nearDue|overdue|households|persons|recipients|created|paid|failed|checked|changed|matched\w*)$|(Fen|Count|Total)$/;
const isObject = (v: unknown): v is Record<string, unknown> => Boolean(v) && typeof v === 'object' && !Array.isArray(v);

/** The figure fields of a JSON body: count or amount fields at its top (or in an object at its top) beside a list or header. */
function figureFields(body: unknown): string[] {
  if (!isObject(body)) return [];
  const found: string[] = [];
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === 'number' && FIGURE_KEY.test(k)) found.push(k);
    if (isObject(v)) for (const [k2, v2] of Object.entries(v)) if (typeof v2 === 'number' && FIGURE_KEY.test(k2)) found.push(`${k}.${k2}`);
  }
  const beside = Object.values(body).some((v) => Array.isArray(v) || isObject(v));
  return beside ? found : [];
}

/** Concrete URLs for routes whose parameters or query cannot be found from a parent list. */
const samples = (): Record<string, string> => ({
  'GET /api/divisions/search': `/api/divisions/search?q=${encodeURIComponent('任城')}`,
  'GET /api/divisions/:code': `/api/divisions/${places.rencheng}`,
  'GET /api/public/notices': `/api/public/notices?divisionCode=${places.renchengTownshipA}`,
  'GET /api/calendar/:year': `/api/calendar/${today.slice(0, 4)}`,
  'GET /api/assistance/prefill': `/api/assistance/prefill?householdId=${h.a1.id}&category=dibao`,
  'GET /api/assistance/checks/reply-template': '/api/assistance/checks/reply-template?agency=social_insurance',
  'GET /api/portal/assistance/prefill': '/api/portal/assistance/prefill?category=dibao',
  'GET /api/volunteers/prefill': `/api/volunteers/prefill?personId=${h.a1.members[0].id}`,
  'GET /api/jobs/:id': `/api/jobs/${admin.jobs[0]}`,
  'GET /api/agency-files/template': '/api/agency-files/template?kind=deaths',
});

/** The user a route is probed as: the city-level walker of the first role holding its permission, a resident for resident routes. */
function prober(route: { permission?: string; access?: string }): Client {
  if (route.access === 'resident') return resident;
  if (!route.permission) return admin.client;
  const w = walkers.find((x) => x.divisionCode === places.city && x.organisationId === null && x.permissions.has(route.permission!));
  if (!w) throw new Error(`no built-in role holds ${route.permission}`);
  return w.client;
}

/** Fills each `:param` from the first row of the list one step up (`/api/x/:id` from `/api/x`). */
async function concreteUrl(client: Client, url: string): Promise<string | null> {
  let out = url;
  for (const m of url.matchAll(/:(\w+)/g)) {
    const parent = out.slice(0, out.indexOf(m[0]) - 1);
    const res = await client.get(parent);
    if (res.statusCode !== 200) return null;
    const body = res.json() as unknown;
    const first = (Array.isArray(body) ? body[0] : isObject(body) && Array.isArray(body.items) ? body.items[0] : undefined) as
      Record<string, unknown> | undefined;
    const value = first?.[m[1]] ?? first?.id ?? first?.code;
    if (value === undefined) return null;
    out = out.replace(m[0], String(value));
  }
  return out;
}

interface Probe {
  status: number;
  kind: string;
  figures: string[];
}

async function probe(route: { method: string; url: string; permission?: string; access?: string }): Promise<Probe | null> {
  const key = `${route.method} ${route.url}`;
  const client = prober(route);
  const url = samples()[key] ?? (await concreteUrl(client, route.url));
  if (!url) return null;
  const res = await client.get(url);
  const type = String(res.headers['content-type'] ?? '');
  if (type.includes('json')) return { status: res.statusCode, kind: 'json', figures: figureFields(res.json()) };
  if (type.includes('pdf'))
    return { status: res.statusCode, kind: 'pdf', figures: (await pdfText(res.rawPayload)).includes('合计') ? ['合计'] : [] };
  return { status: res.statusCode, kind: type.split(';')[0], figures: [] };
}

// ---------------------------------------------------------------------------------------------
// The data: recipients in two townships of 任城区 (two villages in township A) and in 兖州区

// Through the API only, as a user would (the platform's tests import no business module).

const { household, application, apply, step, toDecision } = caseHelpers(() => t, 300);

async function approved(clerk: Client, approver: Client, divisionCode: string, names: string[]): Promise<Household> {
  const hh = await household(clerk, divisionCode, names);
  const c = await apply(clerk, application(hh));
  await toDecision(clerk, c.id);
  const res = await step(approver, c.id, 'approve');
  expect(res.statusCode, res.body).toBe(200);
  return hh;
}

async function walker(roles: string[], level: string, divisionCode: string, organisationId: number | null = null): Promise<Walker> {
  const client = await t.login({ roles, divisionCode, organisationId });
  const permissions = new Set(roles.flatMap((r) => [...(rolePermissions.get(r) ?? [])]));
  const w: Walker = {
    label: `${roles.join('+')}@${level}${organisationId === null ? '' : '+org'}`,
    roles,
    divisionCode,
    organisationId,
    permissions,
    client,
    reader: client,
    jobs: [],
    kind: 'staff',
  };
  // A reader of the same division and organisation for the lists the figures sum, where the role may not list them.
  if (permissions.has('stats.read') && !['registry.read', 'assistance.read'].every((p) => permissions.has(p)))
    w.reader = await t.login({ roles: [...roles, 'city_admin'], divisionCode, organisationId });
  walkers.push(w);
  return w;
}

beforeAll(async () => {
  t = await startTestApp({ JIMIN_LOGIN_RATE_PER_MINUTE: 1000 });
  const boot = await t.login({ roles: ['city_admin'], divisionCode: places.city });
  const stored = await json<{ code: string; permissions: string[] }[]>(boot, '/api/roles');
  const builtIn = new Set(defaultRoles.map((r) => r.code));
  rolePermissions = new Map(stored.filter((r) => builtIn.has(r.code)).map((r) => [r.code, new Set(r.permissions)]));
  expect([...rolePermissions.keys()].sort()).toEqual([...builtIn].sort());

  const clerk = async (code: string) => [
    await t.login({ roles: ['township_clerk'], divisionCode: code }),
    await t.login({ roles: ['township_clerk'], divisionCode: code }),
  ];
  const [clerkA, approverA] = await clerk(places.renchengTownshipA);
  const [clerkB, approverB] = await clerk(places.renchengTownshipB);
  const [clerkY, approverY] = await clerk(townshipOf(places.yanzhouVillage));
  const [{ code: villageA2 }] = await rows<{ code: string }>(
    t.owner,
    sql`select code from divisions where parent_code = ${places.renchengTownshipA} and code <> ${places.renchengVillageA} order by code
      limit 1`,
  );
  h.a1 = await approved(clerkA, approverA, places.renchengVillageA, ['甲一', '甲二', '甲三']);
  h.a2 = await approved(clerkA, approverA, villageA2, ['乙一', '乙二']);
  h.b1 = await approved(clerkB, approverB, places.renchengVillageB, ['丙一', '丙二']);
  h.y1 = await approved(clerkY, approverY, places.yanzhouVillage, ['丁一', '丁二']);
  // Households with no assistance, in three villages.
  await household(clerkA, places.renchengVillageA, ['戊一']);
  await household(clerkB, places.renchengVillageB, ['己一', '己二', '己三']);
  await household(clerkY, places.yanzhouVillage, ['庚一']);
  // A household of village A with a member whose hukou lies in township B (registered by the county).
  const countyClerk = await t.login({ roles: ['township_clerk'], divisionCode: places.rencheng });
  await household(countyClerk, places.renchengVillageA, ['辛一', '辛二'], [], [places.renchengVillageA, places.renchengVillageB]);

  // Benefit records besides the 低保 ones: one in force in township B, one ended in township A.
  for (const [c, body] of [
    [clerkB, { personId: h.b1.members[1].id, type: 'disability_living', monthlyAmountFen: 9000, startMonth: thisMonth }],
    [clerkA, { personId: h.a2.members[1].id, type: 'other', monthlyAmountFen: 5000, startMonth: '2020-01', endMonth: '2020-12' }],
  ] as const) {
    const res = await c.post('/api/benefits', body);
    expect(res.statusCode, res.body).toBe(200);
  }

  // Cases still open, for the worklist: one overdue in each township of 任城区, one due today in township A.
  const pending: number[] = [];
  for (const [c, village] of [
    [clerkA, places.renchengVillageA],
    [clerkA, villageA2],
    [clerkB, places.renchengVillageB],
  ] as const) {
    const other = await household(c, village, [`待${pending.length}`]);
    pending.push((await apply(c, application(other, { members: [{ personId: other.members[0].id, covered: true, incomes: [] }] }))).id);
  }
  await t.owner.execute(sql`update assistance_cases set due_date = ${addDays(today, -10)} where id in (${pending[0]}, ${pending[2]})`);
  await t.owner.execute(sql`update assistance_cases set due_date = ${today} where id = ${pending[1]}`);

  // An organisation serving the head of a1 (township A) and a member of b1 (township B).
  const org = await boot.post('/api/organisations', {
    name: '任城区救助管理站',
    creditCode: '12370811MB0000003F',
    legalType: 'public_institution',
    divisionCode: places.rencheng,
  });
  expect(org.statusCode, org.body).toBe(200);
  orgId = org.json().id;
  for (const p of [h.a1.members[0].id, h.b1.members[1].id])
    await t.owner.execute(sql`insert into organisation_persons (organisation_id, person_id) values (${orgId}, ${p})`);

  // The walkers: every built-in role at every level, and organisation staff.
  for (const role of rolePermissions.keys()) for (const [level, code] of Object.entries(levels)) await walker([role], level, code);
  await walker(['org_staff'], 'county', places.rencheng, orgId);
  await walker(['org_staff'], 'townshipA', places.renchengTownshipA, orgId);
  await walker(['org_staff'], 'city', places.city, orgId);
  await walker(['org_staff', 'village_officer'], 'county', places.rencheng, orgId);
  admin = walkers.find((w) => w.label === 'city_admin@city')!;
  const countyReviewer = walkers.find((w) => w.label === 'county_reviewer@county')!;
  resident = await t.loginResident({ personId: h.a1.members[0].id, divisionCode: places.renchengVillageA });
  walkers.push({
    label: 'resident@village',
    roles: [],
    divisionCode: places.renchengVillageA,
    organisationId: null,
    permissions: new Set(),
    client: resident,
    reader: resident,
    jobs: [],
    kind: 'resident',
  });

  // Batch re-checks of township A's recipients, for the re-check list.
  expect((await clerkA.post('/api/assistance/rechecks', { only: 'all' })).statusCode).toBe(200);

  // Next month's roll of 任城区: built by a county reviewer, approved by another, the bank's result imported.
  const start = await countyReviewer.client.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: nextMonth });
  expect(start.statusCode, start.body).toBe(200);
  renchengRoll = start.json().id;
  countyReviewer.jobs.push(start.json().jobId);
  await t.deps.jobs.drain();
  const countyApprover = await t.login({ roles: ['county_reviewer'], divisionCode: places.rencheng });
  expect((await countyApprover.post(`/api/payments/assistance/rolls/${renchengRoll}/approve`)).statusCode).toBe(200);
  const csv = await countyApprover.get(`/api/payments/assistance/rolls/${renchengRoll}/bank-file?format=csv`);
  const records = parseCsv(csv.rawPayload, { bom: true }) as string[][];
  const lineOf = (name: string) => records.find((r) => r[1] === name)![0];
  const result = `流水号,结果,失败原因\n${lineOf('甲一')},成功,\n${lineOf('乙一')},失败,账户已销户\n${lineOf('丙一')},成功,\n`;
  const imported = await upload(countyApprover, `/api/payments/assistance/rolls/${renchengRoll}/bank-result`, '回盘.csv', result);
  expect(imported.statusCode, imported.body).toBe(200);
  // Next month's roll of 兖州区, built by the city and left unapproved (its lines not yet paid).
  const yz = await admin.client.post('/api/payments/assistance/rolls', { countyCode: places.yanzhou, month: nextMonth });
  expect(yz.statusCode, yz.body).toBe(200);
  admin.jobs.push(yz.json().jobId);
  await t.deps.jobs.drain();
  // This month's roll of 任城区, built by the city: no entitlement is in force yet, so it has no lines.
  const empty = await admin.client.post('/api/payments/assistance/rolls', { countyCode: places.rencheng, month: thisMonth });
  expect(empty.statusCode, empty.body).toBe(200);
  admin.jobs.push(empty.json().jobId);
  await t.deps.jobs.drain();

  // A 部门比对名单 of township A (seen by township A and above): a line matched, one nobody, one with a bad ID number.
  const [listed] = await rows<{ id_number_enc: string; name: string }>(
    t.deps.database.db,
    sql`select id_number_enc, name from persons where id = ${h.a1.members[2].id}`,
  );
  const lines = [
    `${listed.name},${t.deps.cipher.decrypt(listed.id_number_enc)},${addDays(today, -3)},,,`,
    `名单无人,${generateResidentId({ addressCode: '370811', birthDate: '1939-01-01', seq: 77 })},${addDays(today, -3)},,,`,
    `名单错号,370811193901010000,${addDays(today, -3)},,,`,
  ];
  const deaths = await upload(
    clerkA,
    '/api/agency-files?kind=deaths&agency=police',
    '死亡名单.csv',
    `姓名,公民身份号码,死亡日期,死亡地点,死亡证明编号,火化证号\n${lines.join('\n')}\n`,
  );
  expect(deaths.statusCode, deaths.body).toBe(200);
  await t.deps.jobs.drain();

  // 高龄津贴: persons of 86 in village A (one left 待确认), township B and 兖州区, confirmed by their townships;
  // 任城区's roll of next month, built by the county reviewer and approved by another.
  for (const [c, village, names] of [
    [clerkA, places.renchengVillageA, ['寿甲', '寿乙']],
    [clerkB, places.renchengVillageB, ['寿丙']],
    [clerkY, places.yanzhouVillage, ['寿丁']],
  ] as const) {
    const old = await household(
      c,
      village,
      [...names],
      names.map(() => '1940-03-01'),
    );
    expect((await c.post('/api/elderly-allowance/intake')).statusCode).toBe(200);
    const work = (await json<{ items: { id: number; personId: number }[] }>(c, '/api/elderly-allowance/worklist?pageSize=200')).items;
    for (const m of old.members.slice(names.length - 1)) {
      const a = work.find((x) => x.personId === m.id)!;
      const d = await json<{ version: number }>(c, `/api/elderly-allowance/allowances/${a.id}`);
      const res = await c.post(`/api/elderly-allowance/allowances/${a.id}/confirm`, {
        version: d.version,
        bankName: '济宁银行',
        bankAccount: `6217000000000${String(m.id).padStart(6, '0')}`,
      });
      expect(res.statusCode, res.body).toBe(200);
    }
  }
  const elderlyRoll = await countyReviewer.client.post('/api/payments/elderly_allowance/rolls', {
    countyCode: places.rencheng,
    month: nextMonth,
  });
  expect(elderlyRoll.statusCode, elderlyRoll.body).toBe(200);
  await t.deps.jobs.drain();
  expect((await countyApprover.post(`/api/payments/elderly_allowance/rolls/${elderlyRoll.json().id}/approve`)).statusCode).toBe(200);

  // 志愿服务: volunteers of villages A, B and 兖州区, one of A and one of B in the organisation's team (a
  // sub-team of it), one of A 注销; the organisation's staff count only its team's.
  const role = await boot.post(`/api/organisations/${orgId}/roles`, { role: 'volunteer_organisation', fromDate: today });
  expect(role.statusCode, role.body).toBe(200);
  const team = await boot.post('/api/organisations', { name: '救助站志愿服务队', parentId: orgId, divisionCode: places.rencheng });
  expect(team.statusCode, team.body).toBe(200);
  expect(
    (await boot.post(`/api/organisations/${team.json().id}/roles`, { role: 'volunteer_organisation', fromDate: today })).statusCode,
  ).toBe(200);
  for (const [c, village, names, teamOf] of [
    [clerkA, places.renchengVillageA, ['志甲', '志乙', '志丙'], [team.json().id, null, null]],
    [clerkB, places.renchengVillageB, ['志丁'], [orgId]],
    [clerkY, places.yanzhouVillage, ['志戊'], [null]],
  ] as const) {
    const people = await household(
      c,
      village,
      [...names],
      names.map(() => '1990-03-01'),
    );
    for (const [i, m] of people.members.entries()) {
      const res = await c.post('/api/volunteers', {
        personId: m.id,
        divisionCode: village,
        categories: i === 0 ? ['community'] : ['health'],
        availableTimes: ['weekend'],
        organisationId: teamOf[i],
      });
      expect(res.statusCode, res.body).toBe(200);
      if (i === 2) {
        const v = await json<{ version: number }>(c, `/api/volunteers/${res.json().id}`);
        expect((await c.post(`/api/volunteers/${res.json().id}/deregister`, { version: v.version, reason: '本人申请' })).statusCode).toBe(
          200,
        );
      }
    }
  }

  dataCounties = await rows<{ code: string; name: string }>(
    t.owner,
    sql`select distinct e.county_code as code, d.name from assistance_entitlements e join divisions d on d.code = e.county_code
      order by 1`,
  );
}, 300_000);
afterAll(async () => t?.close());

describe('Z2 the figures walk', () => {
  it('Z2 every statistics, header and count endpoint equals, for each role that may call it, the rows the same user may list', async () => {
    const routes = t.app.routeTable.filter((r) => r.method === 'GET');
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const known = new Set(t.app.routeTable.map(key));

    // 1. The figure-bearing endpoints, from the route table.
    const found: Record<string, string> = {};
    const unprobed: string[] = [];
    for (const r of routes) {
      if (exempt[key(r)]) continue;
      const p = await probe(r);
      if (!p || p.status !== 200) {
        unprobed.push(`${key(r)}: ${p ? `status ${p.status}` : 'no sample URL'} (add a sample, or an exempt entry with a reason)`);
        continue;
      }
      if (/\/(stats|summary)(\/|$)/.test(r.url) || p.figures.length) found[key(r)] = p.figures.join(', ') || 'statistics';
    }
    const missing = Object.keys(found)
      .filter((k) => !figures[k])
      .map((k) => `${k} (${found[k]}): no entry in figures (the list it must equal) nor in exempt`);
    const stale = [...Object.keys(figures), ...Object.keys(exempt), ...Object.values(figures).flatMap((f) => f.lists)]
      .filter((k) => !known.has(k))
      .map((k) => `${k}: not in the route table`);

    // 2. The walk.
    const uncovered: string[] = [];
    for (const [endpoint, entry] of Object.entries(figures)) {
      const route = routes.find((r) => key(r) === endpoint);
      if (!route) continue;
      // A route of no permission (a resident's, one's own job) is walked by whom its entry names.
      const may = (w: Walker) =>
        (route.permission ? w.permissions.has(route.permission) && w.kind === 'staff' : Boolean(entry.walks)) && (entry.walks?.(w) ?? true);
      for (const w of walkers.filter(may)) await entry.check(w, sayer(endpoint, w));
      const walked = new Set([...(pairs.get(endpoint)?.keys() ?? [])]);
      if (route.permission)
        for (const [role, held] of rolePermissions)
          if (held.has(route.permission) && !walkers.some((w) => w.roles[0] === role && walked.has(w.label)))
            uncovered.push(`${endpoint}: role ${role} holds ${route.permission} but was not walked`);
    }

    const report = [...pairs].map(([endpoint, by]) => `${endpoint}: ${[...by].map(([w, n]) => `${w} (${n})`).join(', ')}`);
    console.log(
      `figures walk: ${Object.keys(found).length} figure endpoints found, ${Object.keys(figures).length} in the table, ` +
        `${Object.keys(exempt).length} exempt; ${walkers.length} walkers\n` +
        `found: ${JSON.stringify(found, null, 1)}\n${report.join('\n')}\n` +
        `${mismatches.length} mismatches${mismatches.length ? `:\n${mismatches.join('\n')}` : ''}`,
    );
    expect({ missing, stale, unprobed, uncovered, mismatches }, mismatches.join('\n')).toEqual({
      missing: [],
      stale: [],
      unprobed: [],
      uncovered: [],
      mismatches: [],
    });
    expect(pairs.size).toBe(Object.keys(figures).length);
  }, 900_000);
});
