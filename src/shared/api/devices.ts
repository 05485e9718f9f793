import { z } from 'zod';
import { MASS_UNITS } from '../units';
import type { WedgeOptions } from '../wedge-detector';
import { def } from './define';
import { id, isoDate } from './common';

/*
 * Bench hardware: the scan pipeline, the station's device assignment, scale commands, label templates and the
 * print queue. Types the drivers in src/main/devices share with events and the renderer are defined here once,
 * as zod schemas, and the drivers import the inferred types.
 *
 * Every handler answers synchronously (the router is synchronous over every transport): commands to a device are
 * accepted at once and their outcome arrives as an event (`scale.command`, `scale.weight`, `printer.status`,
 * `printer.job`), and slow look-ups (device enumeration, ~HS) return the last known answer and refresh it in the
 * background.
 */

// ---------------------------------------------------------------------------------------------------------------
// Scale

export const SCALE_STATES = ['stable', 'motion', 'overload', 'underload', 'zero', 'error'] as const;
export type ScaleState = (typeof SCALE_STATES)[number];

/** One reading: `grams` is exact decimal text, `milligrams` the rounded integer to compare and store, value+unit what the scale showed. */
export const scaleWeight = z.object({
  value: z.string().nullable(),
  unit: z.enum(MASS_UNITS).nullable(),
  unitRaw: z.string(),
  decimals: z.number().nullable(),
  grams: z.string().nullable(),
  milligrams: z.number().int().nullable(),
  raw: z.string(),
  stable: z.boolean(),
  state: z.enum(SCALE_STATES),
  at: z.string(),
});
export type ScaleWeight = z.infer<typeof scaleWeight>;

/** Stable codes for everything a scale operation can fail with. */
export const SCALE_ERROR_CODES = [
  'NOT_SUPPORTED', // the protocol has no such command (e.g. tare on a streaming CAS indicator)
  'NOT_CONNECTED', // no port/device open right now
  'TIMEOUT', // the scale did not answer in time
  'BUSY', // the scale answered that it cannot execute now (MT-SICS "I", e.g. still in motion)
  'OUT_OF_RANGE', // overload/underload, or zero/tare outside the allowed range
  'DEVICE_ERROR', // the scale reported an error (MT-SICS ES/ET/EL, SCP-01 "?", HID fault)
  'GARBAGE', // too many unparseable frames or impossible values
  'TRANSPORT', // the serial port / HID device failed
  'CLOSED', // close() was called
] as const;
export type ScaleErrorCode = (typeof SCALE_ERROR_CODES)[number];

/** A driver's link state (the service adds 'not-configured' on top). */
export const scaleDriverStatus = z.object({
  state: z.enum(['connected', 'disconnected', 'error']),
  message: z.string(),
  code: z.enum(SCALE_ERROR_CODES).optional(),
});
export type ScaleDriverStatus = z.infer<typeof scaleDriverStatus>;

// ---------------------------------------------------------------------------------------------------------------
// Scanner

export const SCANNER_ERROR_CODES = [
  'PARTIAL_SCAN_TIMEOUT', // a multi-report scan stopped arriving before its last report
  'BAD_REPORT', // a report too short for the layout
  'HID_UNAVAILABLE', // node-hid could not be loaded or could not enumerate (missing libusb, permissions)
  'OPEN_FAILED', // the device is listed but could not be opened
  'TRANSPORT', // the device failed or was unplugged
  'STOPPED', // stop() was called
] as const;
export type ScannerErrorCode = (typeof SCANNER_ERROR_CODES)[number];

export const scannerDriverStatus = z.object({
  state: z.enum(['connected', 'disconnected', 'error']),
  message: z.string(),
  code: z.enum(SCANNER_ERROR_CODES).optional(),
});
export type ScannerDriverStatus = z.infer<typeof scannerDriverStatus>;

// ---------------------------------------------------------------------------------------------------------------
// Printer

