/**
 * Encrypted fields as a request reads them (docs/security.md D2, D7). One damaged ciphertext must not
 * take a village's list, a household page or an export down with it:
 *
 * - `show` is for what people look at (lists, record pages, exports, PDFs): a field whose stored
 *   text fails its integrity check reads 数据校验失败 (DAMAGED_FIELD, never garbage, never masked)
 *   and the rest of the record is served.
 * - `strict` is for where the clear value is acted on (unmask, a bank file, a file sent to other
 *   agencies, a value carried into a write): it throws, INTEGRITY unless the caller says better.
 *
 * Either way the damaged field is audited once per request as 'crypto.integrity_failed' with the
 * object type, id and field name (never the stored or clear text), through the read audit's
 * buffer: no write transaction on a read path, and a read inside a transaction that then fails
 * still leaves its row.
 */
import type { Ctx } from '../context.js';
import type { ReadAudit } from '../audit/read-audit.js';
import { AppError } from '../errors.js';
import { DAMAGED_FIELD } from '../../../shared/mask.js';
import { integrityError, type FieldCipher } from './field-cipher.js';

export { DAMAGED_FIELD };

/** Which field of which record: what the audit row names. */
export interface FieldRef {
  objectType: string;
  objectId: string | number;
  /** The field's API name: idNumber, phone, bankAccount … */
  field: string;
}

export const INTEGRITY_FAILED_ACTION = 'crypto.integrity_failed';

/**
 * A request decrypting a whole county can find thousands of damaged fields (a wrong key): audit rows
 * stop here, with one row counting the rest.
 */
const MAX_AUDITED = 1000;

export class FieldView {
  private readonly seen = new Set<string>();
  private unaudited = 0;

  constructor(
    private readonly deps: { cipher: FieldCipher; readAudit: ReadAudit },
    private readonly ctx: Ctx,
  ) {}

  /** The clear value, through `mask` when given; DAMAGED_FIELD when the stored text fails its check; null when nothing is stored. */
  show(stored: string | null | undefined, ref: FieldRef, mask?: (clear: string) => string): string | null {
    if (stored === null || stored === undefined) return null;
    const clear = this.deps.cipher.tryDecrypt(stored);
    if (clear === null) {
      this.damaged(ref);
      return DAMAGED_FIELD;
    }
    return mask ? mask(clear) : clear;
  }

  /** The clear value; a damaged one is audited and throws `error()` (default: AppError INTEGRITY, D2). */
  strict(stored: string, ref: FieldRef, error: () => AppError = integrityError): string {
    const clear = this.deps.cipher.tryDecrypt(stored);
    if (clear === null) {
      this.damaged(ref);
      throw error();
    }
    return clear;
  }

  private damaged(ref: FieldRef): void {
    const key = `${ref.objectType}\u0000${ref.objectId}\u0000${ref.field}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    if (this.seen.size <= MAX_AUDITED) {
      this.deps.readAudit.note(this.ctx, {
        action: INTEGRITY_FAILED_ACTION,
        objectType: ref.objectType,
        objectId: ref.objectId,
        outcome: 'failed',
        details: { field: ref.field },
      });
      return;
    }
    // Past the cap: one more row, written when the request's synchronous mapping is done, with the count.
    if (this.unaudited++ === 0) {
      queueMicrotask(() =>
        this.deps.readAudit.note(this.ctx, {
          action: INTEGRITY_FAILED_ACTION,
          objectType: ref.objectType,
          outcome: 'failed',
          details: { more: this.unaudited },
        }),
      );
    }
  }
}
