import type { StabilityOptions } from './types';

interface Sample {
  micrograms: bigint;
  atMs: number;
}

export interface StabilityDetector {
  /** Feeds one reading; returns whether the load is stable now. */
  push(micrograms: bigint, atMs: number): boolean;
  reset(): void;
}

/**
 * For scales that do not say whether they are settled (or when the device flag is not trusted): the load is
 * stable once the last `count` readings lie within `toleranceMg` of each other and span at least `windowMs`.
 * Any reading outside the band restarts the run, so a slow drift never counts as stable.
 */
export function createStabilityDetector(options: StabilityOptions = {}): StabilityDetector {
  const count = Math.max(1, options.count ?? 3);
  const windowMs = Math.max(0, options.windowMs ?? 500);
  const tol = BigInt(Math.round((options.toleranceMg ?? 0) * 1000));
  let run: Sample[] = [];

  return {
    push(micrograms, atMs) {
      run.push({ micrograms, atMs });
      // Keep the longest tail whose spread is within tolerance.
      let lo = micrograms;
      let hi = micrograms;
      let start = run.length - 1;
      for (let i = run.length - 2; i >= 0; i--) {
        const v = run[i]!.micrograms;
        const nlo = v < lo ? v : lo;
        const nhi = v > hi ? v : hi;
        if (nhi - nlo > tol) break;
        lo = nlo;
        hi = nhi;
        start = i;
      }
      run = run.slice(start);
      return run.length >= count && run[run.length - 1]!.atMs - run[0]!.atMs >= windowMs;
    },
    reset() {
      run = [];
    },
  };
}