export const ZPL_PRINT_MODES = [
  'rewind',
  'peel-off',
  'tear-off',
  'cutter',
  'applicator',
  'delayed-cut',
  'linerless-peel',
  'linerless-rewind',
  'partial-cutter',
  'rfid',
  'kiosk',
  'unknown',
] as const;
export type ZplPrintMode = (typeof ZPL_PRINT_MODES)[number];

/** A parsed ~HS host status. */
export const zplHostStatus = z.object({
  paperOut: z.boolean(),
  paused: z.boolean(),
  /** Label length the printer has set, in dots. */
  labelLengthDots: z.number(),
  formatsInBuffer: z.number(),
  bufferFull: z.boolean(),
  partialFormat: z.boolean(),
  corruptRam: z.boolean(),
  underTemperature: z.boolean(),
  overTemperature: z.boolean(),
  headOpen: z.boolean(),
  ribbonOut: z.boolean(),
  thermalTransfer: z.boolean(),
  printMode: z.enum(ZPL_PRINT_MODES),
  labelWaiting: z.boolean(),
  labelsRemainingInBatch: z.number(),
  graphicsStored: z.number(),
  /** Nothing stops printing now (formats queued inside the printer do not count as a problem). */
  ready: z.boolean(),
  /** Human-readable reasons when not ready, in the order an operator should fix them. */
  problems: z.array(z.string()),
});
export type ZplHostStatus = z.infer<typeof zplHostStatus>;

export const PRINTER_STATES = ['ready', 'attention', 'offline', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];

export const printerStatus = z.object({
  state: z.enum(PRINTER_STATES),
  /** Operator-facing reasons when state is not `ready`. */
  problems: z.array(z.string()),
  /** Present for ZPL printers that answered ~HS. */
  host: zplHostStatus.optional(),
  /** Stable code of the failure when state is `offline`/`unknown`. */
  errorCode: z.string().optional(),
});
export type PrinterStatus = z.infer<typeof printerStatus>;

export const PRINT_JOB_STATUSES = ['queued', 'printing', 'done', 'failed', 'cancelled'] as const;
export type PrintJobStatus = (typeof PRINT_JOB_STATUSES)[number];

/** A print job as the jobs list shows it (the payload itself stays in the core). */
export const printJobInfo = z.object({
  id: z.string(),
  printerId: z.string(),
  title: z.string(),
  payloadType: z.enum(['zpl', 'html', 'pdf']),
  status: z.enum(PRINT_JOB_STATUSES),
  attempts: z.number(),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When a waiting job is tried again (after a retryable failure), ISO. */
  retryAt: z.string().nullable(),
});
export type PrintJobInfo = z.infer<typeof printJobInfo>;

// ---------------------------------------------------------------------------------------------------------------
// Station configuration

const devicePath = z.string().trim().min(1, 'Path is required').max(300);
const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const SCAN_SOURCES = ['wedge', 'hid', 'manual'] as const;
export type ScanSource = (typeof SCAN_SOURCES)[number];

export const scannerConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  /** A HID POS scanner (usage page 0x8C); without a path the first one found is used. */
  z.object({ kind: z.literal('hid'), path: devicePath.optional() }),
  /** A keyboard-wedge scanner: detected in the window by keystroke timing (see shared/wedge-detector). */
  z.object({
    kind: z.literal('wedge'),
    maxGapMs: z.number().int().min(5, 'At least 5 ms').max(200, 'At most 200 ms').default(35),
    minLength: z.number().int().min(1).max(100).default(4),
    terminator: z.enum(['Enter', 'Tab', 'none']).default('Enter'),
    /** A printable stand-in the scanner is set to send for GS (FNC1), e.g. "~". */
    gsSubstitute: z.string().min(1).max(8).optional(),
  }),
]);
export type ScannerConfig = z.infer<typeof scannerConfig>;

