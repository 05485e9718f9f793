import type { PrinterState, PrinterStatus } from '../../../shared/api/devices';

/**
 * What a print job carries. ZPL goes byte for byte to a thermal printer; HTML/PDF go to an OS printer
 * (DYMO, Brother QL…) through the host's `osPrint`. Everything is a plain JSON value so jobs can be persisted.
 */
export type PrintPayload =
  | { type: 'zpl'; zpl: string }
  | { type: 'html'; html: string; widthMicrons: number; heightMicrons: number }
  | { type: 'pdf'; pdfBase64: string; widthMicrons: number; heightMicrons: number };

// Status crosses into events and the API: defined once in src/shared/api/devices.ts.
export type { PrinterState, PrinterStatus };

export interface LabelPrinter {
  readonly id: string;
  readonly name: string;
  /** `zpl`: raw ZPL printers; `document`: OS printers that take HTML or PDF. */
  readonly accepts: 'zpl' | 'document';
  /** Resolves when the job has been handed to the printer or spooler; throws a PrinterError otherwise. */
  print(payload: PrintPayload): Promise<void>;
  status(): Promise<PrinterStatus>;
}

/**
 * Moves bytes to one printer. `request` exists only where the link is two-way (TCP 9100); a CUPS queue
 * or a write-only device node has none.
 */
export interface PrinterTransport {
  readonly description: string;
  send(data: Buffer): Promise<void>;
  request?(query: Buffer, isComplete: (reply: Buffer) => boolean): Promise<Buffer>;
}
