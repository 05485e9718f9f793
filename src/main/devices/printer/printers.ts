import type { LabelPrinter, PrintPayload, PrinterStatus, PrinterTransport } from './label-printer';
import { PrinterError } from './printer-error';
import { HOST_STATUS_QUERY, hostStatusStrings, parseHostStatus } from './zpl-host-status';

/** A ZPL printer over any transport; status through ~HS where the transport can read. */
export function createZplPrinter(opts: { id: string; name: string; transport: PrinterTransport }): LabelPrinter {
  const { transport } = opts;
  return {
    id: opts.id,
    name: opts.name,
    accepts: 'zpl',
    async print(payload) {
      if (payload.type !== 'zpl') throw new PrinterError('PRINTER_WRONG_PAYLOAD', `${opts.name} prints ZPL, not ${payload.type}`);
      // ZPL field data is UTF-8 under ^CI28, which the templates declare.
      await transport.send(Buffer.from(payload.zpl, 'utf8'));
    },
    async status(): Promise<PrinterStatus> {
      if (!transport.request) return { state: 'unknown', problems: [`${transport.description} cannot report status`], errorCode: 'PRINTER_UNSUPPORTED' };
      try {
        const reply = await transport.request(Buffer.from(HOST_STATUS_QUERY, 'latin1'), (r) => hostStatusStrings(r.toString('latin1')).length >= 3);
        const host = parseHostStatus(reply);
        return { state: host.ready ? 'ready' : 'attention', problems: host.problems, host };
      } catch (e) {
        if (!(e instanceof PrinterError)) throw e;
        if (e.code === 'PRINTER_NO_STATUS') {
          // Reachable but silent: Zebra firmware does not answer ~HS with the head open or media out.
          return { state: 'attention', problems: ['Printer does not answer: head open or out of labels?'], errorCode: e.code };
        }
        return { state: e.retryable ? 'offline' : 'unknown', problems: [e.message], errorCode: e.code };
      }
    },
  };
}

export interface OsPrintJob {
  /** The OS's printer name (`getPrintersAsync()[i].name`), not the friendly display name. */
  deviceName: string;
  payload: Extract<PrintPayload, { type: 'html' | 'pdf' }>;
}

/**
 * Injected by the host. The Electron shell implements it with a hidden BrowserWindow and
 * `webContents.print({silent: true, deviceName, pageSize: {width, height}, margins: {marginType: 'none'}})`,
 * pageSize in microns as carried by the payload.
 */
export type OsPrintFn = (job: OsPrintJob) => Promise<void>;

/** The hub is a plain Node process with no print dialog or spooler bindings: it says so instead of pretending. */
export const osPrintUnavailable: OsPrintFn = async () => {
  throw new PrinterError('OS_PRINT_UNAVAILABLE', 'Printing to OS printers needs the desktop app; the hub can only drive ZPL printers');
};

/** A DYMO/Brother-style printer reached through the OS driver by the host's `osPrint`. */
export function createOsPrinter(opts: { id: string; name: string; deviceName: string; osPrint: OsPrintFn }): LabelPrinter {
  return {
    id: opts.id,
    name: opts.name,
    accepts: 'document',
    async print(payload) {
      if (payload.type === 'zpl') throw new PrinterError('PRINTER_WRONG_PAYLOAD', `${opts.name} is an OS printer and cannot take ZPL`);
      try {
        await opts.osPrint({ deviceName: opts.deviceName, payload });
      } catch (e) {
        if (e instanceof PrinterError) throw e;
        throw new PrinterError('OS_PRINT_FAILED', `OS printing to ${opts.deviceName} failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
      }
    },
    async status() {
      // The OS spooler owns these printers; their state shows in the OS, not through us.
      return opts.osPrint === osPrintUnavailable
        ? { state: 'unknown', problems: ['OS printing is not available on this host'], errorCode: 'OS_PRINT_UNAVAILABLE' }
        : { state: 'unknown', problems: [] };
    },
  };
}

/** The payload a rendered label becomes for a given printer: ZPL for thermal printers, HTML for OS printers. */
export function payloadFor(printer: Pick<LabelPrinter, 'accepts'>, label: { zpl: string; html: string; widthDots: number; heightDots: number; layout: { dpi: number } }): PrintPayload {
  if (printer.accepts === 'zpl') return { type: 'zpl', zpl: label.zpl };
  // Dots are rounded from the requested size; 0.1 mm steps give back the stock's nominal size
  // (62 mm, not 61.976), which is what the OS driver's paper list holds.
  const toMicrons = (dots: number): number => Math.round((dots * 25_400) / label.layout.dpi / 100) * 100;
  return { type: 'html', html: label.html, widthMicrons: toMicrons(label.widthDots), heightMicrons: toMicrons(label.heightDots) };
}
