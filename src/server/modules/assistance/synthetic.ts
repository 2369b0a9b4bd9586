/**
 * Social assistance's part of the synthetic city (docs/synthetic-city.md): 低保 households covering
 * 160,000 recipients and 33,000 特困 persons at scale 1 (seed 001: 保障城乡低保对象16.03万名、特困人员
 * 3.32万名), drawn from the registry part's households, as the recipient roster migration leaves
 * them (entitlements/migrate.ts): an entitlement in force with its covered members, amount,
 * explanation, inputs and history row, the members' benefit records, and the payee's bank account
 * (encrypted). Amounts use the standards of seed 002 (policy/jining-policy.json): 低保 924/745 元 a
 * person, 特困 1,202/969 元 plus the care standard. `--assistance N` multiplies both figures.
 */
import { addDays, addMonths, monthOf } from '../../../shared/dates.js';
import { yuanShort } from '../../../shared/money.js';
import { HOUSEHOLDS, type CityHouseholds, type PartContext, type SyntheticPart } from '../../platform/synthetic/city.js';
import { ASSISTANCE_PROGRAMME } from './entitlements/account.js';
import { PERSONS_VIEW } from '../registry/read.js';

/** Seed 001, rounded as the issue states them. */
export const DIBAO_RECIPIENTS = 160_000;
export const TEKUN_RECIPIENTS = 33_000;

const DIBAO_FEN = { urban: 92_400, rural: 74_500 };
const TEKUN_BASIC_FEN = { urban: 120_200, rural: 96_900 };
const CARE_TOTAL_FEN = 70_200;
const CARE_SELF_FEN = 11_700;
const BANKS = ['济宁银行', '中国农业银行', '中国邮政储蓄银行', '山东省农村信用社', '中国工商银行', '中国建设银行'];

export const assistancePart: SyntheticPart = {
  name: 'assistance',
  tables: [
    'assistance_entitlement_changes',
    'assistance_entitlements',
    'assistance_actions',
    'assistance_documents',
    'assistance_cases',
    'payee_account_changes',
    'payee_accounts',
  ],
  build: buildAssistance,
};

