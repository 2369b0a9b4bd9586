/**
 * Social assistance benchmarks at Jining's scale (BENCH_RECIPIENTS, default 200,000 recipients in
 * 80,000 households; 1,000,000 for a province), on PostgreSQL:
 * - assistance.roll: the month's payment rolls of every county, built by the platform's roll job code
 *   over social assistance's programme; floor: one hand-written INSERT … SELECT copying the
 *   entitlements in force, with their payee's bank, into roll lines.
 * - assistance.recompute: a new year's 低保 standard recomputes every entitlement with its
 *   explanation, history and benefit records; floor: one hand-written statement (UPDATE … FROM with
 *   data-modifying CTEs) computing the same amounts and explanation text in SQL.
 * - assistance.worklist / assistance.search / assistance.recipients: a township worker's worklist,
 *   case search and recipient (救助对象) search by name, 50 clients;
 *   floor: a bare Fastify + pg endpoint running the same SQL.
 * - assistance.check: reply files of 7 agencies × 100,000 applicants matched by ID number;
 *   floor: the same CSV files parsed and their raw rows COPYed.
 */
import Fastify from 'fastify';
import pg from 'pg';
import { parse } from 'csv-parse/sync';
import { sql, type SQL } from 'drizzle-orm';
import { freshDatabase, load, people, report, serveAsClerk, time } from './support.js';
import { testConfig } from '../src/server/platform/config.js';
import { createDeps, firstStart } from '../src/server/bootstrap.js';
import { rows, survivesConnectionLoss } from '../src/server/platform/db/index.js';
import { newPlatformId } from '../src/server/modules/registry/persons.js';
import { buildRoll } from '../src/server/platform/payments/rolls.js';
import { recompute } from '../src/server/modules/assistance/entitlements/recompute.js';
import { agencies, importCheckReply } from '../src/server/modules/assistance/checks/check.js';
import type { Deps } from '../src/server/platform/deps.js';

export async function run(args: string[]): Promise<void> {
  const only = args[0];
  const recipients = Number(process.env.BENCH_RECIPIENTS ?? 200_000);
  const db = await freshDatabase();
  try {
    const deps = await createDeps(testConfig({ DATABASE_URL: db.url, JIMIN_READ_AUDIT_FLUSH_MS: 100 }), { inMemory: true });
    await firstStart(deps, () => {});
    const ids = await loadCity(deps, recipients);
    if (!only || only === 'roll') await rollBench(deps, recipients);
    if (!only || only === 'recompute') await recomputeBench(deps, recipients);
    if (!only || only === 'worklist') await latencyBench(deps, db.url, recipients);
    if (!only || only === 'check') await checkBench(deps, ids);
    await deps.readAudit.flush();
    await deps.database.close();
  } finally {
    if (process.env.BENCH_KEEP) console.error(`kept ${db.url}`);
    else await db.drop();
  }
}

