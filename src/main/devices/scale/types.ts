import { SCALE_ERROR_CODES, type ScaleDriverStatus, type ScaleErrorCode, type ScaleState, type ScaleWeight } from '../../../shared/api/devices';

/*
 * The reading, status and error codes cross into events and the API, so they are defined once in
 * src/shared/api/devices.ts; the driver-only types stay here.
 */
export { SCALE_ERROR_CODES };
export type { ScaleErrorCode, ScaleState, ScaleWeight };
export type ScaleStatus = ScaleDriverStatus;
export type ScaleConnection = ScaleDriverStatus['state'];

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