/** The wedge detector's options for a configured wedge scanner, so the window and the settings agree on one mapping. */
export function wedgeOptions(cfg: Extract<ScannerConfig, { kind: 'wedge' }>): WedgeOptions {
  const o: WedgeOptions = { maxGapMs: cfg.maxGapMs, minLength: cfg.minLength, terminators: cfg.terminator === 'none' ? [] : [cfg.terminator] };
  if (cfg.gsSubstitute) o.gsSubstitute = cfg.gsSubstitute;
  return o;
}

export const scaleConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('serial'),
    protocol: z.enum(['mt-sics', 'scp-01', 'cas']),
    path: devicePath,
    baudRate: z
      .number()
      .int()
      .refine((n) => (BAUD_RATES as readonly number[]).includes(n), `Baud rate must be one of ${BAUD_RATES.join(', ')}`)
      .default(9600),
    dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
    parity: z.enum(['none', 'even', 'odd']).default('none'),
    stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
    /** Request/response protocols are asked for a weight this often so the bench shows a live value; 0 = only on request. */
    pollMs: z.number().int().refine((n) => n === 0 || (n >= 100 && n <= 10_000), 'Poll interval is 0 (off) or 100–10000 ms').default(500),
  }),
  /** A USB HID scale (usage page 0x8D); without a path the first one found is used. */
  z.object({ kind: z.literal('hid'), path: devicePath.optional() }),
]);
export type ScaleConfig = z.infer<typeof scaleConfig>;

export const LABEL_TEMPLATES = ['item', 'bin', 'gs1-128', 'gs1-datamatrix', 'shipping', 'sscc', 'packing-slip'] as const;
export type LabelTemplate = (typeof LABEL_TEMPLATES)[number];

/** Common label stock, so a user picks a name rather than typing millimetres. */
export const LABEL_SIZE_PRESETS = {
  '2x1in': { width: 2, height: 1, unit: 'in' },
  '2.25x1.25in': { width: 2.25, height: 1.25, unit: 'in' },
  '3x2in': { width: 3, height: 2, unit: 'in' },
  '4x2in': { width: 4, height: 2, unit: 'in' },
  '4x3in': { width: 4, height: 3, unit: 'in' },
  '4x6in': { width: 4, height: 6, unit: 'in' },
  '50x25mm': { width: 50, height: 25, unit: 'mm' },
  '57x32mm': { width: 57, height: 32, unit: 'mm' },
  '62x29mm': { width: 62, height: 29, unit: 'mm' },
  '100x150mm': { width: 100, height: 150, unit: 'mm' },
} as const satisfies Record<string, { width: number; height: number; unit: 'mm' | 'in' }>;
export type LabelSizePreset = keyof typeof LABEL_SIZE_PRESETS;
const presetNames = Object.keys(LABEL_SIZE_PRESETS) as [LabelSizePreset, ...LabelSizePreset[]];

const mm = z.number().positive('Must be more than 0 mm').max(1000, 'At most 1000 mm');
/** A label size: a preset name or explicit millimetres. */
export const labelSize = z.union([z.object({ preset: z.enum(presetNames) }), z.object({ widthMm: mm, heightMm: mm })]);
export type LabelSizeInput = z.infer<typeof labelSize>;

export const DPIS = [203, 300] as const;
const dpi = z.union([z.literal(203), z.literal(300)], { error: 'DPI must be 203 or 300' });

const printerCommon = {
  /** Shown in lists; defaults to the address. */
  name: z.string().trim().max(80).optional(),
  dpi: dpi.default(203),
  /** Stock loaded per template; a template without an entry uses its own default size. */
  sizes: z.partialRecord(z.enum(LABEL_TEMPLATES), labelSize).default({}),
};

