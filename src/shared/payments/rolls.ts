/**
 * Payment programmes' monthly rolls (发放名册, src/server/platform/payments), the contract both sides
 * hold: the rolls of a programme, building one (a job), approving it, its lines, the bank file and the
 * bank's result. The routes are per programme: /api/payments/<programme>/rolls… (docs/api.md "Payment
 * programmes").
 */
import { z } from 'zod';
import { isMonth } from '../dates.js';
import { keysOf } from '../registry-codes.js';
import { pageInput, pageSchema } from '../paging.js';

/** A roll line's payment (docs/rules.md "Payments"): pending → paid | failed → reissued (补发 exported) → paid | failed. */
export const paymentStatuses = { pending: '待发放', paid: '发放成功', failed: '发放失败', reissued: '已补发待回盘' } as const;
export type PaymentStatus = keyof typeof paymentStatuses;

export const rollStatuses = { building: '编制中', built: '待审核', approved: '已审核' } as const;
export type RollStatus = keyof typeof rollStatuses;

const month = z.string().refine(isMonth, '月份格式应为 YYYY-MM');

export const startRollInput = z.object({
  countyCode: z.string().regex(/^\d{6}$/, '请选择县（市、区）'),
  month,
});
export type StartRollInput = z.infer<typeof startRollInput>;
export const rollStarted = z.object({ id: z.number(), jobId: z.number() });
export type RollStarted = z.infer<typeof rollStarted>;
export const rollApproved = z.object({ id: z.number(), status: z.literal('approved') });

export const listRollsInput = pageInput.extend({ month: month.optional() });
export type ListRollsInput = z.infer<typeof listRollsInput>;

export const roll = z.object({
  id: z.number(),
  countyCode: z.string(),
  countyName: z.string().nullable(),
  month: z.string(),
  status: z.enum(keysOf(rollStatuses)),
  /** Households (persons) and amount of the lines the viewer may see: the whole roll where `wholeRoll`, else their part of it (本辖区). */
  lines: z.number(),
  totalFen: z.number(),
  /** Whether the viewer sees the whole county's roll (county and city staff). */
  wholeRoll: z.boolean(),
  builtAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  jobId: z.number().nullable(),
});
export type Roll = z.infer<typeof roll>;
export const rollsPage = pageSchema(roll);

export const rollLinesInput = pageInput.extend({
  paymentStatus: z.enum(keysOf(paymentStatuses)).optional(),
  /** One of the programme's benefit types (社会救助: dibao, tekun, temporary …). */
  benefitType: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  divisionCode: z
    .string()
    .regex(/^\d{2,12}$/)
    .optional(),
});
export type RollLinesInput = z.infer<typeof rollLinesInput>;

export const rollLine = z.object({
  /** The programme's record paid (社会救助: the entitlement). */
  recordId: z.number(),
  /** 流水号 as in the bank file: `roll-record`. */
  lineNo: z.string(),
  payeeName: z.string(),
  divisionName: z.string().nullable(),
  benefitType: z.string(),
  benefitTypeName: z.string(),
  coveredCount: z.number(),
  amountFen: z.number(),
  breakdown: z.string(),
  /** The bank as the roll was built with it. */
  bankName: z.string().nullable(),
  paymentStatus: z.enum(keysOf(paymentStatuses)),
  failureReason: z.string().nullable(),
});
export type RollLine = z.infer<typeof rollLine>;

export const rollLines = z.object({
  roll: z.object({
    id: z.number(),
    countyCode: z.string(),
    month: z.string(),
    status: z.enum(keysOf(rollStatuses)),
    /** Of every line the viewer may see: the whole roll where `wholeRoll`, else their part of it (本辖区). */
    lines: z.number(),
    totalFen: z.number(),
    wholeRoll: z.boolean(),
    /** Why this user's approval would be refused (who built the roll does not approve it), or null. */
    approveBlockedReason: z.string().nullable(),
  }),
  items: z.array(rollLine),
  /** Of the filtered lines. */
  total: z.number(),
  totalFen: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type RollLines = z.infer<typeof rollLines>;

/**
 * The bank file: xlsx or CSV, the lines awaiting their first answer, or (onlyFailed) the 补发; in a
 * bank's format (default: the generic layout, docs/bank-files.md).
 */
export const bankFileInput = z.object({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  onlyFailed: z.coerce.boolean().default(false),
  bankFormat: z.coerce.number().int().positive().optional(),
});
export const bankResultInput = z.object({ bankFormat: z.coerce.number().int().positive().optional() });
export const bankResultAnswer = z.object({ paid: z.number(), failed: z.number() });
export type BankResult = z.infer<typeof bankResultAnswer>;
