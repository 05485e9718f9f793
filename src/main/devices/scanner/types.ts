import { SCANNER_ERROR_CODES, type ScannerDriverStatus, type ScannerErrorCode } from '../../../shared/api/devices';
import type { Symbology } from '../../../shared/scan/aim';

/** One decoded barcode, before parsing. `raw` excludes the AIM identifier, which travels in `aim`. */
export interface ScanEvent {
  raw: string;
  aim?: string;
  symbology: Symbology;
  /** Which scanner, e.g. "hid:0c2e:0b8f" or "wedge". */
  source: string;
  /** ISO timestamp from the injected clock. */
  at: string;
}

// Status and error codes cross into events and the API: defined once in src/shared/api/devices.ts.
export { SCANNER_ERROR_CODES };
export type { ScannerErrorCode };
export type ScannerStatus = ScannerDriverStatus;
export type ScannerConnection = ScannerDriverStatus['state'];

/** A problem with one scan (not with the device): the scan is dropped, and the user should rescan. */
export interface ScanFault {
  code: ScannerErrorCode;
  message: string;
  source: string;
  at: string;
}

export interface ScannerEvents {
  scan: ScanEvent;
  status: ScannerStatus;
  fault: ScanFault;
}

export interface Scanner {
  readonly source: string;
  readonly status: ScannerStatus;
  on<E extends keyof ScannerEvents>(event: E, fn: (payload: ScannerEvents[E]) => void): () => void;
  /** Begins looking for the device; resolves after the first attempt, whether or not a device was found. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The bits of an open HID device the scanner uses; node-hid's HIDAsync fits, and so does a test fake replaying
 * recorded reports. Same shape as the scale's transport so both can later share one module.
 */
export interface HidTransport {
  on(event: 'data', fn: (data: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  close(): Promise<void> | void;
  /** Output report, byte 0 = report id (0 when unnumbered). */
  write?(data: number[]): Promise<number> | number;
  /** Feature report, byte 0 = report id. Honeywell needs [0xFE, 0x01] to enter HID POS mode over WebHID. */
  sendFeatureReport?(data: number[]): Promise<number> | number;
}

export interface HidDeviceInfo {
  path?: string | undefined;
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
}

export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidTransport>;
}

/** HID usage page and usage of a Bar Code Scanner in HID POS mode (HID Usage Tables, POS pages). */
export const HID_POS_USAGE_PAGE = 0x8c;
export const HID_POS_SCANNER_USAGE = 0x02;

export const isHidPosScanner = (d: HidDeviceInfo): boolean => d.usagePage === HID_POS_USAGE_PAGE && d.usage === HID_POS_SCANNER_USAGE;
