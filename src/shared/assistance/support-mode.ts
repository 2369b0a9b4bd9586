/**
 * 供养方式 of a 特困 entitlement (docs/rules.md "Visits (探访)": 分散供养 and 集中供养): set at the 特困
 * approval (the approve action's `data.supportMode`), changed with a reason (POST
 * /api/assistance/entitlements/:id/support-mode), confirmed where the platform set it (…/support-mode/confirm,
 * the list 供养方式待确认: GET /api/assistance/support-modes/pending). The contract both sides hold.
 */
import { z } from 'zod';
import { pageInput, pageSchema } from '../paging.js';

export const supportModes = { scattered: '分散供养', centralised: '集中供养' } as const;
export type SupportMode = keyof typeof supportModes;

/** The mode with its facility: a 集中供养 names where (a free-text name; the organisation's id where known). */
export const supportModeValue = z
  .object({
    mode: z.enum(['scattered', 'centralised'], { error: '请选择供养方式' }),
    facility: z.string().trim().max(100).optional(),
    organisationId: z.number().int().positive().optional(),
  })
  .superRefine((v, c) => {
    if (v.mode === 'centralised' && !v.facility) c.addIssue({ code: 'custom', path: ['facility'], message: '集中供养须填写供养机构名称' });
  });
export type SupportModeValue = z.infer<typeof supportModeValue>;

export const supportModeChangeInput = z
  .object({
    mode: z.enum(['scattered', 'centralised'], { error: '请选择供养方式' }),
    facility: z.string().trim().max(100).optional(),
    organisationId: z.number().int().positive().optional(),
    reason: z.string().trim().min(2, '请填写变更理由').max(1000),
    version: z.number().int(),
  })
  .superRefine((v, c) => {
    if (v.mode === 'centralised' && !v.facility) c.addIssue({ code: 'custom', path: ['facility'], message: '集中供养须填写供养机构名称' });
  });
export type SupportModeChangeInput = z.infer<typeof supportModeChangeInput>;

export const supportModeConfirmInput = z.object({ version: z.number().int() });
export type SupportModeConfirmInput = z.infer<typeof supportModeConfirmInput>;

/** An entitlement's 供养方式 as its page shows it (null for the other categories). */
export const supportModeState = z.object({
  mode: z.enum(['scattered', 'centralised']),
  modeName: z.string(),
  confirmed: z.boolean(),
  facility: z.string().nullable(),
  organisationId: z.number().nullable(),
  since: z.string().nullable(),
});
export type SupportModeState = z.infer<typeof supportModeState>;

export const supportModeChanged = z.object({ id: z.number(), version: z.number(), supportMode: supportModeState });
export type SupportModeChanged = z.infer<typeof supportModeChanged>;

export const pendingSupportModesInput = pageInput;
export const pendingSupportMode = z.object({
  id: z.number(),
  payeePersonId: z.number(),
  payeeName: z.string(),
  divisionCode: z.string(),
  divisionName: z.string().nullable(),
  startMonth: z.string(),
  supportMode: supportModeState,
  version: z.number(),
});
export type PendingSupportMode = z.infer<typeof pendingSupportMode>;
export const pendingSupportModesPage = pageSchema(pendingSupportMode);
export type PendingSupportModesPage = z.infer<typeof pendingSupportModesPage>;

/** The visit programme of 分散供养 特困 people (platform/visits) and its frequency's dated policy kind (social assistance's). */
export const TEKUN_VISITS = 'tekun_scattered';
export const TEKUN_VISIT_KIND = 'visit:tekun_scattered';
/** Its risks: whether the person lives alone (独居, from the registry's household), the rules' second dimension. */
export const tekunVisitRisks = { alone: '独居', with_others: '与他人同住' } as const;
