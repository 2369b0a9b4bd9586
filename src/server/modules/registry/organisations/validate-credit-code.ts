/**
 * Checking a unified social credit code as it is typed (GB 32100-2015): the form asks before it
 * saves; the answer's message names the field (统一社会信用代码…), and a code already registered is said so.
 */
import { eq } from 'drizzle-orm';
import type { Deps } from '../../../platform/deps.js';
import type { Ctx } from '../../../platform/context.js';
import { requireActor } from '../../../platform/access/scope.js';
import { organisations } from '../../../platform/db/schema.js';
import { parseCreditCode } from '../../../../shared/validation/credit-code.js';
import type { CreditCodeAnswer, ValidateCreditCodeInput } from '../../../../shared/registry/organisations.js';
import { CREDIT_CODE_TAKEN } from './rows.js';

export async function validateCreditCode(deps: Deps, ctx: Ctx, input: ValidateCreditCodeInput): Promise<CreditCodeAnswer> {
  requireActor(ctx.actor);
  if (!input.code.trim()) return { valid: false, message: '请填写统一社会信用代码' };
  const parsed = parseCreditCode(input.code);
  if (!parsed.ok) return { valid: false, message: `统一社会信用代码${parsed.message}` };
  const [other] = await deps.database.db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.creditCode, parsed.code));
  if (other && other.id !== input.organisationId) return { valid: false, message: CREDIT_CODE_TAKEN };
  return { valid: true, message: `统一社会信用代码 ${parsed.code} 有效` };
}
