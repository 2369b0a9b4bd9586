/**
 * Generators of the synthetic city's people: Chinese names, valid resident ID numbers (GB 11643:
 * address code, birth date, sequence with its sex digit, check digit), mobile phones, household
 * compositions of realistic sizes and ages, platform identifiers. Every draw comes from a seeded
 * stream (prng.ts). The figures used here are assumed, not from the seeds (docs/synthetic-city.md
 * "Figures").
 */
import { generateResidentId } from '../../../shared/validation/resident-id.js';
import { weighted, type Rng } from './prng.js';

// The hundred commonest surnames, most frequent first; weights fall off like the real distribution.
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const surnameOf = weighted([...SURNAMES].map((_, i) => 1 / (i + 4)));
const MALE = '伟强磊军洋勇杰涛明超刚平辉鹏华飞鑫波斌宇浩凯健俊帆帅旭宁龙林阳峰建国志海立新春生东文博然航晨睿轩泽昊';
const FEMALE = '芳娜秀英敏静丽艳娟霞燕玲桂兰萍红梅琳莉雪慧颖倩婷佳琪欣怡雨萱梓涵子悦可馨思月彤蕾洁晶露瑶妍';

export function chineseName(rng: Rng, sex: 'male' | 'female'): string {
  const chars = sex === 'male' ? MALE : FEMALE;
  const surname = SURNAMES[surnameOf(rng)];
  return rng.chance(0.7) ? surname + rng.pick(chars) + rng.pick(chars) : surname + rng.pick(chars);
}

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '155',
  '157',
  '158',
  '159',
  '176',
  '178',
  '180',
  '182',
  '186',
  '187',
  '188',
  '199',
];

export function mobilePhone(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(100_000_000)).padStart(8, '0');
}

// Crockford-style alphabet, as newPlatformId (src/server/modules/registry/persons.ts).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SPACE = 1n << 50n;

/**
 * Platform identifiers ('JM…' for persons, 'HH…' for households) that look random but are distinct
 * by construction: the n-th is (n × a + b) mod 2^50 with a odd (a bijection), written in 10 base-32
 * characters. Random ones of the same length (newPlatformId) collide with none of them but by
 * chance (one in 2^50 per pair).
 */
