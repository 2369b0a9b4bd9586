/**
 * The registry's part of the synthetic city (docs/synthetic-city.md): Jining's residents at the
 * build's scale (8,240,500 at scale 1) in households of realistic sizes spread evenly over the
 * city's villages and communities (the division data has no population figures), with valid ID
 * numbers, names, phones and ages; the ID numbers and phones encrypted with their lookup hashes, as
 * the registry's own forms write them (person-fields.ts encryptPerson); and the 困难残疾人生活补贴
 * records of 110,000 persons with a disability (seed 001). `--registry N` multiplies the residents.
 */
import { HOUSEHOLDS, type CityHouseholds, type PartContext, type SyntheticPart } from '../../platform/synthetic/city.js';
import { createRng, weighted } from '../../platform/synthetic/prng.js';
import { birthDateAt, chineseName, householdMembers, IdNumbers, mobilePhone, platformIds } from '../../platform/synthetic/people.js';

/** Residents of Jining (the figure, scale 1). */
export const RESIDENTS = 8_240_500;
/** 困难残疾人 given a living allowance (seed 001: 保障困难残疾人11万名). */
export const DISABILITY_ALLOWANCE_PERSONS = 110_000;
/** Share of residents with a registered disability (an assumed figure). */
export const DISABILITY_SHARE = 0.06;

const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild'] as const;
const MARITAL = ['unmarried', 'married', 'widowed', 'divorced'] as const;
const DISABILITY_TYPES = ['physical', 'visual', 'hearing', 'speech', 'intellectual', 'mental', 'multiple'] as const;
const disabilityTypeOf = weighted([30, 10, 20, 2, 8, 10, 20]);
const URBAN = /居民委员会|居委会|社区/;

export const registryPart: SyntheticPart = {
  name: 'registry',
  tables: ['benefits', 'person_events', 'person_relations', 'persons', 'households'],
  build: buildRegistry,
};

