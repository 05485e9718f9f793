import type { ScaleErrorCode } from '../types';

/** What a frame says about the load, before units and plausibility are checked. */
export type Condition = 'stable' | 'motion' | 'zero' | 'overload' | 'underload' | 'fault' | 'unknown';

export interface RawReading {
  /** The weight digits as sent, or null when the scale sent none (overload, fault). */
  valueText: string | null;
  unitText: string | null;
  condition: Condition;
  /** Extra detail for 'fault', e.g. which status bit was set. */
  message?: string;
}

export type Command = 'weight' | 'zero' | 'tare';

/** A protocol decoder's verdict on one frame, shared by all serial protocols so one driver runs them all. */
export type Decoded =
  | { kind: 'reading'; reading: RawReading }
  /** An answer to a command. `to: 'any'` answers whatever is pending (generic errors such as MT-SICS ES). */
  | { kind: 'reply'; to: Command | 'any'; ok: true; reading?: RawReading }
  | { kind: 'reply'; to: Command | 'any'; ok: false; code: ScaleErrorCode; message: string; reading?: RawReading }
  /** Well-formed but of no interest (e.g. an identification line). */
  | { kind: 'ignore' }
  | { kind: 'bad'; reason: string };

/** A serial scale protocol: framing, decoding, and the bytes for each command (null = not in this protocol). */
export interface SerialScaleProtocol {
  readonly name: string;
  /** Splits frames out of the byte stream. */
  createFramer(): import('../../serial/framer').Framer;
  decode(frame: Buffer): Decoded;
  encode(command: Command): Buffer | null;
  /** True when the scale streams readings by itself, so requestWeight only waits for the next one. */
  readonly streaming: boolean;
}

/** Printable ASCII only; anything else in a text field means the frame is corrupt. */
export const isPrintable = (s: string): boolean => /^[\x20-\x7e]*$/.test(s);