export function platformIds(rng: Rng, prefix: 'JM' | 'HH'): (n: number) => string {
  const a = (BigInt(rng.int(2 ** 24)) * BigInt(2 ** 25) + BigInt(rng.int(2 ** 25))) * 2n + 1n;
  const b = BigInt(rng.int(2 ** 25)) * BigInt(2 ** 25) + BigInt(rng.int(2 ** 25));
  return (n) => {
    let v = (BigInt(n) * a + b) % SPACE;
    let out = '';
    for (let i = 0; i < 10; i++) {
      out = ALPHABET[Number(v & 31n)] + out;
      v >>= 5n;
    }
    return prefix + out;
  };
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(1900, 0, 1);
const DAYS = 50_000; // 1900-01-01 … 2036

/**
 * Resident ID numbers unique by construction: for each (county, birth date, sex) a counter over the
 * 500 sequence codes of that sex (odd for men, even for women). A full day (500 people of one sex
 * born in one county on one day, never reached at Jining's scale) moves the birth a day earlier.
 */
export class IdNumbers {
  private readonly counters: Uint16Array;
  private readonly countyIndex = new Map<string, number>();

  constructor(counties: readonly string[]) {
    counties.forEach((c, i) => this.countyIndex.set(c, i));
    this.counters = new Uint16Array(counties.length * DAYS * 2);
  }

  /** An ID number for a person of `sex` born on `birthDate` in `county`, and the birth date it encodes. */
  next(county: string, birthDate: string, sex: 'male' | 'female'): { idNumber: string; birthDate: string } {
    const c = this.countyIndex.get(county);
    if (c === undefined) throw new RangeError(`unknown county ${county}`);
    let day = Math.round((Date.parse(`${birthDate}T00:00:00Z`) - EPOCH) / DAY);
    for (;;) {
      const slot = (c * DAYS + day) * 2 + (sex === 'male' ? 1 : 0);
      const k = this.counters[slot];
      if (k < 500) {
        this.counters[slot] = k + 1;
        const date = dateOfDay(day);
        return {
          idNumber: generateResidentId({ addressCode: county, birthDate: date, seq: k * 2 + (sex === 'male' ? 1 : 0) }),
          birthDate: date,
        };
      }
      day -= 1;
    }
  }
}

const dateOfDay = (day: number) => new Date(EPOCH + day * DAY).toISOString().slice(0, 10);

/** A birth date `age` whole years before `asOf` (a random day within that year of age). */
export function birthDateAt(rng: Rng, asOf: string, age: number): string {
  const ref = Date.parse(`${asOf}T00:00:00Z`);
  const y = new Date(ref).getUTCFullYear() - age;
  const latest = Date.UTC(y, new Date(ref).getUTCMonth(), new Date(ref).getUTCDate());
  return dateOfDay(Math.round((latest - rng.int(365) * DAY - EPOCH) / DAY));
}

/** Household sizes 1–6 (share of households): the shape of the 2020 census, an assumed figure. */
export const HOUSEHOLD_SIZE_WEIGHTS = [25.4, 29.7, 20.9, 13.2, 6.5, 4.3] as const;
const householdSize = weighted(HOUSEHOLD_SIZE_WEIGHTS);
export const MEAN_HOUSEHOLD_SIZE =
  HOUSEHOLD_SIZE_WEIGHTS.reduce((s, w, i) => s + w * (i + 1), 0) / HOUSEHOLD_SIZE_WEIGHTS.reduce((s, w) => s + w, 0);

// The head's age by ten-year band from 20 (20–29 … 90–99): an assumed figure.
const HEAD_AGE_WEIGHTS = [6, 15, 20, 22, 19, 12, 5, 1];
const headAgeBand = weighted(HEAD_AGE_WEIGHTS);

export interface Member {
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'grandchild';
  sex: 'male' | 'female';
  age: number;
  maritalStatus: 'unmarried' | 'married' | 'widowed' | 'divorced';
}

/** A household's members, the head first, of at most `maxSize` persons. */
export function householdMembers(rng: Rng, maxSize: number): Member[] {
  const size = Math.min(maxSize, householdSize(rng) + 1);
  const headAge = 20 + headAgeBand(rng) * 10 + rng.int(10);
  const headSex = rng.chance(0.72) ? 'male' : 'female';
  const other = (s: 'male' | 'female') => (s === 'male' ? 'female' : 'male');
  const members: Member[] = [];
  const married = size >= 2 && headAge < 88 && rng.chance(0.88);
  members.push({
    relation: 'head',
    sex: headSex,
    age: headAge,
    maritalStatus: married
      ? 'married'
      : headAge >= 65
        ? 'widowed'
        : headAge < 30
          ? 'unmarried'
          : rng.chance(0.5)
            ? 'divorced'
            : 'unmarried',
  });
  if (married)
    members.push({ relation: 'spouse', sex: other(headSex), age: Math.max(20, headAge + rng.between(-6, 4)), maritalStatus: 'married' });
  let parentAdded = false;
  while (members.length < size) {
    if (!parentAdded && headAge < 50 && rng.chance(0.35)) {
      parentAdded = true;
      members.push({
        relation: 'parent',
        sex: rng.chance(0.5) ? 'male' : 'female',
        age: Math.min(99, headAge + rng.between(22, 32)),
        maritalStatus: 'widowed',
      });
      continue;
    }
    const grand = headAge >= 58 && rng.chance(0.5);
    const age = Math.max(0, headAge - (grand ? rng.between(46, 62) : rng.between(22, 36)));
    members.push({
      relation: grand ? 'grandchild' : 'child',
      sex: rng.chance(0.52) ? 'male' : 'female',
      age,
      maritalStatus: age >= 28 && rng.chance(0.6) ? 'married' : 'unmarried',
    });
  }
  return members;
}

/**
 * `n` residents of the synthetic city outside a database (a roster file, a benchmark's own table):
 * members of households of the same sizes and ages, each household in the next village of
 * `villages` in turn, with valid unique ID numbers, names and mobile phones.
 */
export function* residents(
  rng: Rng,
  n: number,
  villages: readonly string[],
  asOf: string,
): Generator<{
  name: string;
  idNumber: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string;
  village: string;
  relation: Member['relation'];
}> {
  const ids = new IdNumbers([...new Set(villages.map((v) => v.slice(0, 6)))]);
  let made = 0;
  for (let h = 0; made < n; h++) {
    const village = villages[h % villages.length];
    for (const m of householdMembers(rng, n - made)) {
      const { idNumber, birthDate } = ids.next(village.slice(0, 6), birthDateAt(rng, asOf, m.age), m.sex);
      yield { name: chineseName(rng, m.sex), idNumber, sex: m.sex, birthDate, phone: mobilePhone(rng), village, relation: m.relation };
      made++;
    }
  }
}
