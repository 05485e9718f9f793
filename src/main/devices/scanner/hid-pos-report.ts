/**
 * HID POS "Scanned Data Report" (usage 0x12): symbology identifier bytes (usages 0xFB–0xFD), decoded data (0xFE) and
 * a "decode data continued" flag (0xFF) for barcodes longer than one report. Byte positions come from the device's
 * report descriptor; we ship the layout Honeywell scanners use, as node-hid delivers it (report id in byte 0):
 *   [0] report id 0x02, [1] data length (≤ 56), [2..4] AIM id, [5..60] data, [61] Honeywell code id,
 *   [63] bit 0 = more reports follow.
 * (HenkVanAsselt/python_hon_usbhid README capture; NielsLeenheer/WebHidBarcodeScanner, whose WebHID offsets are one
 * lower because WebHID strips the report id.)
 */
export interface HidPosLayout {
  /** Expected byte 0; reports with another id are ignored. Undefined when the transport strips the id. */
  reportId?: number;
  lengthOffset: number;
  aimOffset: number;
  dataOffset: number;
  maxData: number;
  moreOffset: number;
  moreMask: number;
}

export const HONEYWELL_LAYOUT: HidPosLayout = { reportId: 0x02, lengthOffset: 1, aimOffset: 2, dataOffset: 5, maxData: 56, moreOffset: 63, moreMask: 0x01 };

/** The same reports with the report id already removed (WebHID, or hidapi on unnumbered reports). */
export const HONEYWELL_LAYOUT_NO_REPORT_ID: HidPosLayout = { lengthOffset: 0, aimOffset: 1, dataOffset: 4, maxData: 56, moreOffset: 62, moreMask: 0x01 };

export interface ReportChunk {
  aim?: string;
  data: string;
  more: boolean;
}

export type DecodeResult = { ok: true; chunk: ReportChunk } | { ok: false; ignored: true } | { ok: false; ignored: false; message: string };

/** Decodes one input report into its piece of a scan. */
export function decodeReport(buf: Uint8Array, layout: HidPosLayout): DecodeResult {
  if (layout.reportId !== undefined && buf[0] !== layout.reportId) return { ok: false, ignored: true };
  if (buf.length <= layout.dataOffset) {
    return { ok: false, ignored: false, message: `report of ${buf.length} bytes is too short for HID POS data at byte ${layout.dataOffset}` };
  }
  const declared = buf[layout.lengthOffset] ?? 0;
  // Never read past the data area or the buffer, whatever the length byte claims.
  const len = Math.min(declared, layout.maxData, buf.length - layout.dataOffset);
  const aimBytes = buf.subarray(layout.aimOffset, layout.aimOffset + 3);
  const aim = aimBytes[0] === 0x5d ? latin1(aimBytes) : undefined;
  const more = layout.moreOffset < buf.length && ((buf[layout.moreOffset] ?? 0) & layout.moreMask) !== 0;
  const chunk: ReportChunk = { data: latin1(buf.subarray(layout.dataOffset, layout.dataOffset + len)), more };
  if (aim) chunk.aim = aim;
  return { ok: true, chunk };
}

const latin1 = (bytes: Uint8Array): string => String.fromCharCode(...bytes);

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface AssemblerEvents {
  scan(raw: string, aim: string | undefined): void;
  fault(code: 'PARTIAL_SCAN_TIMEOUT' | 'BAD_REPORT', message: string): void;
}

/**
 * Joins multi-report scans. A scan whose final report does not arrive within `timeoutMs` of the previous one is
 * reported as a fault and dropped, so its first half can never be glued onto the next barcode.
 */
export class ReportAssembler {
  private parts: string[] = [];
  private aim: string | undefined;
  private timer: unknown;

  constructor(
    private readonly layout: HidPosLayout,
    private readonly timeoutMs: number,
    private readonly out: AssemblerEvents,
    private readonly timers: Timers = realTimers,
  ) {}

  push(buf: Uint8Array): void {
    const r = decodeReport(buf, this.layout);
    if (!r.ok) {
      if (!r.ignored) this.out.fault('BAD_REPORT', r.message);
      return;
    }
    const { chunk } = r;
    // A report announcing another symbology cannot continue the pending scan: that scan lost its tail.
    if (this.parts.length && chunk.aim !== this.aim) this.abandon('a new barcode started before the previous one was complete');
    if (!this.parts.length) this.aim = chunk.aim;
    this.parts.push(chunk.data);
    this.cancelTimer();
    if (chunk.more) {
      this.timer = this.timers.setTimeout(() => {
        this.timer = undefined;
        this.abandon(`no final report within ${this.timeoutMs} ms`);
      }, this.timeoutMs);
      return;
    }
    const raw = this.parts.join('');
    const aim = this.aim;
    this.reset();
    this.out.scan(raw, aim);
  }

  /** Drops a pending partial scan (e.g. on unplug), reporting it if there was one. */
  abandon(reason: string): void {
    if (!this.parts.length) return;
    const bytes = this.parts.reduce((n, p) => n + p.length, 0);
    const reports = this.parts.length;
    this.reset();
    this.out.fault('PARTIAL_SCAN_TIMEOUT', `incomplete scan dropped (${bytes} bytes in ${reports} report${reports === 1 ? '' : 's'}): ${reason}; please scan again`);
  }

  private reset(): void {
    this.cancelTimer();
    this.parts = [];
    this.aim = undefined;
  }

  private cancelTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