export const printerConfig = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({
    kind: z.literal('zpl-tcp'),
    host: z
      .string()
      .trim()
      .min(1, 'Host is required')
      .max(253)
      .regex(/^[A-Za-z0-9.:\-[\]]+$/, 'Host is a name or an IP address'),
    port: z.number().int().min(1, 'Port is 1–65535').max(65535, 'Port is 1–65535').default(9100),
    ...printerCommon,
  }),
  z.object({ kind: z.literal('cups'), queue: z.string().trim().regex(/^[\w.-]+$/, 'A CUPS queue name has letters, digits, . _ - only'), ...printerCommon }),
  z.object({ kind: z.literal('usb-device'), path: devicePath, ...printerCommon }),
  /** An OS printer (DYMO, Brother QL…) printed through the desktop shell; HTML payloads. */
  z.object({ kind: z.literal('os'), deviceName: z.string().trim().min(1, 'Printer name is required').max(200), ...printerCommon }),
]);
export type PrinterConfig = z.infer<typeof printerConfig>;

export const internalPrefix = z.object({
  prefix: z.string().min(1, 'Prefix cannot be empty').max(16).regex(/^\S+$/, 'Prefix cannot contain spaces'),
  type: z.enum(['sku', 'bin', 'document']),
  documentType: z.string().trim().min(1).max(40).optional(),
});

export const deviceConfig = z.object({
  scanner: scannerConfig,
  scale: scaleConfig,
  printer: printerConfig,
  /** Codes this business prints on its own labels (bins, documents); matched case-insensitively at the start. */
  internalPrefixes: z.array(internalPrefix).max(50),
});
export type DeviceConfig = z.infer<typeof deviceConfig>;

const configPatch = z
  .object({
    scanner: scannerConfig.optional(),
    scale: scaleConfig.optional(),
    printer: printerConfig.optional(),
    internalPrefixes: z
      .array(internalPrefix)
      .max(50)
      .superRefine((list, ctx) => {
        const seen = new Set<string>();
        list.forEach((p, i) => {
          const k = p.prefix.toUpperCase();
          if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i, 'prefix'], message: `Prefix ${p.prefix} is listed twice` });
          seen.add(k);
        });
      })
      .optional(),
  })
  .superRefine((c, ctx) => {
    // A scale and a USB printer cannot share one device node.
    if (c.scale?.kind === 'serial' && c.printer?.kind === 'usb-device' && c.scale.path === c.printer.path) {
      ctx.addIssue({ code: 'custom', path: ['printer', 'path'], message: 'The scale already uses this device' });
    }
  });

// ---------------------------------------------------------------------------------------------------------------
// Status and inventory

export const DEVICE_STATES = ['connected', 'disconnected', 'error', 'not-configured'] as const;
export type DeviceState = (typeof DEVICE_STATES)[number];

const lastError = z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable();

export const scannerStatus = z.object({
  kind: z.enum(['none', 'hid', 'wedge']),
  state: z.enum(DEVICE_STATES),
  message: z.string(),
  /** e.g. "hid:0c2e:0b8f" once a HID scanner was opened. */
  source: z.string().nullable(),
  lastError,
});
export type ScannerStatus = z.infer<typeof scannerStatus>;

export const scaleStatus = z.object({
  kind: z.enum(['none', 'serial', 'hid']),
  state: z.enum(DEVICE_STATES),
  message: z.string(),
  code: z.enum(SCALE_ERROR_CODES).optional(),
  lastError,
  lastWeight: scaleWeight.nullable(),
  /** What this scale can be asked to do (protocol-dependent). */
  can: z.object({ zero: z.boolean(), tare: z.boolean(), read: z.boolean() }),
});
export type ScaleStatus = z.infer<typeof scaleStatus>;

export const printerStationStatus = z.object({
  kind: z.enum(['none', 'zpl-tcp', 'cups', 'usb-device', 'os']),
  id: z.string().nullable(),
  name: z.string().nullable(),
  state: z.enum([...PRINTER_STATES, 'not-configured']),
  problems: z.array(z.string()),
  host: zplHostStatus.nullable(),
  errorCode: z.string().nullable(),
  /** When the status was last asked of the printer; null = never. */
  checkedAt: z.string().nullable(),
  /** True while a status query is on its way. */
  checking: z.boolean(),
  lastError,
  queue: z.object({ queued: z.number(), printing: z.number(), failed: z.number() }),
});
export type PrinterStationStatus = z.infer<typeof printerStationStatus>;

