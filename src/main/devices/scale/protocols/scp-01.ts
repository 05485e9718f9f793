import { createFramer } from '../../serial/framer';
import type { Command, Condition, Decoded, RawReading, SerialScaleProtocol } from './decoded';

/**
 * NCI / Avery Weigh-Tronix SCP-01 (also Brecknell, Ohaus "NCI" mode). Request/response, every response framed
 * LF … CR ETX:
 *   W\r → \n <weight><unit> \r\n <status> \r ETX     e.g. "\n0001.25lb\r\n00\r\x03"
 *   Z\r → \n <status> \r ETX                           (zero, answers with the status)
 *   bad → \n ? \r ETX
 * Status bytes have bits 4–5 set (0x30|flags); byte 1: b0 motion, b1 at zero, b2 RAM error, b3 EEPROM error;
 * byte 2: b0 under capacity, b1 over capacity, b2 ROM error, b3 faulty calibration; b6 says another byte follows;
 * b7 may be parity, so it is ignored.
 */
export const ETX = 0x03;

export function encodeScp01(command: 'W' | 'Z' | 'S' | 'H'): Buffer {
  return Buffer.from(`${command}\r`, 'latin1');
}

export interface Scp01Status {
  motion: boolean;
  atZero: boolean;
  underCapacity: boolean;
  overCapacity: boolean;
  /** RAM/EEPROM/ROM/calibration errors, by name. */
  faults: string[];
}

export type Scp01Response =
  | { type: 'weight'; weightText: string; status: Scp01Status }
  | { type: 'status'; status: Scp01Status }
  | { type: 'unrecognized' }
  | { type: 'bad'; reason: string };

/** Status characters: 7-bit with bits 4 and 5 set. */
const STATUS = '[\\x30-\\x3f\\x70-\\x7f\\xb0-\\xbf\\xf0-\\xff]{2,4}';
const WEIGHT_FRAME = new RegExp(`\\n([\\x20-\\x7e]*)\\r\\n(${STATUS})\\r$`);
const STATUS_FRAME = new RegExp(`\\n(${STATUS})\\r$`);

export function parseScp01Status(text: string): Scp01Status | null {
  if (text.length < 2) return null;
  const b = [...text].map((c) => c.charCodeAt(0) & 0x7f);
  if (b.some((x) => (x & 0x30) !== 0x30)) return null;
  const [b1, b2] = b as [number, number];
  const faults: string[] = [];
  if (b1 & 0x04) faults.push('RAM error');
  if (b1 & 0x08) faults.push('EEPROM error');
  if (b2 & 0x04) faults.push('ROM error');
  if (b2 & 0x08) faults.push('faulty calibration');
  return { motion: (b1 & 0x01) !== 0, atZero: (b1 & 0x02) !== 0, underCapacity: (b2 & 0x01) !== 0, overCapacity: (b2 & 0x02) !== 0, faults };
}

/**
 * Parses one frame: the bytes before an ETX (ETX excluded). Matching is anchored at the end of the frame and
 * starts at its LF, so garbage ahead of the LF is skipped rather than mistaken for weight digits.
 */
export function parseScp01(frame: string): Scp01Response {
  let m = WEIGHT_FRAME.exec(frame);
  if (m) {
    const status = parseScp01Status(m[2]!);
    if (!status) return { type: 'bad', reason: 'bad status bytes' };
    return { type: 'weight', weightText: m[1]!, status };
  }
  m = STATUS_FRAME.exec(frame);
  if (m) {
    const status = parseScp01Status(m[1]!);
    if (!status) return { type: 'bad', reason: 'bad status bytes' };
    return { type: 'status', status };
  }
  if (/\n\?\r$/.test(frame)) return { type: 'unrecognized' };
  return { type: 'bad', reason: `not an SCP-01 frame: ${JSON.stringify(frame.slice(-40))}` };
}

/** Splits "0001.25lb" / " -12.5 kg" into digits and unit. */
export function splitScp01Weight(text: string): { value: string; unit: string } | null {
  const m = /^\s*([-+]?\s*(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]+)\s*$/.exec(text);
  return m ? { value: m[1]!.replace(/\s+/g, ''), unit: m[2]! } : null;
}

function condition(s: Scp01Status): Condition {
  if (s.faults.length) return 'fault';
  if (s.overCapacity) return 'overload';
  if (s.underCapacity) return 'underload';
  if (s.motion) return 'motion';
  if (s.atZero) return 'zero';
  return 'stable';
}

function toDecoded(r: Scp01Response): Decoded {
  switch (r.type) {
    case 'weight': {
      const c = condition(r.status);
      const w = splitScp01Weight(r.weightText);
      if (!w) {
        // Over/under capacity and faults blank the weight field on many indicators; the status still counts.
        if (c === 'overload' || c === 'underload' || c === 'fault') {
          return { kind: 'reading', reading: { valueText: null, unitText: null, condition: c, message: r.status.faults.join(', ') } };
        }
        return { kind: 'bad', reason: `unreadable weight ${JSON.stringify(r.weightText)}` };
      }
      const reading: RawReading = { valueText: w.value, unitText: w.unit, condition: c };
      if (c === 'fault') reading.message = r.status.faults.join(', ');
      return { kind: 'reading', reading };
    }
    case 'status':
      if (r.status.faults.length) {
        return { kind: 'reply', to: 'zero', ok: false, code: 'DEVICE_ERROR', message: r.status.faults.join(', ') };
      }
      if (r.status.overCapacity || r.status.underCapacity) {
        return { kind: 'reply', to: 'zero', ok: false, code: 'OUT_OF_RANGE', message: 'scale over or under capacity' };
      }
      return { kind: 'reply', to: 'zero', ok: true };
    case 'unrecognized':
      return { kind: 'reply', to: 'any', ok: false, code: 'DEVICE_ERROR', message: 'command not recognized by the scale (?)' };
    case 'bad':
      return { kind: 'bad', reason: r.reason };
  }
}

export function createScp01Protocol(): SerialScaleProtocol {
  return {
    name: 'scp-01',
    streaming: false,
    createFramer: () => createFramer({ delimiter: Buffer.from([ETX]), maxFrameBytes: 64 }),
    decode: (frame) => toDecoded(parseScp01(frame.toString('latin1'))),
    encode(command: Command) {
      switch (command) {
        case 'weight':
          return encodeScp01('W');
        case 'zero':
          return encodeScp01('Z');
        case 'tare':
          // SCP-01 defines no tare command; some indicators add one, but we would be guessing.
          return null;
      }
    },
  };
}
