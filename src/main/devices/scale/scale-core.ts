import { EventEmitter } from 'node:events';
import type { Clock } from '../../core/context';
import {
  compareDecimal,
  parseWeight,
  toGramsDecimal,
  toGramsString,
  toMicrograms,
  toMilligrams,
  unitFromText,
  weightValueString,
  absDecimal,
  type Weight,
} from '../../../shared/units';
import type { RawReading } from './protocols/decoded';
import { createStabilityDetector } from './stability';
import type { PlausibilityOptions, ScaleErrorCode, ScaleEvents, ScaleResult, ScaleStatus, ScaleWeight, StabilityOptions } from './types';

export interface ScaleCoreOptions {
  stability?: StabilityOptions;
  plausibility?: PlausibilityOptions;
  clock?: Clock;
}

export type Interpretation = { ok: true; weight: ScaleWeight } | { ok: false; reason: string };

/**
 * What every scale driver shares once a frame is decoded: turning a protocol reading into a checked
 * ScaleWeight, deciding stability, refusing garbage, composing the status, and waking requestWeight() callers.
 */
export function createScaleCore(options: ScaleCoreOptions = {}) {
  const clock = options.clock ?? { now: () => new Date() };
  const emitter = new EventEmitter();
  const detector = createStabilityDetector(options.stability);
  const mode = options.stability?.mode ?? 'device';
  const maxBad = Math.max(1, options.plausibility?.maxBadFrames ?? 5);
  const capacity = parseWeight(String(options.plausibility?.capacityGrams ?? 1_000_000), 'g') ?? { amount: 1_000_000n, decimals: 0, unit: 'g' as const };
  const capacityGrams = toGramsDecimal(capacity);

  let link: { connected: boolean; message: string } = { connected: false, message: 'not opened yet' };
  let problem: { code: ScaleErrorCode; message: string } | null = null;
  let badRun = 0;
  let status: ScaleStatus = { state: 'disconnected', message: link.message };
  const waiters = new Set<(w: ScaleWeight) => void>();

  const publish = (): void => {
    const next: ScaleStatus = !link.connected
      ? { state: 'disconnected', message: link.message }
      : problem
        ? { state: 'error', message: problem.message, code: problem.code }
        : { state: 'connected', message: link.message };
    if (next.state === status.state && next.message === status.message && next.code === status.code) return;
    status = next;
    emitter.emit('status', status);
  };

  const base = (raw: string, unitRaw: string) => ({ raw, unitRaw, at: clock.now().toISOString() });

  /** Checks a reading without emitting anything (also used for tare values). */
  function interpret(reading: RawReading, raw: string, feedDetector: boolean): Interpretation {
    const unitRaw = reading.unitText ?? '';
    // Whatever digits an overloaded or faulty scale still prints are not a weight: report the condition only.
    switch (reading.condition) {
      case 'overload':
      case 'underload':
        if (feedDetector) detector.reset();
        return { ok: true, weight: { ...empty(), ...base(raw, unitRaw), state: reading.condition, stable: false } };
      case 'fault':
        if (feedDetector) detector.reset();
        return { ok: true, weight: { ...empty(), ...base(raw, unitRaw), state: 'error', stable: false } };
      case 'stable':
      case 'motion':
      case 'zero':
      case 'unknown':
        if (reading.valueText === null) return { ok: false, reason: 'reading without a weight' };
    }
    const unit = unitFromText(unitRaw);
    if (!unit) return { ok: false, reason: `unknown unit ${JSON.stringify(unitRaw)}` };
    const w = parseWeight(reading.valueText, unit);
    if (!w) return { ok: false, reason: `unreadable weight ${JSON.stringify(reading.valueText)}` };
    const grams = toGramsDecimal(w);
    if (compareDecimal(absDecimal(grams), capacityGrams) > 0) {
      return { ok: false, reason: `impossible weight ${weightValueString(w)} ${unit} (capacity ${weightValueString(capacity)} g)` };
    }
    let softStable: boolean | null = null;
    if (feedDetector) softStable = detector.push(toMicrograms(w), clock.now().getTime());
    const device = reading.condition;
    const deviceStable = device === 'stable' || device === 'zero';
    let stable: boolean;
    if (mode === 'software' || device === 'unknown') stable = softStable ?? false;
    else if (mode === 'both') stable = deviceStable && (softStable ?? true);
    else stable = deviceStable;
    const state: ScaleWeight['state'] = !stable ? 'motion' : device === 'zero' || w.amount === 0n ? 'zero' : 'stable';
    return { ok: true, weight: { ...numbers(w), ...base(raw, unitRaw), stable, state } };
  }

  return {
    on<E extends keyof ScaleEvents>(event: E, fn: (payload: ScaleEvents[E]) => void): () => void {
      emitter.on(event, fn);
      return () => emitter.off(event, fn);
    },
    get status(): ScaleStatus {
      return status;
    },
    get connected(): boolean {
      return link.connected;
    },

    setLink(connected: boolean, message: string): void {
      link = { connected, message };
      if (!connected) {
        // A fresh connection gets a fresh chance; old garbage says nothing about the next device.
        badRun = 0;
        if (problem?.code === 'GARBAGE') problem = null;
        detector.reset();
      }
      publish();
    },

    /** Counts a frame we could not believe; enough in a row and the scale is reported as talking garbage. */
    bad(reason: string): void {
      badRun++;
      if (badRun >= maxBad) {
        problem = { code: 'GARBAGE', message: `scale sends unreadable data (${badRun} bad frames in a row; last: ${reason})` };
        publish();
      }
    },

    interpret,

    /** Interprets, emits and returns a reading, or counts it as bad. */
    accept(reading: RawReading, raw: string): Interpretation {
      const r = interpret(reading, raw, true);
      if (!r.ok) {
        this.bad(r.reason);
        return r;
      }
      badRun = 0;
      const fault = r.weight.state === 'error';
      if (fault) problem = { code: 'DEVICE_ERROR', message: `scale reports a fault${reading.message ? `: ${reading.message}` : ''}` };
      else if (problem) problem = null;
      publish();
      emitter.emit('weight', r.weight);
      for (const w of [...waiters]) w(r.weight);
      return r;
    },

    /** Resolves with the next accepted reading. */
    nextWeight(timeoutMs: number): Promise<ScaleResult<ScaleWeight>> {
      return new Promise((resolve) => {
        const done = (w: ScaleWeight): void => {
          clearTimeout(t);
          waiters.delete(done);
          resolve({ ok: true, value: w });
        };
        const t = setTimeout(() => {
          waiters.delete(done);
          resolve({ ok: false, error: { code: 'TIMEOUT', message: `no reading within ${timeoutMs} ms` } });
        }, timeoutMs);
        waiters.add(done);
      });
    },

    dispose(): void {
      emitter.removeAllListeners();
      waiters.clear();
    },
  };
}

export type ScaleCore = ReturnType<typeof createScaleCore>;

function empty() {
  return { value: null, unit: null, decimals: null, grams: null, milligrams: null };
}

function numbers(w: Weight) {
  return { value: weightValueString(w), unit: w.unit, decimals: w.decimals, grams: toGramsString(w), milligrams: toMilligrams(w) };
}