export const devicesStatus = z.object({ scanner: scannerStatus, scale: scaleStatus, printer: printerStationStatus });
export type DevicesStatus = z.infer<typeof devicesStatus>;

export const detectedDevice = z.object({
  kind: z.enum(['hid-scanner', 'hid-scale', 'serial-port', 'printer']),
  /** Device path (HID/serial) or the printer's address. */
  path: z.string(),
  name: z.string(),
  vendorId: z.string().nullable(),
  productId: z.string().nullable(),
  /** Whether this station's configuration uses it. */
  assigned: z.boolean(),
  state: z.enum(DEVICE_STATES),
  lastError: z.string().nullable(),
});
export type DetectedDevice = z.infer<typeof detectedDevice>;

export const deviceInventory = z.object({
  devices: z.array(detectedDevice),
  /** Why HID devices could not be listed (node-hid or libusb missing, permissions); null when listing worked. */
  hidReason: z.string().nullable(),
  /** Why serial ports could not be listed (e.g. udevadm missing); null when listing worked. */
  serialReason: z.string().nullable(),
  /** When the hardware was last enumerated; null = not yet (a refresh is on its way). */
  scannedAt: z.string().nullable(),
  scanning: z.boolean(),
});
export type DeviceInventory = z.infer<typeof deviceInventory>;

// ---------------------------------------------------------------------------------------------------------------
// Scans

export const SCAN_KINDS = ['gs1', 'digital-link', 'gtin', 'sku', 'bin', 'document', 'unknown', 'error'] as const;
export type ScanResultKind = (typeof SCAN_KINDS)[number];

export const scanResult = z.object({
  id: z.string(),
  at: z.string(),
  /** The scan as printable text: GS shown as ␝, other control characters as their control pictures. */
  raw: z.string(),
  source: z.enum(SCAN_SOURCES),
  kind: z.enum(SCAN_KINDS),
  symbology: z.string().optional(),
  aim: z.string().optional(),
  /** GS1 elements (AI, its title, typed value) for GS1 and Digital Link scans. */
  elements: z.array(z.object({ ai: z.string(), title: z.string(), value: z.string() })),
  gtin: z.string().optional(),
  sscc: z.string().optional(),
  item: z.object({ id, sku: z.string(), name: z.string() }).optional(),
  location: z.object({ id, path: z.string() }).optional(),
  document: z.object({ type: z.string(), prefix: z.string(), number: z.string() }).optional(),
  lot: z.string().optional(),
  expiry: isoDate.optional(),
  serial: z.string().optional(),
  quantity: z.number().optional(),
  weight: z.object({ grams: z.number(), value: z.string(), unit: z.string() }).optional(),
  /** Stable code of what was wrong (kind 'error' or 'unknown'), from the scan pipeline's codes. */
  errorCode: z.string().optional(),
  /** A sentence for the operator: what was scanned and what it resolved to, or what was wrong with it. */
  message: z.string(),
});
export type ScanResult = z.infer<typeof scanResult>;

// ---------------------------------------------------------------------------------------------------------------
// Labels

export const labelField = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['text', 'gtin', 'date', 'number', 'address', 'lines', 'weight']),
  required: z.boolean(),
});

export const labelTemplateInfo = z.object({
  id: z.enum(LABEL_TEMPLATES),
  title: z.string(),
  description: z.string(),
  fields: z.array(labelField),
  defaultSize: z.object({ width: z.number(), height: z.number(), unit: z.enum(['mm', 'in']) }),
});