async function buildAssistance(ctx: PartContext): Promise<Record<string, number>> {
  const r = ctx.shared.get(HOUSEHOLDS) as CityHouseholds | undefined;
  if (!r) throw new Error('the assistance part needs the registry part before it');
  const { rng, tx, cipher, options } = ctx;
  const sizeOf = (h: number) => r.memberStart[h + 1] - r.memberStart[h];

  // 特困: persons living alone aged 60 or more, or severely disabled (特困人员认定: no one able to support them).
  const tekunWanted = ctx.scaled(TEKUN_RECIPIENTS);
  const alone: number[] = [];
  for (let h = 0; h < r.householdCount; h++) {
    const i = r.memberStart[h];
    if (sizeOf(h) === 1 && (r.age[i] >= 60 || (r.severeDisability[i] && r.age[i] >= 16))) alone.push(h);
  }
  const tekun = partialShuffle(alone, Math.min(tekunWanted, alone.length), rng.int);
  const taken = new Uint8Array(r.householdCount);
  for (const h of tekun) taken[h] = 1;

  // 低保: whole households until exactly the wanted number of recipients (a household that would pass it is skipped).
  const dibaoWanted = ctx.scaled(DIBAO_RECIPIENTS);
  const rest: number[] = [];
  for (let h = 0; h < r.householdCount; h++) if (!taken[h]) rest.push(h);
  const dibao: number[] = [];
  let covered = 0;
  for (let k = 0; k < rest.length && covered < dibaoWanted; k++) {
    const j = k + rng.int(rest.length - k);
    [rest[k], rest[j]] = [rest[j], rest[k]];
    const h = rest[k];
    if (covered + sizeOf(h) > dibaoWanted) continue;
    dibao.push(h);
    covered += sizeOf(h);
  }

  await tx.query(`create temp table synthetic_assistance (household_id bigint, category text, division_code text, first_person bigint,
    last_person bigint, hukou_type text, fen int, breakdown text, start_month text, review date, bank_name text, account_enc text)
    on commit drop`);
  const month = monthOf(options.asOf);
  const rows = function* () {
    for (const [category, list] of [
      ['tekun', tekun],
      ['dibao', dibao],
    ] as const) {
      for (const h of [...list].sort((a, b) => a - b)) {
        const kind = r.urban[h] ? 'urban' : 'rural';
        const n = sizeOf(h);
        let fen: number;
        let breakdown: string;
        if (category === 'dibao') {
          fen = DIBAO_FEN[kind] * n;
          breakdown = `低保标准 ${yuanShort(DIBAO_FEN[kind])} 元 × ${n} 人 = ${yuanShort(fen)} 元`;
        } else {
          const care = r.severeDisability[r.memberStart[h]] ? CARE_TOTAL_FEN : CARE_SELF_FEN;
          fen = TEKUN_BASIC_FEN[kind] + care;
          breakdown = `基本生活标准 ${yuanShort(TEKUN_BASIC_FEN[kind])} 元 + 照料护理标准 ${yuanShort(care)} 元 = ${yuanShort(fen)} 元`;
        }
        const account = `6${String(rng.int(1e9)).padStart(9, '0')}${String(rng.int(1e9)).padStart(9, '0')}`;
        yield [
          r.firstHouseholdId + h,
          category,
          r.villages[r.village[h]],
          r.firstPersonId + r.memberStart[h],
          r.firstPersonId + r.memberStart[h + 1] - 1,
          kind,
          fen,
          breakdown,
          addMonths(month, -rng.between(1, 36)),
          addDays(options.asOf, rng.between(1, 90)),
          rng.pick(BANKS),
          cipher.encrypt(account),
        ];
      }
    }
  };
  await ctx.copy(
    'synthetic_assistance',
    [
      'household_id',
      'category',
      'division_code',
      'first_person',
      'last_person',
      'hukou_type',
      'fen',
      'breakdown',
      'start_month',
      'review',
      'bank_name',
      'account_enc',
    ],
    rows(),
  );
  // The head is the payee; the members (the head first) are covered, with their names as the registry holds them.
  const [{ n: entitlements }] = await tx.query<{ n: string | number }>(
    `with e as (
      insert into assistance_entitlements (household_id, category, division_code, county_code, payee_person_id, covered_person_ids,
        monthly_fen, breakdown, inputs, start_month, next_review_date, support_mode, support_mode_confirmed, support_mode_since)
      select s.household_id, s.category, s.division_code, left(s.division_code, 6), s.first_person, m.ids, s.fen, s.breakdown,
        jsonb_build_object('category', s.category, 'migrated', true, 'hukouType', s.hukou_type, 'countyCode', left(s.division_code, 6),
          'month', s.start_month, 'members', m.members),
        s.start_month, s.review,
        case when s.category = 'tekun' then 'scattered' end, case when s.category = 'tekun' then false end,
        case when s.category = 'tekun' then (s.start_month || '-01')::date end
      from synthetic_assistance s
      cross join lateral (select jsonb_agg(p.id order by p.id) as ids,
          jsonb_agg(jsonb_build_object('personId', p.id, 'name', p.name, 'covered', true, 'incomes', '[]'::jsonb) order by p.id) as members
        from ${PERSONS_VIEW} p where p.id between s.first_person and s.last_person) m
      order by s.household_id, s.category
      returning id, start_month, monthly_fen, breakdown)
    , c as (insert into assistance_entitlement_changes (entitlement_id, kind, effective_month, new_fen, breakdown, reason)
      select id, 'migrated', start_month, monthly_fen, breakdown, $1 from e returning 1)
    select count(*) as n from c`,
    [`合成数据（种子 ${options.seed}）`],
  );
  // The members' benefit records, shared out as writeBenefitRecordsInTx does (the remainder to the first).
  await r.recordBenefits(`select p.pid::bigint as person_id, e.division_code, e.category as type,
      (e.monthly_fen / k.n) + case when p.ord = 1 then e.monthly_fen - (e.monthly_fen / k.n) * k.n else 0 end as monthly_amount_fen,
      e.start_month, e.end_month, 'assistance_entitlement:' || e.id as source_ref, '社会救助审批'::text as note
    from assistance_entitlements e
    cross join lateral (select jsonb_array_length(e.covered_person_ids) as n) k
    cross join lateral jsonb_array_elements_text(e.covered_person_ids) with ordinality as p(pid, ord)
    where e.household_id in (select household_id from synthetic_assistance)
    order by e.id, p.ord`);
  await tx.query(
    `insert into payee_accounts (programme, person_id, division_code, household_id, bank_name, bank_account_enc)
    select $1, e.payee_person_id, e.division_code, e.household_id, s.bank_name, s.account_enc
    from assistance_entitlements e join synthetic_assistance s on s.household_id = e.household_id and s.category = e.category
    order by e.id`,
    [ASSISTANCE_PROGRAMME],
  );
  return { dibaoHouseholds: dibao.length, dibaoRecipients: covered, tekunRecipients: tekun.length, entitlements: Number(entitlements) };
}

/** The first `k` of `list` after a partial Fisher–Yates shuffle. */
function partialShuffle(list: number[], k: number, int: (n: number) => number): number[] {
  for (let i = 0; i < k; i++) {
    const j = i + int(list.length - i);
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list.slice(0, k);
}
