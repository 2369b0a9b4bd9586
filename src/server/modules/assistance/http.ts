/** What every social-assistance route shares: its OpenAPI tag, the id parameter, the category and the read permission. */
import { z } from 'zod';
import { keysOf } from '../../../shared/registry-codes.js';
import { assistanceCategories } from '../../../shared/assistance-codes.js';

export const tags = ['社会救助'];
export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const category = z.enum(keysOf(assistanceCategories));
export const read = { permission: 'assistance.read' as const };
