import type { MassUnit } from '../../../shared/units';

/** What the scale says about the load, normalized across protocols. */
export type ScaleState = 'stable' | 'motion' | 'overload' | 'underload' | 'zero' | 'error';

/**
 * One reading. Numbers are only filled in when the scale sent a believable weight (never for overload,
 * underload or a fault). `value` keeps the scale's own resolution; `grams` is exact; `milligrams` is the
 * rounded integer to compare and store.
 */
export interface ScaleWeight {
  value: string | null;
  unit: MassUnit | null;
  /** The unit text exactly as the scale printed it (or the HID unit code as text). */
  unitRaw: string;
  decimals: number | null;
  grams: string | null;
  milligrams: number | null;
  /** The frame as received (latin1 for serial, hex for HID). */
  raw: string;
  stable: boolean;
  state: ScaleState;
  at: string;
}

export type ScaleConnection = 'connected' | 'disconnected' | 'error';

export interface ScaleStatus {
  state: ScaleConnection;
  message: string;
  /** Stable code when state is 'error' or when the cause of a disconnect is known. */
  code?: ScaleErrorCode;
}

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

export type ScaleResult<T> = { ok: true; value: T } | { ok: false; error: { code: ScaleErrorCode; message: string } };

export interface ScaleEvents {
  weight: ScaleWeight;
  status: ScaleStatus;
}

export interface Scale {
  on<E extends keyof ScaleEvents>(event: E, fn: (payload: ScaleEvents[E]) => void): () => void;
  readonly status: ScaleStatus;
  /** Sets the current load as zero. */
  zero(): Promise<ScaleResult<void>>;
  /** Takes the current load as tare; resolves with the tare weight when the protocol reports it. */
  tare(): Promise<ScaleResult<ScaleWeight | null>>;
  /** Asks for (or waits for, on streaming scales) the next reading. */
  requestWeight(): Promise<ScaleResult<ScaleWeight>>;
  close(): Promise<void>;
}

/** Software stability: N readings within tolerance spanning at least T ms. */
export interface StabilityOptions {
  /** Readings needed (default 3). */
  count?: number;
  /** Minimum time the readings must span, ms (default 500). */
  windowMs?: number;
  /** Largest allowed spread between readings, in milligrams (default 0 = equal). */
  toleranceMg?: number;
  /**
   * 'device' trusts the protocol flag when it has one (default); 'software' ignores it and decides itself;
   * 'both' needs the device flag and the software check to agree.
   */
  mode?: 'device' | 'software' | 'both';
}

/** Guards against believing garbage. */
export interface PlausibilityOptions {
  /** Consecutive bad frames before the status turns to error (default 5). */
  maxBadFrames?: number;
  /** Readings above this (absolute) are impossible for this scale, in grams (default 1 000 000 = 1 t). */
  capacityGrams?: number;
}
