/**
 * Stable printer failure codes. `retryable` says whether waiting can fix it (printer off, cable out,
 * network blip), which is what the print queue's backoff keys on.
 */
export type PrinterErrorCode =
  /** Nothing answered: connection refused, host unreachable, device node missing. */
  | 'PRINTER_OFFLINE'
  /** Connecting, writing or waiting for a status reply took too long. */
  | 'PRINTER_TIMEOUT'
  /** The connection broke while the job was being sent. */
  | 'PRINTER_WRITE_FAILED'
  /** No ~HS reply: Zebra printers stay silent while the head is open or media is out. */
  | 'PRINTER_NO_STATUS'
  /** A reply came but it is not a ~HS host status. */
  | 'PRINTER_BAD_STATUS'
  /** This transport cannot do that (e.g. status through a one-way CUPS queue). */
  | 'PRINTER_UNSUPPORTED'
  /** The spooler (lp) refused the job. */
  | 'PRINTER_SPOOLER_FAILED'
  /** The host has no OS printing (the hub runs without Electron). */
  | 'OS_PRINT_UNAVAILABLE'
  | 'OS_PRINT_FAILED'
  /** The job's payload does not suit this printer (ZPL to an OS printer, HTML to a ZPL printer). */
  | 'PRINTER_WRONG_PAYLOAD'
  | 'PRINT_QUEUE_STOPPED';

const RETRYABLE: ReadonlySet<PrinterErrorCode> = new Set(['PRINTER_OFFLINE', 'PRINTER_TIMEOUT', 'PRINTER_WRITE_FAILED', 'PRINTER_NO_STATUS']);

export class PrinterError extends Error {
  readonly retryable: boolean;
  constructor(
    readonly code: PrinterErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PrinterError';
    this.retryable = RETRYABLE.has(code);
  }
}

/** Maps a Node socket/fs error to our codes; anything unknown counts as a broken write (retryable). */
export function fromSystemError(e: unknown, what: string): PrinterError {
  if (e instanceof PrinterError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const msg = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ECONNREFUSED':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'EHOSTDOWN':
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'EADDRNOTAVAIL':
      return new PrinterError('PRINTER_OFFLINE', `${what} is offline (${code})`, { cause: e });
    case 'ETIMEDOUT':
      return new PrinterError('PRINTER_TIMEOUT', `${what} timed out`, { cause: e });
    default:
      return new PrinterError('PRINTER_WRITE_FAILED', `${what}: ${msg}`, { cause: e });
  }
}