const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const address = z.object({
  name: text(60),
  company: optText(60),
  line1: text(60),
  line2: optText(60),
  city: text(40),
  region: optText(30),
  postalCode: text(12),
  country: text(40),
});

const slipLine = z.object({ sku: text(32), name: text(120), quantity: z.number().int('Whole units').min(1, 'At least 1').max(99_999, 'At most 99999') });
/** A packing-slip line as typed in the label form ("SKU, quantity, name"), or as orders.labelData returns it. */
const slipLineInput = z.union([
  slipLine,
  z.string().transform((row, ctx) => {
    const m = /^\s*([^,;|]+?)\s*[,;|]\s*(\d+)\s*[,;|]\s*(.+?)\s*$/.exec(row);
    if (!m) {
      ctx.addIssue({ code: 'custom', message: 'Write each line as SKU, quantity, name' });
      return z.NEVER;
    }
    const parsed = slipLine.safeParse({ sku: m[1], quantity: Number(m[2]), name: m[3] });
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: parsed.error.issues[0]!.message });
      return z.NEVER;
    }
    return parsed.data;
  }),
]);

/** Per-template data, checked at the boundary; the templates check barcode rules (check digits, character sets) themselves. */
export const labelDataSchemas = {
  item: z.object({ sku: text(32), name: text(120), gtin: optText(14) }),
  bin: z.object({ code: text(24), description: optText(60) }),
  'gs1-128': z.object({ gtin: text(14), lot: optText(20), expiry: optText(10), serial: optText(20), name: optText(120) }),
  'gs1-datamatrix': z.object({ gtin: text(14), lot: optText(20), expiry: optText(10), serial: optText(20), name: optText(120) }),
  shipping: z.object({
    shipFrom: address.optional(),
    shipTo: address,
    orderNumber: text(40),
    carrier: text(30),
    service: text(40),
    trackingNumber: text(40),
    weight: z.object({ value: z.number().positive(), unit: z.enum(['kg', 'g', 'lb', 'oz']) }),
  }),
  sscc: z.object({
    sscc: z.string().trim().regex(/^\d{18}$/, 'An SSCC has 18 digits'),
    from: z.array(z.string().max(60)).max(5).optional(),
    to: z.array(z.string().max(60)).max(5).optional(),
    contents: optText(120),
  }),
  'packing-slip': z.object({
    companyName: optText(60),
    shipFrom: address.nullish(),
    shipTo: address,
    orderNumber: text(40),
    date: z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date is YYYY-MM-DD'),
    lines: z.array(slipLineInput).min(1, 'A packing slip needs at least one line').max(500, 'At most 500 lines'),
    packedBy: optText(60),
  }),
} satisfies Record<LabelTemplate, z.ZodType>;

const labelRequest = {
  template: z.enum(LABEL_TEMPLATES),
  /** Checked against the template's own schema (field errors come back as data.<field>). */
  data: z.record(z.string(), z.unknown()),
};

const renderedLabel = z.object({
  template: z.enum(LABEL_TEMPLATES),
  svg: z.string(),
  zpl: z.string(),
  widthDots: z.number(),
  heightDots: z.number(),
  dpi: z.number(),
  /** Labels this document prints on (a long packing slip continues on further labels); 1 for every other template. */
  pages: z.number().int().optional(),
});

// ---------------------------------------------------------------------------------------------------------------
// Methods

const empty = z.object({}).default({});
const scaleCommandAccepted = z.object({ requestId: z.string(), command: z.enum(['zero', 'tare', 'read']) });

