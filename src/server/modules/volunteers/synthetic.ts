/**
 * 志愿服务's part of the synthetic city (docs/synthetic-city.md): 1,440,000 registered volunteers at
 * scale 1 (seeds: 注册志愿者144万人, 17.2 % of the 2020 census's 8.37 million residents), drawn at
 * random among the registry part's residents aged 18 and over (the part generates no guardian
 * relations, so no minor), each with their village as residence, one to three service categories, one
 * or two available times, sometimes a skill, a registration date in the eight years before the build's
 * day and its source; 2 % 注销. Written with COPY; each record's history row is one INSERT … SELECT.
 * `--volunteers N` multiplies the figure.
 */
import { addDays } from '../../../shared/dates.js';
import { availableTimes, serviceCategories } from '../../../shared/volunteers/codes.js';
import { HOUSEHOLDS, type CityHouseholds, type PartContext, type SyntheticPart } from '../../platform/synthetic/city.js';

/** Seeds 000 and 001: 全市注册志愿者144万人，占常住人口的17.2%. */
export const REGISTERED_VOLUNTEERS = 1_440_000;

const CATEGORIES = Object.keys(serviceCategories);
const TIMES = Object.keys(availableTimes);
const SKILLS = ['急救', '心理疏导', '电脑维修', '书法', '摄影', '驾驶', '理发', '家电维修', '外语', '法律咨询', '中医推拿', '文艺演出'];
/** Assumed shares: 居民门户 60 %, 窗口 35 %, 批量导入 5 %. */
const SOURCES: [string, number][] = [
  ['portal', 0.6],
  ['window', 0.95],
  ['import', 1],
];

export const volunteersPart: SyntheticPart = {
  name: 'volunteers',
  tables: ['volunteer_history', 'volunteers'],
  build: buildVolunteers,
};

async function buildVolunteers(ctx: PartContext): Promise<Record<string, number>> {
  const r = ctx.shared.get(HOUSEHOLDS) as CityHouseholds | undefined;
  if (!r) throw new Error('the volunteers part needs the registry part before it');
  const { rng, tx, options } = ctx;
  const adults: number[] = [];
  const villageOf = new Int32Array(r.personCount);
  for (let h = 0; h < r.householdCount; h++)
    for (let i = r.memberStart[h]; i < r.memberStart[h + 1]; i++) {
      villageOf[i] = r.village[h];
      if (r.age[i] >= 18) adults.push(i);
    }
  const wanted = Math.min(ctx.scaled(REGISTERED_VOLUNTEERS), adults.length);
  for (let k = 0; k < wanted; k++) {
    const j = k + rng.int(adults.length - k);
    [adults[k], adults[j]] = [adults[j], adults[k]];
  }
  const chosen = adults.slice(0, wanted).sort((a, b) => a - b);
  const some = (list: string[], max: number) => {
    const n = 1 + rng.int(max);
    const out = new Set<string>();
    while (out.size < n) out.add(rng.pick(list));
    return JSON.stringify([...out].sort((a, b) => list.indexOf(a) - list.indexOf(b)));
  };
  const [{ before }] = await tx.query<{ before: string }>(`select coalesce(max(id), 0)::text as before from volunteers`);
  let deregistered = 0;
  const written = await ctx.copy(
    'volunteers',
    [
      'person_id',
      'division_code',
      'skills',
      'categories',
      'available_times',
      'source',
      'status',
      'registered_on',
      'deregistered_on',
      'deregister_reason',
    ],
    (function* () {
      for (const i of chosen) {
        const registeredOn = addDays(options.asOf, -rng.int(8 * 365));
        const draw = rng.next();
        const source = SOURCES.find(([, upTo]) => draw < upTo)![0];
        const gone = rng.chance(0.02);
        if (gone) deregistered++;
        yield [
          r.firstPersonId + i,
          r.villages[villageOf[i]],
          rng.chance(0.3) ? JSON.stringify([rng.pick(SKILLS)]) : '[]',
          some(CATEGORIES, 3),
          some(TIMES, 2),
          source,
          gone ? 'deregistered' : 'registered',
          registeredOn,
          gone ? options.asOf : null,
          gone ? '本人申请退出' : null,
        ];
      }
    })(),
  );
  // Each record's history: its registration (and its 注销), as the use cases write them.
  await tx.query(
    `insert into volunteer_history (volunteer_id, action, actor_name, reason, data, at)
    select id, 'register', '合成数据', null, jsonb_build_object('source', source), registered_on::timestamptz from volunteers where id > $1
    union all
    select id, 'deregister', '合成数据', deregister_reason, jsonb_build_object('deregisteredOn', deregistered_on::text),
      deregistered_on::timestamptz from volunteers where id > $1 and status = 'deregistered'`,
    [before],
  );
  return { volunteers: written, deregistered };
}