async function buildRegistry(ctx: PartContext): Promise<Record<string, number>> {
  const { tx, cipher, options } = ctx;
  const villageRows = await tx.query<{ code: string; name: string }>(
    `select code, name from divisions where level = 5 and code like $1 order by code`,
    [`${options.cityCode}%`],
  );
  if (!villageRows.length) throw new Error(`no villages of ${options.cityCode}: load the divisions first`);
  const villages = villageRows.map((v) => v.code);
  const villageUrban = villageRows.map((v) => URBAN.test(v.name));
  const counties = [...new Set(villages.map((v) => v.slice(0, 6)))];

  // Households and their members' relation, sex, age and marital status, the head first.
  const target = ctx.scaled(RESIDENTS);
  const shape = createRng(options.seed, 'registry.households');
  const relation: number[] = [];
  const sex: number[] = [];
  const age: number[] = [];
  const marital: number[] = [];
  const memberStart: number[] = [];
  while (relation.length < target) {
    memberStart.push(relation.length);
    for (const m of householdMembers(shape, target - relation.length)) {
      relation.push(RELATIONS.indexOf(m.relation));
      sex.push(m.sex === 'male' ? 1 : 0);
      age.push(m.age);
      marital.push(MARITAL.indexOf(m.maritalStatus));
    }
  }
  const householdCount = memberStart.length;
  memberStart.push(relation.length);

  // Evenly over the villages: round-robin over a shuffled order, so each holds ⌊H/V⌋ or ⌈H/V⌉ households.
  const order = villages.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = ctx.rng.int(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  const village = new Uint16Array(householdCount);
  const urban = new Uint8Array(householdCount);
  for (let h = 0; h < householdCount; h++) {
    village[h] = order[h % order.length];
    urban[h] = villageUrban[village[h]] ? 1 : 0;
  }

  // The persons' ids, known before they are written (one writer, identity sequences without a cache):
  // the households are written with their heads, and checked after the persons are.
  const expectedFirstPerson = await nextIdOf(ctx, 'persons');
  const householdNo = platformIds(createRng(options.seed, 'registry.household_no'), 'HH');
  const roads = '和平建设人民解放文化光明幸福团结';
  const households = await ctx.copy(
    'households',
    ['household_no', 'division_code', 'address', 'head_person_id'],
    (function* () {
      const rng = createRng(options.seed, 'registry.addresses');
      for (let h = 0; h < householdCount; h++) {
        const name = villageRows[village[h]].name.replace(/(村民委员会|居民委员会|村委会|居委会)$/, '');
        const address = urban[h]
          ? `${name}${rng.pick(roads)}${rng.pick(roads)}路 ${rng.between(1, 300)} 号 ${rng.between(1, 30)} 单元 ${rng.between(101, 1802)} 室`
          : `${name}${rng.between(1, 12)} 组 ${rng.between(1, 200)} 号`;
        yield [householdNo(h), villages[village[h]], address, expectedFirstPerson + memberStart[h]];
      }
    })(),
  );
  const firstHouseholdId = await firstIdOf(ctx, 'households', households);

  const personId = platformIds(createRng(options.seed, 'registry.platform_id'), 'JM');
  const ids = new IdNumbers(counties);
  const people = createRng(options.seed, 'registry.persons');
  const severe = new Uint8Array(relation.length);
  const disabled: number[] = [];
  const persons = await ctx.copy(
    'persons',
    [
      'platform_id',
      'name',
      'sex',
      'birth_date',
      'id_number_enc',
      'id_number_hash',
      'phone_enc',
      'phone_hash',
      'hukou_division_code',
      'hukou_type',
      'disability_type',
      'disability_grade',
      'household_id',
      'relation',
      'marital_status',
    ],
    (function* () {
      for (let h = 0; h < householdCount; h++) {
        const code = villages[village[h]];
        for (let i = memberStart[h]; i < memberStart[h + 1]; i++) {
          const s = sex[i] ? 'male' : 'female';
          const { idNumber, birthDate } = ids.next(code.slice(0, 6), birthDateAt(people, options.asOf, age[i]), s);
          const phone = age[i] >= 16 && people.chance(0.9) ? mobilePhone(people) : null;
          const isDisabled = people.chance(DISABILITY_SHARE);
          const grade = isDisabled ? people.between(1, 4) : null;
          if (isDisabled) disabled.push(i);
          if (grade !== null && grade <= 2) severe[i] = 1;
          yield [
            personId(i),
            chineseName(people, s),
            s,
            birthDate,
            cipher.encrypt(idNumber),
            cipher.lookupHash(idNumber),
            phone && cipher.encrypt(phone),
            phone && cipher.lookupHash(phone),
            code,
            urban[h] ? 'urban' : 'rural',
            isDisabled ? DISABILITY_TYPES[disabilityTypeOf(people)] : null,
            grade,
            firstHouseholdId + h,
            RELATIONS[relation[i]],
            age[i] >= 18 ? MARITAL[marital[i]] : null,
          ];
        }
      }
    })(),
  );
  const firstPersonId = await firstIdOf(ctx, 'persons', persons);
  if (firstPersonId !== expectedFirstPerson) throw new Error(`persons: ids from ${firstPersonId}, expected ${expectedFirstPerson}`);

  // 困难残疾人生活补贴 (seed 001): the first of a shuffled list of the persons with a disability.
  const allowance = Math.min(ctx.scaled(DISABILITY_ALLOWANCE_PERSONS), disabled.length);
  for (let i = 0; i < allowance; i++) {
    const j = i + ctx.rng.int(disabled.length - i);
    [disabled[i], disabled[j]] = [disabled[j], disabled[i]];
  }
  const householdOf = new Int32Array(relation.length);
  for (let h = 0; h < householdCount; h++) householdOf.fill(h, memberStart[h], memberStart[h + 1]);
  const benefits = await ctx.copy(
    'benefits',
    ['person_id', 'division_code', 'type', 'monthly_amount_fen', 'start_month', 'source', 'note'],
    (function* () {
      for (const i of disabled.slice(0, allowance).sort((a, b) => a - b))
        yield [
          firstPersonId + i,
          villages[village[householdOf[i]]],
          'disability_living',
          8000,
          '2024-01',
          'agency',
          '残联数据（合成数据）',
        ];
    })(),
  );

  const shared: CityHouseholds = {
    firstHouseholdId,
    householdCount,
    memberStart: Int32Array.from(memberStart),
    firstPersonId,
    personCount: persons,
    age: Uint8Array.from(age),
    severeDisability: severe,
    village,
    villages,
    urban,
    recordBenefits: async (select, params = []) =>
      (
        await tx.query(
          `insert into benefits (person_id, division_code, type, monthly_amount_fen, start_month, end_month, source, source_ref, note)
          select x.person_id, x.division_code, x.type, x.monthly_amount_fen, x.start_month, x.end_month, 'module', x.source_ref, x.note
          from (${select}) x returning 1`,
          params,
        )
      ).length,
  };
  ctx.shared.set(HOUSEHOLDS, shared);
  return { households, persons, disabilityAllowances: benefits };
}

/** The id the next row of `table` will get (its identity sequence's next value, not drawn). */
async function nextIdOf(ctx: PartContext, table: string): Promise<number> {
  const [{ s }] = await ctx.tx.query<{ s: string }>(`select pg_get_serial_sequence($1, 'id') as s`, [table]);
  const [seq] = await ctx.tx.query<{ last_value: string | number; is_called: boolean }>(`select last_value, is_called from ${s}`);
  return Number(seq.last_value) + (seq.is_called ? 1 : 0);
}

/** The first id of the `n` rows just copied into `table`, checked to be contiguous (one COPY, no other writer). */
export async function firstIdOf(ctx: PartContext, table: string, n: number): Promise<number> {
  const [{ max }] = await ctx.tx.query<{ max: string | number | null }>(`select max(id) as max from ${table}`);
  const first = Number(max) - n + 1;
  const [{ count }] = await ctx.tx.query<{ count: string | number }>(`select count(*) as count from ${table} where id >= $1`, [first]);
  if (Number(count) !== n) throw new Error(`${table}: the ${n} copied rows do not have contiguous ids`);
  return first;
}
