import type { ServerResponse } from 'node:http';
import type { ErrorCode, Result } from '../../shared/errors';

/**
 * The HTTP status of a refused call. The body is always the Result, so a client can ignore the status; the status is
 * there for proxies, logs and generic HTTP tooling. Domain refusals are the caller's to fix, hence 400.
 */
export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'UNAUTHORIZED':
      return 401;
    case 'FORBIDDEN':
      return 403;
    case 'UNKNOWN_METHOD':
      return 404;
    case 'METHOD_NOT_ALLOWED':
      return 405;
    case 'INTERNAL':
    case 'DB_TOO_NEW':
    case 'MIGRATION_FAILED':
      return 500;
    case 'VALIDATION':
    case 'BAD_JSON':
    case 'NOT_FOUND':
    case 'UNKNOWN_ITEM':
    case 'UNKNOWN_LOCATION':
    case 'UNKNOWN_WAREHOUSE':
    case 'UNKNOWN_LOT':
    case 'UNKNOWN_RESERVATION':
    case 'BAD_GTIN':
    case 'DUPLICATE':
    case 'NOT_A_BIN':
    case 'SAME_LOCATION':
    case 'LOT_REQUIRED':
    case 'LOT_NOT_ALLOWED':
    case 'INSUFFICIENT_STOCK':
    case 'INSUFFICIENT_AVAILABLE':
    case 'OVER_RELEASE':
    case 'IDEMPOTENCY_CONFLICT':
    case 'NOT_SUPPORTED':
    case 'LABEL_INVALID':
    case 'UNKNOWN_SUPPLIER':
    case 'UNKNOWN_PO':
    case 'PO_STATUS':
    case 'OVER_RECEIPT':
    case 'NOT_ON_PO':
    case 'ITEM_DATA_MISSING':
    case 'BAD_SCAN':
    case 'UNKNOWN_ORDER':
    case 'UNKNOWN_PICK_LIST':
    case 'UNKNOWN_BOX':
    case 'IMPORT_INVALID':
    case 'FILE_UNREADABLE':
    case 'WRONG_BIN':
    case 'WRONG_ITEM':
    case 'WRONG_LOT':
    case 'OVER_SCAN':
    case 'SCAN_BIN_FIRST':
    case 'UNKNOWN_RETURN':
    case 'OVER_RETURN':
    case 'UNKNOWN_COUNT':
    case 'NOT_IN_BIN':
    case 'NOT_IN_COUNT':
    case 'UNKNOWN_CHANNEL':
    case 'UNKNOWN_LISTING':
    case 'UNKNOWN_INVOICE':
    case 'UNKNOWN_BILL':
    case 'OVERPAYMENT':
    case 'CURRENCY_MISMATCH':
      return 400;
    case 'DEVICE_NOT_CONFIGURED':
    // The order's state, not the request, is in the way (changed by another station, or a step still to do).
    case 'ORDER_STATUS':
    case 'NOT_PACKED':
    case 'NOTHING_TO_UNDO':
    case 'WEIGHT_MISMATCH':
    case 'RESERVATION_LOST':
    case 'RETURN_STATUS':
    case 'COUNT_STATUS':
      return 409;
    case 'DEVICE_OFFLINE':
    case 'PRINTER_OFFLINE':
      return 503;
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    // API answers are live ledger data: never from a cache.
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** A refusal as a Result, with an explicit status for the cases the error code alone does not decide (413, 415). */
export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  status = statusOf(code),
  headers: Record<string, string> = {},
): void {
  const body: Result<never> = { ok: false, error: { code, message } };
  sendJson(res, status, body, headers);
}