export const devicesApi = {
  'scan.submit': def({
    summary:
      'Runs a scan (keyboard wedge, HID or typed) through the pipeline: GS1/GTIN/internal code classification, then catalog and bin look-up. A malformed scan is a result of kind "error" with a message, never an API error. Emits `scan`; writes nothing to the ledger.',
    mutates: false,
    input: z.object({ raw: z.string().max(100_000), source: z.enum(SCAN_SOURCES), aim: z.string().regex(/^\][A-Za-z][0-9A-Za-z]?$/, 'An AIM identifier looks like ]d2').optional() }),
    output: scanResult,
  }),
  'scan.recent': def({
    summary: 'The last scans of this station (up to 50, newest first; kept in memory).',
    mutates: false,
    input: z.object({ limit: z.number().int().positive().max(50).default(50) }),
    output: z.array(scanResult),
  }),
  'devices.list': def({
    summary:
      'Scanners, scales and serial ports found on this computer and the configured printer, with status. Answers the last enumeration and, unless refresh is false, enumerates again in the background (emits `devices.changed` when something changed).',
    mutates: false,
    input: z.object({ refresh: z.boolean().default(true) }),
    output: deviceInventory,
  }),
  'devices.config': def({ summary: "This station's device assignment.", mutates: false, input: empty, output: deviceConfig }),
  'devices.configure': def({
    summary: 'Changes the station\'s device assignment (each section given replaces the saved one) and restarts the devices whose configuration changed.',
    mutates: true,
    input: configPatch,
    output: deviceConfig,
  }),
  'devices.status': def({ summary: 'Scanner, scale and printer status, last errors and the last weight.', mutates: false, input: empty, output: devicesStatus }),
  // Zero and tare change the scale's state, so they count as mutating although the ledger is untouched.
  'scale.zero': def({
    summary: 'Zeroes the scale. Answers at once; the outcome arrives as `scale.command`. NOT_SUPPORTED where the protocol has no zero command.',
    mutates: true,
    input: empty,
    output: scaleCommandAccepted,
  }),
  'scale.tare': def({ summary: 'Tares the scale (outcome as `scale.command`). NOT_SUPPORTED where the protocol cannot.', mutates: true, input: empty, output: scaleCommandAccepted }),
  'scale.read': def({
    summary: 'Asks the scale for a weight; it arrives as `scale.weight` and `scale.command`. NOT_SUPPORTED where the scale cannot be asked.',
    mutates: false,
    input: empty,
    output: scaleCommandAccepted,
  }),
  'labels.templates': def({ summary: 'Label templates with their data fields and default sizes.', mutates: false, input: empty, output: z.array(labelTemplateInfo) }),
  'labels.preview': def({
    summary:
      'Renders a label exactly as it prints: SVG for the screen and the ZPL sent to the printer. Without dpi/size, the configured printer\'s dpi and stock for the template are used.',
    mutates: false,
    input: z.object({ ...labelRequest, dpi: dpi.optional(), size: labelSize.optional() }),
    output: renderedLabel,
  }),
  'labels.print': def({
    summary: 'Renders a label for the configured printer (its dpi and stock) and queues it; the job progresses as `printer.job` events.',
    mutates: true,
    input: z.object({ ...labelRequest, copies: z.number().int().min(1, 'At least 1 copy').max(9999, 'At most 9999 copies').default(1) }),
    output: printJobInfo,
  }),
  'printer.test': def({ summary: 'Queues a test label on the configured printer.', mutates: true, input: empty, output: printJobInfo }),
  'printer.status': def({
    summary: 'The configured printer\'s last known status (~HS for ZPL printers). Unless refresh is false, asks the printer again in the background and emits `printer.status` with the answer.',
    mutates: false,
    input: z.object({ refresh: z.boolean().default(true) }),
    output: printerStationStatus,
  }),
  'printer.jobs': def({ summary: 'The print queue, oldest first: status, attempts, last error.', mutates: false, input: empty, output: z.array(printJobInfo) }),
  'printer.cancel': def({ summary: 'Cancels a queued print job (a job being sent cannot be recalled).', mutates: true, input: z.object({ jobId: z.string().min(1) }), output: printJobInfo }),
  'printer.retry': def({ summary: 'Queues a failed or cancelled job again, or retries a waiting one now.', mutates: true, input: z.object({ jobId: z.string().min(1) }), output: printJobInfo }),
};
