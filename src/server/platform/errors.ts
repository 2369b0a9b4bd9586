/**
 * The one error type of the platform. Every failure a client may see is an AppError with a
 * stable code; the HTTP layer turns it into `{ code, message, details }` with a Chinese message.
 */
export const errorStatus = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  /** The password was right; a TOTP code (second factor) is still needed. */
  TOTP_REQUIRED: 401,
  /** First login or expired password: nothing else is allowed until it is changed. */
  PASSWORD_CHANGE_REQUIRED: 403,
  FORBIDDEN: 403,
  /** Missing, or outside the caller's jurisdiction: the two are indistinguishable on purpose. */
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  /** A stored ciphertext failed its HMAC check: the data was altered, never shown as garbage. */
  INTEGRITY: 500,
  INTERNAL: 500,
  DB_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export interface FieldError {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }

  static validation(fields: FieldError[]): AppError {
    const message = fields.length === 1 ? `${fields[0].message}` : `有 ${fields.length} 项填写不正确`;
    return new AppError('VALIDATION', message, { fields });
  }

  static field(field: string, message: string): AppError {
    return AppError.validation([{ field, message }]);
  }

  static notFound(what = '记录'): AppError {
    return new AppError('NOT_FOUND', `${what}不存在或不在您的管辖范围内`);
  }

  static forbidden(message = '您没有执行此操作的权限'): AppError {
    return new AppError('FORBIDDEN', message);
  }

  static conflict(message: string): AppError {
    return new AppError('CONFLICT', message);
  }
}
