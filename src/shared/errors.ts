/** Stable error codes: every failure that crosses a process boundary carries one of these. */
export const ERROR_CODES = [
  'VALIDATION',
  'BAD_JSON',
  'UNKNOWN_METHOD',
  'NOT_FOUND',
  'UNKNOWN_ITEM',
  'UNKNOWN_LOCATION',
  'UNKNOWN_WAREHOUSE',
  'UNKNOWN_LOT',
  'UNKNOWN_RESERVATION',
  'BAD_GTIN',
  'DUPLICATE',
  'NOT_A_BIN',
  'SAME_LOCATION',
  'LOT_REQUIRED',
  'LOT_NOT_ALLOWED',
  'INSUFFICIENT_STOCK',
  'INSUFFICIENT_AVAILABLE',
  'OVER_RELEASE',
  'IDEMPOTENCY_CONFLICT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'METHOD_NOT_ALLOWED',
  'DB_TOO_NEW',
  'MIGRATION_FAILED',
  'DEVICE_NOT_CONFIGURED',
  'DEVICE_OFFLINE',
  'NOT_SUPPORTED',
  'PRINTER_OFFLINE',
  'LABEL_INVALID',
  'UNKNOWN_SUPPLIER',
  'UNKNOWN_PO',
  'PO_STATUS',
  'OVER_RECEIPT',
  'NOT_ON_PO',
  'ITEM_DATA_MISSING',
  'BAD_SCAN',
  'UNKNOWN_ORDER',
  'UNKNOWN_PICK_LIST',
  'UNKNOWN_BOX',
  'IMPORT_INVALID',
  'FILE_UNREADABLE',
  'WRONG_BIN',
  'WRONG_ITEM',
  'WRONG_LOT',
  'OVER_SCAN',
  'SCAN_BIN_FIRST',
  'ORDER_STATUS',
  'NOT_PACKED',
  'NOTHING_TO_UNDO',
  'WEIGHT_MISMATCH',
  'RESERVATION_LOST',
  'UNKNOWN_RETURN',
  'OVER_RETURN',
  'RETURN_STATUS',
  'UNKNOWN_COUNT',
  'NOT_IN_BIN',
  'NOT_IN_COUNT',
  'COUNT_STATUS',
  'UNKNOWN_CHANNEL',
  'UNKNOWN_LISTING',
  'UNKNOWN_INVOICE',
  'UNKNOWN_BILL',
  'OVERPAYMENT',
  'CURRENCY_MISMATCH',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** Field path → message, for errors that belong next to a form field. */
  fields?: Record<string, string>;
  details?: Record<string, unknown>;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Thrown inside the core only; converted to an ApiError at the boundary. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toApiError(): ApiError {
    const e: ApiError = { code: this.code, message: this.message };
    if (this.fields) e.fields = this.fields;
    if (this.details) e.details = this.details;
    return e;
  }
}

export const fail = (code: ErrorCode, message: string, fields?: Record<string, string>, details?: Record<string, unknown>): never => {
  throw new DomainError(code, message, fields, details);
};
