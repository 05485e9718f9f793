import { lineFramer } from '../../serial/framer';
import type { Command, Decoded, RawReading, SerialScaleProtocol } from './decoded';

/**
 * Mettler Toledo MT-SICS (level 0/1). Commands and responses are uppercase ASCII lines ending CR LF.
 *   S  → "S S <value> <unit>" stable | "S I" busy/timeout | "S +" overload | "S -" underload
 *   SI → "S S …" stable | "S D …" dynamic (in motion) | "S +" | "S -" | "S I"
 *   Z  → "Z A" done | "Z I" not executable | "Z +" / "Z -" outside the zero range
 *   T  → "T S <tare> <unit>" (older manuals: "T A …") | "T I" | "T +" | "T -"
 *   any → "ES" syntax, "ET" transmission, "EL" logical error
 */
export type MtSicsCommand = 'S' | 'SI' | 'Z' | 'ZI' | 'T' | 'TI';

export function encodeMtSics(command: MtSicsCommand): Buffer {
  return Buffer.from(`${command}\r\n`, 'latin1');
}

export type MtSicsResponse =
  | { type: 'weight'; status: 'S' | 'D'; value: string; unit: string }
  | { type: 'weight-status'; status: 'I' | '+' | '-' }
  | { type: 'zero'; status: 'A' | 'I' | '+' | '-' }
  | { type: 'tare'; status: 'S' | 'A'; value: string; unit: string }
  | { type: 'tare-status'; status: 'I' | '+' | '-' }
  | { type: 'error'; code: 'ES' | 'ET' | 'EL' }
  | { type: 'other'; text: string }
  | { type: 'bad'; reason: string };

const NUMBER = '[-+]?\\s*\\d+(?:\\.\\d*)?';
const WEIGHT_RE = new RegExp(`^S\\s+([SD])\\s+(${NUMBER})\\s+(\\S+)$`);
const TARE_RE = new RegExp(`^T[I]?\\s+([SA])\\s+(${NUMBER})\\s+(\\S+)$`);

/**
 * Parses one line (without CR LF). Noise before a response (line noise, a half frame from before a reconnect)
 * is cut at the last non-printable byte; printable noise makes the line unparseable and it is rejected.
 */
export function parseMtSics(line: string): MtSicsResponse {
  const cut = lastNonPrintable(line);
  const text = line.slice(cut + 1).trim();
  if (text === '') return { type: 'bad', reason: 'empty line' };
  let m = WEIGHT_RE.exec(text);
  if (m) return { type: 'weight', status: m[1] as 'S' | 'D', value: m[2]!.replace(/\s+/g, ''), unit: m[3]! };
  m = /^S\s+([I+-])$/.exec(text);
  if (m) return { type: 'weight-status', status: m[1] as 'I' | '+' | '-' };
  m = /^ZI?\s+([AI+-])$/.exec(text);
  if (m) return { type: 'zero', status: m[1] as 'A' | 'I' | '+' | '-' };
  m = TARE_RE.exec(text);
  if (m) return { type: 'tare', status: m[1] as 'S' | 'A', value: m[2]!.replace(/\s+/g, ''), unit: m[3]! };
  m = /^TI?\s+([I+-])$/.exec(text);
  if (m) return { type: 'tare-status', status: m[1] as 'I' | '+' | '-' };
  if (text === 'ES' || text === 'ET' || text === 'EL') return { type: 'error', code: text };
  // Identification and other level-2+ answers ("I4 A \"0123\"", "@ A …") are valid MT-SICS; we do not use them.
  if (/^(I\d+|@)\s+[AIL]\b/.test(text)) return { type: 'other', text };
  return { type: 'bad', reason: `not an MT-SICS response: ${JSON.stringify(text.slice(0, 40))}` };
}

function lastNonPrintable(s: string): number {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) return i;
  }
  return -1;
}

const ERROR_TEXT = { ES: 'syntax error (command not understood)', ET: 'transmission error', EL: 'logical error (command not possible)' } as const;

function toDecoded(r: MtSicsResponse): Decoded {
  switch (r.type) {
    case 'weight': {
      const reading: RawReading = { valueText: r.value, unitText: r.unit, condition: r.status === 'S' ? 'stable' : 'motion' };
      return { kind: 'reading', reading };
    }
    case 'weight-status':
      switch (r.status) {
        case '+':
          return { kind: 'reading', reading: { valueText: null, unitText: null, condition: 'overload' } };
        case '-':
          return { kind: 'reading', reading: { valueText: null, unitText: null, condition: 'underload' } };
        case 'I':
          return { kind: 'reply', to: 'weight', ok: false, code: 'BUSY', message: 'balance busy or not stable in time (S I)' };
      }
      break;
    case 'zero':
      switch (r.status) {
        case 'A':
          return { kind: 'reply', to: 'zero', ok: true };
        case 'I':
          return { kind: 'reply', to: 'zero', ok: false, code: 'BUSY', message: 'zero not executed (Z I): busy or not stable' };
        case '+':
        case '-':
          return { kind: 'reply', to: 'zero', ok: false, code: 'OUT_OF_RANGE', message: `zero range ${r.status === '+' ? 'upper' : 'lower'} limit exceeded` };
      }
      break;
    case 'tare':
      return { kind: 'reply', to: 'tare', ok: true, reading: { valueText: r.value, unitText: r.unit, condition: 'stable' } };
    case 'tare-status':
      switch (r.status) {
        case 'I':
          return { kind: 'reply', to: 'tare', ok: false, code: 'BUSY', message: 'tare not executed (T I): busy or not stable' };
        case '+':
        case '-':
          return { kind: 'reply', to: 'tare', ok: false, code: 'OUT_OF_RANGE', message: `tare range ${r.status === '+' ? 'upper' : 'lower'} limit exceeded` };
      }
      break;
    case 'error':
      return { kind: 'reply', to: 'any', ok: false, code: 'DEVICE_ERROR', message: `${r.code}: ${ERROR_TEXT[r.code]}` };
    case 'other':
      return { kind: 'ignore' };
    case 'bad':
      return { kind: 'bad', reason: r.reason };
  }
  return { kind: 'bad', reason: 'unreachable' };
}

export function createMtSicsProtocol(options: { weightCommand?: 'S' | 'SI' } = {}): SerialScaleProtocol {
  // SI answers at once, with the motion flag; S blocks until stable, which could outlast our timeout.
  const weightCommand = options.weightCommand ?? 'SI';
  return {
    name: 'mt-sics',
    streaming: false,
    createFramer: () => lineFramer(),
    decode: (frame) => toDecoded(parseMtSics(frame.toString('latin1'))),
    encode(command: Command) {
      switch (command) {
        case 'weight':
          return encodeMtSics(weightCommand);
        case 'zero':
          return encodeMtSics('Z');
        case 'tare':
          return encodeMtSics('T');
      }
    },
  };
}
