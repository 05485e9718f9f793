import type { ZplHostStatus, ZplPrintMode } from '../../../shared/api/devices';
import { PrinterError } from './printer-error';

/** `~HS`: ask a ZPL printer for its host status (three STX…ETX CR LF strings). */
export const HOST_STATUS_QUERY = '~HS';

// The parsed status crosses into events and the API: defined once in src/shared/api/devices.ts.
export type { ZplHostStatus, ZplPrintMode };

const PRINT_MODES: Record<string, ZplPrintMode> = {
  '0': 'rewind',
  '1': 'peel-off',
  '2': 'tear-off',
  '3': 'cutter',
  '4': 'applicator',
  '5': 'delayed-cut',
  '6': 'linerless-peel',
  '7': 'linerless-rewind',
  '8': 'partial-cutter',
  '9': 'rfid',
  K: 'kiosk',
};

const STX = '\x02';
const ETX = '\x03';

/** Splits a reply into its STX…ETX strings; returns how many complete strings are in `text`. */
export function hostStatusStrings(text: string): string[] {
  const out: string[] = [];
  let from = 0;
  for (;;) {
    const s = text.indexOf(STX, from);
    if (s < 0) break;
    const e = text.indexOf(ETX, s + 1);
    if (e < 0) break;
    out.push(text.slice(s + 1, e));
    from = e + 1;
  }
  return out;
}

const flag = (v: string | undefined): boolean => v === '1';
const int = (v: string | undefined): number => {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isFinite(n) ? n : 0;
};

/**
 * Parses the ~HS reply (Zebra ZPL II Programming Guide, ~HS):
 * string 1 `aaa,b,c,dddd,eee,f,g,h,iii,j,k,l`: b paper out, c pause, dddd label length, eee formats in
 * buffer, f buffer full, g diagnostics, h partial format, iii unused, j corrupt RAM, k under temp, l over temp;
 * string 2 `mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www`: o head up, p ribbon out, q thermal transfer, r print mode,
 * s width mode, t label waiting, u labels remaining in batch, v format while printing, www graphics stored;
 * string 3 `xxxx,y`: password, static RAM.
 */
export function parseHostStatus(reply: string | Buffer): ZplHostStatus {
  const text = typeof reply === 'string' ? reply : reply.toString('latin1');
  const strings = hostStatusStrings(text);
  const s1 = strings[0]?.split(',');
  const s2 = strings[1]?.split(',');
  if (!s1 || !s2 || s1.length < 12 || s2.length < 9) {
    throw new PrinterError('PRINTER_BAD_STATUS', `Not a ~HS host status reply: ${JSON.stringify(text.slice(0, 120))}`);
  }
  const status: Omit<ZplHostStatus, 'ready' | 'problems'> = {
    paperOut: flag(s1[1]),
    paused: flag(s1[2]),
    labelLengthDots: int(s1[3]),
    formatsInBuffer: int(s1[4]),
    bufferFull: flag(s1[5]),
    partialFormat: flag(s1[7]),
    corruptRam: flag(s1[9]),
    underTemperature: flag(s1[10]),
    overTemperature: flag(s1[11]),
    headOpen: flag(s2[2]),
    ribbonOut: flag(s2[3]),
    thermalTransfer: flag(s2[4]),
    printMode: PRINT_MODES[s2[5]?.trim() ?? ''] ?? 'unknown',
    labelWaiting: flag(s2[7]),
    labelsRemainingInBatch: int(s2[8]),
    graphicsStored: int(s2[10]),
  };
  const problems: string[] = [];
  if (status.headOpen) problems.push('Print head is open');
  if (status.paperOut) problems.push('Out of labels');
  if (status.ribbonOut) problems.push('Out of ribbon');
  if (status.overTemperature) problems.push('Print head over temperature');
  if (status.underTemperature) problems.push('Print head under temperature');
  if (status.corruptRam) problems.push('Printer memory corrupt (configuration lost)');
  if (status.bufferFull) problems.push('Receive buffer full');
  if (status.paused) problems.push('Printer is paused');
  return { ...status, ready: problems.length === 0, problems };
}

/** Builds a ~HS reply; the fake printer and tests use it so both sides share one field order. */
export function formatHostStatus(p: Partial<Omit<ZplHostStatus, 'ready' | 'problems' | 'printMode'>> & { printMode?: string } = {}): string {
  const b = (v: boolean | undefined): string => (v ? '1' : '0');
  const n = (v: number | undefined, width: number): string => String(v ?? 0).padStart(width, '0');
  const mode = Object.entries(PRINT_MODES).find(([, m]) => m === p.printMode)?.[0] ?? '2';
  const s1 = ['030', b(p.paperOut), b(p.paused), n(p.labelLengthDots ?? 1218, 4), n(p.formatsInBuffer, 3), b(p.bufferFull), '0', b(p.partialFormat), '000', b(p.corruptRam), b(p.underTemperature), b(p.overTemperature)];
  const s2 = ['001', '0', b(p.headOpen), b(p.ribbonOut), b(p.thermalTransfer), mode, '0', b(p.labelWaiting), n(p.labelsRemainingInBatch, 8), '1', n(p.graphicsStored, 3)];
  return `${STX}${s1.join(',')}${ETX}\r\n${STX}${s2.join(',')}${ETX}\r\n${STX}1234,0${ETX}\r\n`;
}
