/**
 * The division tree (GET /api/divisions/children, /search, /:code; public data): the contract both
 * sides hold (docs/api.md "Divisions"). Levels: 2 city, 3 county, 4 township, 5 village/community.
 */
import { z } from 'zod';

const code = z.string().regex(/^\d{2,12}$/, '行政区划代码应为数字');

export const divisionChildrenInput = z.object({ parent: code.optional() });
export const divisionSearchInput = z.object({ q: z.string().trim().min(1).max(40) });
export const divisionParams = z.object({ code });

/** A node of the tree as a picker loads it, a level at a time. */
export const divisionNode = z.object({ code: z.string(), name: z.string(), level: z.number(), hasChildren: z.boolean() });
export type DivisionNode = z.infer<typeof divisionNode>;
export const divisionChildren = z.array(divisionNode);

/** One division with the path from the top of the tree down to its parent. */
export const divisionDetail = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number(),
  fullName: z.string(),
  path: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The day it ended, for a division a change re-coded, merged or dissolved (docs/rules.md "Dated divisions (区划变更)"); else null. */
  validTo: z.string().nullable(),
  /** The codes in force now for an ended code (the mapping table, followed through later changes); else empty. */
  successors: z.array(z.object({ code: z.string(), name: z.string() })),
});
export type DivisionDetail = z.infer<typeof divisionDetail>;

/** A match of the search by name or code (at most 20). */
export const divisionFound = z.object({ code: z.string(), name: z.string(), fullName: z.string(), level: z.number() });
export type DivisionFound = z.infer<typeof divisionFound>;
export const divisionSearchAnswer = z.array(divisionFound);