/** Households of 2 and 3 members alternately (2.5 on average), each a 低保 entitlement in force, and a case each. */
async function loadCity(deps: Deps, recipients: number): Promise<string[]> {
  const database = deps.database;
  const villages = (await rows<{ code: string }>(database.db, sql`select code from divisions where level = 5 order by code`)).map(
    (r) => r.code,
  );
  const households = Math.round(recipients / 2.5);
  const idNumbers: string[] = [];
  await database.rawTransaction(async (tx) => {
    await tx.copyRows(
      'households',
      ['household_no', 'division_code', 'address'],
      (function* () {
        for (let h = 0; h < households; h++) yield [newPlatformId('H'), villages[(h * 7919) % villages.length], `测试路 ${h} 号`];
      })(),
    );
    const [{ base }] = await tx.query<{ base: string }>('select min(id) as base from households');
    const gen = people(recipients, villages);
    await tx.copyRows(
      'persons',
      ['platform_id', 'name', 'sex', 'birth_date', 'id_number_hash', 'hukou_division_code', 'hukou_type', 'household_id', 'relation'],
      (function* () {
        let i = 0;
        for (let h = 0; h < households && i < recipients; h++) {
          const size = h % 2 === 0 ? 2 : 3;
          const village = villages[(h * 7919) % villages.length];
          for (let k = 0; k < size && i < recipients; k++, i++) {
            const p = gen.next().value!;
            idNumbers.push(p.idNumber);
            yield [
              newPlatformId('P'),
              p.name,
              Number(p.idNumber[16]) % 2 ? 'male' : 'female',
              `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`,
              deps.cipher.lookupHash(p.idNumber),
              village,
              'urban',
              Number(base) + h,
              k === 0 ? 'head' : k === 1 ? 'spouse' : 'child',
            ];
          }
        }
      })(),
    );
    await tx.query(`update households h set head_person_id = p.id from persons p where p.household_id = h.id and p.relation = 'head'`);
    // Entitlements as approval leaves them: 924 × n − 500 (the head's business income), with inputs and explanation.
    await tx.query(`insert into assistance_entitlements (household_id, category, division_code, county_code, payee_person_id,
      covered_person_ids, monthly_fen, breakdown, inputs, start_month)
      select h.id, 'dibao', h.division_code, left(h.division_code, 6), min(p.id), jsonb_agg(p.id order by p.id), 92400 * count(*) - 50000,
        '924 × ' || count(*) || ' − 500 = ' || (924 * count(*) - 500) || ' 元',
        jsonb_build_object('category', 'dibao', 'month', '2026-01', 'countyCode', left(h.division_code, 6), 'hukouType', 'urban',
          'singleCoverage', false,
          'selfCareUnable', '[]'::jsonb, 'otherBenefits', '[]'::jsonb, 'standardFen', 92400,
          'members', jsonb_agg(jsonb_build_object('personId', p.id, 'name', p.name, 'covered', true,
            'incomes', case when p.relation = 'head' then '[{"kind":"business","monthlyFen":50000}]'::jsonb else '[]'::jsonb end) order by
              p.id)),
        '2026-01'
      from households h join persons p on p.household_id = h.id group by h.id`);
    // Each payee's account, as a grant leaves it (platform/payees).
    await tx.query(`insert into payee_accounts (programme, person_id, division_code, household_id, bank_name)
      select 'assistance', e.payee_person_id, e.division_code, e.household_id, '济宁银行' from assistance_entitlements e`);
    await tx.query(`insert into benefits (person_id, division_code, type, monthly_amount_fen, start_month, source, source_ref)
      select p.pid::bigint, e.division_code, 'dibao', e.monthly_fen / jsonb_array_length(e.covered_person_ids), e.start_month, 'module',
        'assistance_entitlement:' || e.id
      from assistance_entitlements e cross join lateral jsonb_array_elements_text(e.covered_person_ids) as p(pid)`);
    // A case per household: most approved, one in ten still open at some step (the worklists).
    const open = ['accepted', 'checking', 'visiting', 'township_review', 'awaiting_decision'];
    await tx.query(`insert into assistance_cases (case_no, category, household_id, applicant_person_id, division_code, channel, status,
      due_date, application)
      select '2026D' || lpad(h.id::text, 7, '0'), 'dibao', h.id, h.head_person_id, h.division_code, 'window',
        case when h.id % 10 = 0 then (array['${open.join("','")}'])[1 + (h.id / 10) % 5] else 'approved' end,
        case when h.id % 10 = 0 then date '2026-11-20' + (h.id % 30)::int else null end,
        jsonb_build_object('category', 'dibao', 'members', '[]'::jsonb)
      from households h`);
  });
  await database.db.execute(sql`vacuum analyze`);
  return idNumbers;
}

async function rollBench(deps: Deps, recipients: number) {
  const db = deps.database.db;
  const counties = (await rows<{ c: string }>(db, sql`select distinct county_code as c from assistance_entitlements order by 1`)).map(
    (r) => r.c,
  );
  const [, seconds] = await time(async () => {
    for (const county of counties) {
      const [roll] = await rows<{ id: number }>(
        db,
        sql`insert into payment_rolls (programme, county_code, month) values ('assistance', ${county}, '2026-12') returning id`,
      );
      await buildRoll(deps, Number(roll.id));
    }
  });
  await db.execute(
    sql`insert into payment_rolls (programme, county_code, month) select distinct 'assistance', county_code, '2026-10' from
      assistance_entitlements`,
  );
  const [, floor] = await time(() =>
    db.execute(sql`insert into payment_roll_lines (roll_id, record_id, household_id, division_code, benefit_type, payee_person_id,
      covered_count, amount_fen, breakdown, inputs, bank_name, bank_account_enc)
      select r.id, e.id, e.household_id, e.division_code, e.category, e.payee_person_id, jsonb_array_length(e.covered_person_ids),
        e.monthly_fen, e.breakdown, e.inputs, a.bank_name, a.bank_account_enc
      from assistance_entitlements e join payment_rolls r on r.county_code = e.county_code and r.month = '2026-10'
        left join payee_accounts a on a.programme = 'assistance' and a.person_id = e.payee_person_id
      where e.status = 'active' and e.monthly_fen > 0 and e.start_month <= '2026-10' and (e.end_month is null or e.end_month >=
        '2026-10')`),
  );
  const [{ n }] = await rows<{ n: string }>(
    db,
    sql`select count(*) as n from payment_roll_lines l join payment_rolls r on r.id = l.roll_id where r.month = '2026-12'`,
  );
  report({ bench: 'assistance.roll', n: recipients, seconds, floor_seconds: floor, lines: Number(n), counties: counties.length });
}

