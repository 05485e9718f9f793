import { lineFramer } from '../../serial/framer';
import type { Decoded, SerialScaleProtocol } from './decoded';

/**
 * CAS indicators (and the A&D-style format many clones use) stream one line per reading, no request needed:
 *   "ST,GS,+  1.234kg"            18-byte form: header1, header2, 8-char weight, 2-char unit
 *   "ST,GS,<id><lamp>,+  1.234 kg" 22-byte CAS form: device id and lamp byte (may be binary) before the weight
 *   "  1.234\r\n"                    10-byte form: weight only, no flags → stability decided in software
 * header1: ST stable, US unstable, OL overload; header2: GS gross, NT net. Formats vary by model and setting,
 * so the parser looks for the header and reads the weight after it, tolerating spacing and sign position.
 */
export type CasHeader = 'ST' | 'US' | 'OL';

export type CasLine =
  | { type: 'reading'; header: CasHeader | null; gross: boolean | null; value: string | null; unit: string | null }
  | { type: 'bad'; reason: string };

const HEADER_RE = /(ST|US|OL),(GS|NT),/g;
const DATA_RE = /^\s*([-+]?\s*(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]{1,3})?\s*$/;

export function parseCas(line: string): CasLine {
  let last: RegExpExecArray | null = null;
  for (const m of line.matchAll(HEADER_RE)) last = m as RegExpExecArray;
  if (last) {
    let rest = line.slice(last.index + last[0].length);
    // The 22-byte form puts a device id and a lamp status byte (binary) and a comma before the weight.
    if (rest.length > 3 && rest[2] === ',') rest = rest.slice(3);
    const header = last[1] as CasHeader;
    const gross = last[2] === 'GS';
    const d = DATA_RE.exec(rest);
    if (!d) {
      // Overload lines often carry no digits at all.
      if (header === 'OL') return { type: 'reading', header, gross, value: null, unit: null };
      return { type: 'bad', reason: `unreadable CAS weight ${JSON.stringify(rest.slice(0, 20))}` };
    }
    return { type: 'reading', header, gross, value: d[1]!.replace(/\s+/g, ''), unit: d[2] ?? null };
  }
  // No header: only the bare-weight form is acceptable; cut noise at the last binary byte.
  let cut = -1;
  for (let i = line.length - 1; i >= 0; i--) {
    const c = line.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      cut = i;
      break;
    }
  }
  const d = DATA_RE.exec(line.slice(cut + 1));
  if (!d) return { type: 'bad', reason: `not a CAS line: ${JSON.stringify(line.slice(0, 30))}` };
  return { type: 'reading', header: null, gross: null, value: d[1]!.replace(/\s+/g, ''), unit: d[2] ?? null };
}

export function createCasProtocol(options: { defaultUnit?: string } = {}): SerialScaleProtocol {
  const defaultUnit = options.defaultUnit ?? 'kg';
  return {
    name: 'cas',
    streaming: true,
    createFramer: () => lineFramer(),
    decode(frame): Decoded {
      const r = parseCas(frame.toString('latin1'));
      if (r.type === 'bad') return { kind: 'bad', reason: r.reason };
      if (r.header === 'OL') return { kind: 'reading', reading: { valueText: null, unitText: null, condition: 'overload' } };
      const condition = r.header === 'ST' ? 'stable' : r.header === 'US' ? 'motion' : 'unknown';
      return { kind: 'reading', reading: { valueText: r.value, unitText: r.unit ?? defaultUnit, condition } };
    },
    // Continuous-output indicators take no commands on this port.
    encode: () => null,
  };
}
