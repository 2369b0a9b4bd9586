import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  countyOf,
  isBelowCounty,
  isCountyOrAbove,
  isVillage,
  levelOf,
  suggestedHukouType,
  townshipKind,
  townshipOf,
  villageKind,
} from './divisions.js';

const city = '3708';
const county = '370811';
const township = '370811002';
const village = '370811002001';

describe('division levels', () => {
  it("a division's level follows its code length: 4 city, 6 county, 9 township, 12 village", () => {
    expect(levelOf(city)).toBe('city');
    expect(levelOf(county)).toBe('county');
    expect(levelOf(township)).toBe('township');
    expect(levelOf(village)).toBe('village');
  });

  it('a code of any other length has no level (a province, a truncated or an overlong code)', () => {
    for (const bad of ['', '37', '37081', '3708110', '37081100', '3708110020', '37081100200', '3708110020011']) {
      expect(() => levelOf(bad)).toThrow(RangeError);
    }
  });

  it('a county, its townships and villages lie in the county of their first six digits; a city code stays as it is', () => {
    expect(countyOf(county)).toBe(county);
    expect(countyOf(township)).toBe(county);
    expect(countyOf(village)).toBe(county);
    expect(countyOf(city)).toBe(city);
  });

  it('countyOf does not check the code: an invalid length gives its first six digits', () => {
    expect(countyOf('3708110020')).toBe(county);
    expect(countyOf('37081')).toBe('37081');
  });

  it('a township and its villages lie in the township of their first nine digits', () => {
    expect(townshipOf(township)).toBe(township);
    expect(townshipOf(village)).toBe(township);
  });

  it('a county or a city is in no one township, and an invalid length has none', () => {
    expect(() => townshipOf(county)).toThrow(RangeError);
    expect(() => townshipOf(city)).toThrow(RangeError);
    expect(() => townshipOf('3708110020')).toThrow(RangeError);
    expect(() => townshipOf('37081100')).toThrow(RangeError);
  });

  it('a city or a county decides at county level; a township or a village is below the county', () => {
    expect([city, county, township, village].map(isCountyOrAbove)).toEqual([true, true, false, false]);
    expect([city, county, township, village].map(isBelowCounty)).toEqual([false, false, true, true]);
  });

  it('only a 12-digit code is a village or community', () => {
    expect([city, county, township, village].map(isVillage)).toEqual([false, false, false, true]);
  });
});

describe('villageKind', () => {
  it('reads a community or a village from the name, whatever the code says', () => {
    expect(villageKind('370811002001', '航运新村居委会')).toBe('community');
    expect(villageKind('370811002003', '颂运水庭社区居民委员会')).toBe('community');
    expect(villageKind('370811002401', '水稻研究所社区')).toBe('community');
    expect(villageKind('370811002201', '甄庄村村委会')).toBe('village');
    expect(villageKind('370811002099', '某某村')).toBe('village');
  });

  it('falls back to the code range when the name says neither (or is not known)', () => {
    expect(villageKind('370829102279', '陈凡庄村村委委员会')).toBe('village');
    expect(villageKind('370829102401', '工矿管理区')).toBe('community');
    expect(villageKind('370811009501', '种猪场生活区')).toBe('village');
    expect(villageKind('370811002004')).toBe('community');
    expect(villageKind('370811002000')).toBeNull();
    expect(villageKind('370811002')).toBeNull();
  });

  it('suggests 城镇 for a community and 农村 for a village', () => {
    expect(suggestedHukouType('community')).toBe('urban');
    expect(suggestedHukouType('village')).toBe('rural');
  });
});

describe('township kinds (乡镇、街道、类似乡级单位)', () => {
  const file = JSON.parse(readFileSync(new URL('../server/platform/divisions/data/3708.json', import.meta.url), 'utf8')) as {
    divisions: [string, string, string | null, number][];
  };
  const townships = file.divisions.filter(([, , , level]) => level === 4);

  it('the data has 158 township-level units: the 156 乡镇（街道） the bureau counts and 2 类似乡级单位', () => {
    expect(townships).toHaveLength(158);
    const similar = townships.filter(([code]) => townshipKind(code) === 'similar');
    expect(similar.map(([code, name]) => `${code} ${name}`)).toEqual(['370811401 济东物业服务中心', '370829400 嘉祥经济开发区管理委员会']);
    expect(townships.length - similar.length).toBe(156);
  });

  it('a code’s digits 7–9 say street, town or 乡, and every shipped name agrees', () => {
    const suffix = { street: '街道', town: '镇', xiang: '乡' } as const;
    for (const [code, name] of townships) {
      const kind = townshipKind(code);
      if (kind && kind !== 'similar') expect(name.endsWith(suffix[kind]), `${code} ${name}`).toBe(true);
    }
    // 撤镇设街: 汶上县南站镇 is 南站街道 in the data, with a street's code.
    expect(townships.find(([code]) => code === '370830003')?.[1]).toBe('南站街道');
    expect(townshipKind('370830003')).toBe('street');
    expect(townshipKind('370811')).toBeNull();
  });
});