async function recomputeBench(deps: Deps, recipients: number) {
  const db = deps.database.db;
  const [standard] = await rows<{ id: number | string }>(
    db,
    sql`insert into policy_values (module, kind, effective_month, value) values ('assistance', 'dibao_urban', '2027-01', '100000'::jsonb)
      returning id`,
  );
  const [r, seconds] = await time(() => recompute(db, '2027-01', '低保标准调整为 1,000 元', null));
  if (r.changed !== r.checked) throw new Error(`recomputed ${r.changed} of ${r.checked}`);
  // What the app wrote, to hold the floor to the same amounts, explanations and inputs.
  await db.execute(sql`create table bench_recomputed as select id, monthly_fen, breakdown, inputs from assistance_entitlements`);
  const [, floor] = await time(() => db.execute(recomputeFloor(Number(standard.id))));
  const [{ n }] = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from assistance_entitlements e join bench_recomputed b using (id)
      where (e.monthly_fen, e.breakdown, e.inputs) is distinct from (b.monthly_fen, b.breakdown, b.inputs)`,
  );
  if (Number(n) !== 0) throw new Error(`the recompute floor differs from the app on ${n} entitlements`);
  await db.execute(sql`drop table bench_recomputed`);
  report({ bench: 'assistance.recompute', n: recipients, seconds, floor_seconds: floor, entitlements: r.checked });
}

/** 92400 → '924', 120050 → '1,200.50', as the breakdowns print amounts (src/shared/money.ts yuanShort). */
const yuanShortSql = (fen: SQL) =>
  sql`case when ${fen} % 100 = 0 then to_char(${fen} / 100, 'FM999,999,999,990') else to_char(${fen} / 100.0, 'FM999,999,999,990.00') end`;

/**
 * The floor of assistance.recompute: one hand-written statement doing the same work as the job for the
 * bench's 低保 households — the amount (standard × covered − counted income) and its explanation text
 * computed in SQL from the stored inputs, the entitlement updated, the change recorded in its
 * history, its benefit records ended and written anew from the month.
 */
function recomputeFloor(standardId: number): SQL {
  const fen = sql`c.fen`;
  return sql`with calc as (
      select e.id, e.monthly_fen as old, e.division_code, e.covered_person_ids, n.covered, inc.counted,
        100000 * n.covered - inc.counted as fen
      from assistance_entitlements e
      cross join lateral (select count(*) filter (where (m ->> 'covered')::boolean) as covered
        from jsonb_array_elements(e.inputs -> 'members') m) n
      cross join lateral (select coalesce(sum((i ->> 'monthlyFen')::int), 0) as counted
        from jsonb_array_elements(e.inputs -> 'members') m cross join lateral jsonb_array_elements(m -> 'incomes') i) inc
      where e.status = 'active' and e.category = 'dibao' and (e.end_month is null or e.end_month >= '2027-01')
        and not (e.inputs ? 'migrated')),
    updated as (
      update assistance_entitlements e set monthly_fen = c.fen,
        breakdown = '1,000 × ' || c.covered || ' − ' || ${yuanShortSql(sql`c.counted`)} || ' = ' || ${yuanShortSql(fen)} || ' 元',
        inputs = e.inputs || jsonb_build_object('month', '2027-01', 'standardFen', 100000, 'standardId', ${standardId}::int),
        version = e.version + 1, updated_at = now()
      from calc c where e.id = c.id
      returning e.id, c.old, e.monthly_fen, e.breakdown, e.division_code, e.covered_person_ids),
    history as (
      insert into assistance_entitlement_changes (entitlement_id, kind, effective_month, old_fen, new_fen, breakdown, reason)
      select id, 'recomputed', '2027-01', old, monthly_fen, breakdown, '低保标准调整为 1,000 元' from updated),
    gone as (
      delete from benefits b using updated u where b.source_ref = 'assistance_entitlement:' || u.id and b.start_month >= '2027-01'),
    ended as (
      update benefits b set end_month = '2026-12' from updated u
      where b.source_ref = 'assistance_entitlement:' || u.id and b.start_month < '2027-01'
        and (b.end_month is null or b.end_month >= '2027-01'))
    insert into benefits (person_id, division_code, type, monthly_amount_fen, start_month, source, source_ref, note)
    select p.pid::bigint, u.division_code, 'dibao',
      u.monthly_fen / k.n + case when p.ord = 1 then u.monthly_fen - (u.monthly_fen / k.n) * k.n else 0 end, '2027-01', 'module',
      'assistance_entitlement:' || u.id, '低保标准调整为 1,000 元'
    from updated u cross join lateral (select jsonb_array_length(u.covered_person_ids) as n) k
    cross join lateral jsonb_array_elements_text(u.covered_person_ids) with ordinality as p(pid, ord)`;
}

async function latencyBench(deps: Deps, url: string, recipients: number) {
  const township = '370811002';
  const { app, address, cookie } = await serveAsClerk(deps, township);
  const names = (
    await rows<{ name: string }>(
      deps.database.db,
      sql`select distinct left(p.name, 1) as name from assistance_cases c join persons p on p.id = c.applicant_person_id where c.division_code like ${township + '%'} limit 30`,
    )
  ).map((r) => r.name);
  const payees = (
    await rows<{ name: string }>(
      deps.database.db,
      sql`select distinct left(p.name, 1) as name from assistance_entitlements e join persons p on p.id = e.payee_person_id where e.division_code like ${township + '%'} limit 30`,
    )
  ).map((r) => r.name);

  // Floor: the same list and count SQL behind a bare endpoint (no session, scope building, audit, calendar).
  const pool = survivesConnectionLoss(new pg.Pool({ connectionString: url, max: 10 }));
  const bare = Fastify();
  const columns = `c.id, c.case_no, c.category, c.status, p.name as applicant_name, c.division_code,
    (select full_name from divisions d where d.code = c.division_code) as division_name, c.channel, c.staff_relative,
    c.due_date::text as due_date, c.due_provisional, c.case_due_date::text as case_due_date, c.created_at`;
  const waiting =
    "('submitted','supplementing','accepted','checking','visiting','township_review','notice','awaiting_decision','paid_first','approved')";
  bare.get('/worklist', async () => {
    const [list, count] = await Promise.all([
      pool.query(
        `select ${columns} from assistance_cases c join persons p on p.id = c.applicant_person_id where c.division_code like $1 and
          c.status in ${waiting} order by c.due_date nulls last, c.id limit 20`,
        [township + '%'],
      ),
      pool.query(`select count(*) from assistance_cases c where c.division_code like $1 and c.status in ${waiting}`, [township + '%']),
    ]);
    return { items: list.rows, total: count.rows[0].count };
  });
  bare.get('/search', async (req) => {
    const q = (req.query as { q: string }).q + '%';
    const [list, count] = await Promise.all([
      pool.query(
        `with c as materialized (select * from assistance_cases where division_code like $1) select ${columns} from c join persons p on
          p.id = c.applicant_person_id where p.name like $2 order by c.id desc limit 20`,
        [township + '%', q],
      ),
      pool.query(
        `with c as materialized (select * from assistance_cases where division_code like $1) select count(*) from c join persons p on p.id
          = c.applicant_person_id where p.name like $2`,
        [township + '%', q],
      ),
    ]);
    return { items: list.rows, total: count.rows[0].count };
  });
  const recipientColumns = `e.id, e.category, (select name from persons p where p.id = e.payee_person_id) as payee_name,
    (select full_name from divisions d where d.code = e.division_code) as division_name, jsonb_array_length(e.covered_person_ids) as
      covered,
    e.monthly_fen, e.breakdown, e.start_month, e.end_month, e.status, e.next_review_date::text as next_review_date,
      e.stop_notice_ends::text as stop_notice_ends`;
  const recipientWhere = `division_code like $1 and exists (select 1 from persons p where p.id = payee_person_id and p.name like $2)`;
  bare.get('/recipients', async (req) => {
    const params = [township + '%', (req.query as { q: string }).q + '%'];
    const [list, count] = await Promise.all([
      pool.query(
        `select ${recipientColumns} from assistance_entitlements e where e.id in (select id from assistance_entitlements where
          ${recipientWhere}) order by e.next_review_date nulls last, e.id limit 20`,
        params,
      ),
      pool.query(`select count(*) from assistance_entitlements where ${recipientWhere}`, params),
    ]);
    return { items: list.rows, total: count.rows[0].count };
  });
  const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
  const paths = {
    worklist: [['/api/assistance/worklist'], ['/worklist']],
    search: [names.map((n) => `/api/assistance/cases?q=${encodeURIComponent(n)}`), names.map((n) => `/search?q=${encodeURIComponent(n)}`)],
    recipients: [
      payees.map((n) => `/api/assistance/entitlements?q=${encodeURIComponent(n)}`),
      payees.map((n) => `/recipients?q=${encodeURIComponent(n)}`),
    ],
  };
  for (const kind of ['worklist', 'search', 'recipients'] as const) {
    const [real, floorPaths] = paths[kind];
    await load(address, cookie, real, '3');
    await load(bareAddress, '', floorPaths, '3');
    const r = await load(address, cookie, real);
    const f = await load(bareAddress, '', floorPaths);
    report({
      bench: `assistance.${kind}`,
      n: recipients,
      seconds: r.p99 / 1000,
      floor_seconds: f.p99 / 1000,
      p50_ms: r.p50,
      p99_ms: r.p99,
      floor_p99_ms: f.p99,
      requests: r.requests,
      errors: r.errors,
      connections: 50,
    });
  }
  await app.close();
  await bare.close();
  await pool.end();
}

/** 7 agencies × 100,000 applicants (the members of the households whose check is open). */
async function checkBench(deps: Deps, idNumbers: string[]) {
  const db = deps.database.db;
  const applicants = Math.min(100_000, idNumbers.length);
  // Households of the first `applicants` persons get an open check.
  await db.execute(sql`insert into assistance_checks (case_id, household_id, division_code)
    select c.id, c.household_id, c.division_code from assistance_cases c
    where c.household_id in (select distinct household_id from persons where id <= (select min(id) from persons) + ${applicants - 1})`);
  const files = Object.entries(agencies).map(([code, a]) => {
    const header = ['身份证号', '姓名', ...a.columns].join(',');
    const values = (i: number) =>
      a.columns.map((c) => (c.includes('元') ? String(1000 + (i % 5000)) : c.includes('平方米') ? '80' : `值${i % 100}`));
    const lines = [header];
    for (let i = 0; i < applicants; i++) lines.push([idNumbers[i], '某人', ...values(i)].join(','));
    return { code, content: Buffer.from(lines.join('\n'), 'utf8') };
  });
  const actor = {
    userId: 0,
    username: 'bench',
    kind: 'staff' as const,
    roles: [],
    permissions: new Set<never>(),
    divisionCode: '3708',
    organisationId: null,
    personId: null,
  };
  let matched = 0;
  const [, seconds] = await time(async () => {
    for (const f of files)
      matched += (await importCheckReply(deps, { actor, ip: '127.0.0.1' }, f.code, { name: `${f.code}.csv`, content: f.content }))
        .matchedPersons;
  });
  await db.execute(sql`create table floor_reply (c0 text, c1 text, c2 text, c3 text)`);
  const [, floor] = await time(async () => {
    for (const f of files) {
      const records = parse(f.content, { relax_column_count: true }) as string[][];
      await deps.database.rawTransaction((tx) =>
        tx.copyRows(
          'floor_reply',
          ['c0', 'c1', 'c2', 'c3'],
          records.slice(1).map((r) => [r[0], r[1], r[2] ?? null, r[3] ?? null]),
        ),
      );
    }
  });
  report({
    bench: 'assistance.check',
    n: applicants * files.length,
    seconds,
    floor_seconds: floor,
    agencies: files.length,
    matched_rows: matched,
  });
}
