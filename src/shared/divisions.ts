/**
 * Division codes (docs/architecture.md "Growing past one machine"): 4 digits a city, 6 a county,
 * 9 a township or street, 12 a village or community; a code's prefix is its jurisdiction.
 */

/** The county (6 digits) a township's or village's code lies in. */
export const countyOf = (code: string): string => code.slice(0, 6);

/** Whether a code names a county or a level above it (a county-level body decides there). */
export const isCountyOrAbove = (code: string): boolean => code.length <= 6;
