/** Organisations (GET/POST /api/organisations, PATCH /api/organisations/:id): the contract both sides hold. */
import { z } from 'zod';
import { organisationKinds } from '../admin-codes.js';
import { keysOf } from '../registry-codes.js';
import { pageInput, pageSchema } from '../paging.js';

const kind = z.enum(keysOf(organisationKinds));

export const organisationRow = z.object({
  id: z.number(),
  name: z.string(),
  kind,
  kindName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
});
export type Organisation = z.infer<typeof organisationRow>;
export const organisationsPage = pageSchema(organisationRow);

export const listOrganisationsInput = pageInput.extend({ q: z.string().trim().max(64).optional(), kind: kind.optional() });
export type ListOrganisationsInput = z.infer<typeof listOrganisationsInput>;

export const organisationInput = z.object({
  name: z.string().trim().min(2, '请填写组织名称').max(100),
  kind,
  divisionCode: z.string().regex(/^\d{4,12}$/, '请选择所在区划'),
});
export type OrganisationInput = z.infer<typeof organisationInput>;
