/**
 * Division codes (docs/architecture.md "Growing past one machine"): 4 digits a city, 6 a county,
 * 9 a township or street, 12 a village or community; a code's prefix is its jurisdiction.
 */

/** A division's level: 市 (4 digits), 县（市、区） (6), 乡镇（街道） (9), 村（社区） (12). */
export type DivisionLevel = 'city' | 'county' | 'township' | 'village';

const LEVEL_BY_LENGTH: Readonly<Record<number, DivisionLevel>> = { 4: 'city', 6: 'county', 9: 'township', 12: 'village' };

/**
 * The level of a division, from the length of its code: 4 digits a city, 6 a county, 9 a township
 * or street, 12 a village or community. Throws for any other length (a province's 2 digits
 * included): the codes it is given are a user's jurisdiction or a stored division, never a guess.
 */
export function levelOf(code: string): DivisionLevel {
  const level = LEVEL_BY_LENGTH[code.length];
  if (!level) throw new RangeError(`not a division code (4, 6, 9 or 12 digits): ${JSON.stringify(code)}`);
  return level;
}

/**
 * The county (6 digits) a county's, township's or village's code lies in: its first six digits. It
 * does not check the code: a city's code (4 digits) comes back as it is, so a policy looked up for
 * it is the city's.
 */
export const countyOf = (code: string): string => code.slice(0, 6);

/**
 * The township or street (9 digits) a township's or village's code lies in. Throws for a county, a
 * city or a code of another length: its callers hold a code below a county (a case's village, a
 * township or village user), where a missing township is a bug; test `isBelowCounty` first where a
 * higher level may come.
 */
export function townshipOf(code: string): string {
  const level = levelOf(code);
  if (level !== 'township' && level !== 'village') throw new RangeError(`${code} is a ${level}'s code, not in one township`);
  return code.slice(0, 9);
}

/** Whether a code names a county or a level above it (a county-level body decides there). */
export const isCountyOrAbove = (code: string): boolean => code.length <= 6;

/** Whether a code names a township or a village (9 or 12 digits), below the county that decides. */
export const isBelowCounty = (code: string): boolean => code.length > 6;

/** Whether a code names a village or community (12 digits), the level a person's 户籍地 is recorded at. */
export const isVillage = (code: string): boolean => code.length === 12;

/** What a village-level division (12 digits) is: a community (社区、居委会) or a village (村). */
export type VillageKind = 'community' | 'village';

const COMMUNITY_NAME = /(社区|居委会|居民委员会|居民委会)$/;
const VILLAGE_NAME = /(村委会|村民委员会|村)$/;

/**
 * The kind of a village-level division, from its name (…社区居民委员会、…居委会 / …村委会、…村) or,
 * when the name says neither, from its code: the statistical division codes number 居民委员会
 * 001–199, 村民委员会 200–399, 类似居委会 400–499, 类似村委会 500–599 (the 3708 data agree with the
 * names in every one of the 4,917 names that say). Null for another level or an unknown range.
 */
export function villageKind(code: string, name?: string | null): VillageKind | null {
  if (!isVillage(code)) return null;
  const n = name?.trim() ?? '';
  if (COMMUNITY_NAME.test(n)) return 'community';
  if (VILLAGE_NAME.test(n)) return 'village';
  const seq = Number(code.slice(9));
  if (seq >= 1 && seq <= 199) return 'community';
  if (seq >= 200 && seq <= 399) return 'village';
  if (seq >= 400 && seq <= 499) return 'community';
  if (seq >= 500 && seq <= 599) return 'village';
  return null;
}

/** The 城乡类别 a division's kind suggests (a proposal to confirm, never a silent default). */
export const suggestedHukouType = (kind: VillageKind): 'urban' | 'rural' => (kind === 'community' ? 'urban' : 'rural');

/** How a kind is named to the user. */
export const villageKindNames: Record<VillageKind, string> = { community: '社区（居委会）', village: '村' };

/** What a township-level division (9 digits) is: 街道, 镇, 乡, or a 类似乡级单位 (a development zone, a service centre). */
export type TownshipKind = 'street' | 'town' | 'xiang' | 'similar';

/** How a township kind is named to the user. */
export const townshipKindNames: Record<TownshipKind, string> = { street: '街道', town: '镇', xiang: '乡', similar: '类似乡级单位' };

/**
 * The kind of a township-level division from its code (统计用区划代码: digits 7–9 001–099 街道, 100–199
 * 镇, 200–399 乡, 400–599 类似乡级单位). The bureau's 乡镇（街道） counts (156 in Jining's 2023 report)
 * leave the 类似乡级单位 out; the tree keeps them, as people are registered there (docs/rules.md
 * "Dated divisions (区划变更)"). Null for another level.
 */
export function townshipKind(code: string): TownshipKind | null {
  if (code.length !== 9) return null;
  const seq = Number(code.slice(6));
  if (seq >= 1 && seq <= 99) return 'street';
  if (seq >= 100 && seq <= 199) return 'town';
  if (seq >= 200 && seq <= 399) return 'xiang';
  return 'similar';
}
