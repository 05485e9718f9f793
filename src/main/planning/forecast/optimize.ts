/**
 * Small derivative-free optimisers for the smoothing parameters. The objectives (in-sample SSE) are cheap and
 * low-dimensional (1 to 3 parameters), so robustness matters more than speed: a coarse grid finds the right basin,
 * then golden-section (1-D) or Nelder-Mead (n-D) polishes it.
 */

const INV_PHI = (Math.sqrt(5) - 1) / 2;

/** Golden-section search for the minimum of a unimodal f on [lo, hi]. */
export function goldenSection(f: (x: number) => number, lo: number, hi: number, tol = 1e-7): { x: number; fx: number } {
  let a = lo;
  let b = hi;
  let c = b - INV_PHI * (b - a);
  let d = a + INV_PHI * (b - a);
  let fc = f(c);
  let fd = f(d);
  while (b - a > tol) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - INV_PHI * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + INV_PHI * (b - a);
      fd = f(d);
    }
  }
  const x = (a + b) / 2;
  const fx = f(x);
  // The bracket ends may beat its midpoint when the minimum sits on a bound (alpha = 0.9999 is common).
  const candidates: Array<{ x: number; fx: number }> = [{ x, fx }, { x: c, fx: fc }, { x: d, fx: fd }];
  return candidates.reduce((best, cur) => (cur.fx < best.fx ? cur : best));
}

/**
 * Minimises f over [lo, hi]: evaluates a grid of `points` values, then golden-section inside the grid cell pair
 * around the best one. SSE in a smoothing parameter is usually unimodal but not always; the grid guards against
 * a local minimum at one end.
 */
export function gridThenGolden(
  f: (x: number) => number,
  lo: number,
  hi: number,
  points = 41,
  tol = 1e-7,
): { x: number; fx: number } {
  const step = (hi - lo) / (points - 1);
  let bestI = 0;
  let bestF = Infinity;
  for (let i = 0; i < points; i++) {
    const v = f(lo + i * step);
    if (v < bestF) {
      bestF = v;
      bestI = i;
    }
  }
  const a = lo + Math.max(0, bestI - 1) * step;
  const b = lo + Math.min(points - 1, bestI + 1) * step;
  const polished = goldenSection(f, a, b, tol);
  return polished.fx <= bestF ? polished : { x: lo + bestI * step, fx: bestF };
}

export interface NelderMeadOptions {
  /** Initial simplex edge length per coordinate. */
  step?: number | number[];
  maxIterations?: number;
  /** Stop when the spread of function values across the simplex falls below this. */
  tolerance?: number;
}

/** Nelder-Mead simplex (reflection 1, expansion 2, contraction 0.5, shrink 0.5: the usual coefficients). */
export function nelderMead(
  f: (x: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): { x: number[]; fx: number; iterations: number } {
  const n = start.length;
  const maxIterations = options.maxIterations ?? 500 * n;
  const tolerance = options.tolerance ?? 1e-10;
  const steps = Array.isArray(options.step) ? options.step : Array.from({ length: n }, () => (options.step as number | undefined) ?? 0.1);
  const simplex: number[][] = [start.slice()];
  for (let i = 0; i < n; i++) {
    const p = start.slice();
    p[i] = p[i]! + steps[i]!;
    simplex.push(p);
  }
  let values = simplex.map(f);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!);
    const sorted = order.map((i) => simplex[i]!);
    values = order.map((i) => values[i]!);
    simplex.splice(0, simplex.length, ...sorted);
    const best = values[0]!;
    const worst = values[n]!;
    if (Math.abs(worst - best) <= tolerance * (Math.abs(best) + tolerance)) break;
    const centroid = Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += simplex[i]![j]!;
      return s / n;
    });
    const along = (t: number) => centroid.map((c, j) => c + t * (simplex[n]![j]! - c));
    const reflected = along(-1);
    const fr = f(reflected);
    if (fr < best) {
      const expanded = along(-2);
      const fe = f(expanded);
      if (fe < fr) {
        simplex[n] = expanded;
        values[n] = fe;
      } else {
        simplex[n] = reflected;
        values[n] = fr;
      }
    } else if (fr < values[n - 1]!) {
      simplex[n] = reflected;
      values[n] = fr;
    } else {
      const contracted = fr < worst ? along(-0.5) : along(0.5);
      const fc = f(contracted);
      if (fc < Math.min(fr, worst)) {
        simplex[n] = contracted;
        values[n] = fc;
      } else {
        for (let i = 1; i <= n; i++) {
          simplex[i] = simplex[i]!.map((v, j) => simplex[0]![j]! + 0.5 * (v - simplex[0]![j]!));
          values[i] = f(simplex[i]!);
        }
      }
    }
  }
  let bi = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bi]!) bi = i;
  return { x: simplex[bi]!, fx: values[bi]!, iterations };
}

/**
 * Least squares for the initial states of a linear smoothing recursion: the one-step errors are affine in the
 * initial state x0 (e = e0 − D·x0), so the SSE-optimal x0 solves (DᵀD) x0 = Dᵀe0. Solved by Gaussian elimination
 * with partial pivoting; a singular system (e.g. a constant series for the trend) falls back to x0 = 0 for the
 * degenerate coordinates.
 */
export function solveNormalEquations(columns: readonly number[][], target: readonly number[]): number[] {
  const k = columns.length;
  const a: number[][] = Array.from({ length: k }, () => new Array<number>(k + 1).fill(0));
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      const ci = columns[i]!;
      const cj = columns[j]!;
      for (let t = 0; t < ci.length; t++) s += ci[t]! * cj[t]!;
      a[i]![j] = s;
    }
    let s = 0;
    const ci = columns[i]!;
    for (let t = 0; t < ci.length; t++) s += ci[t]! * target[t]!;
    a[i]![k] = s;
  }
  const scale = Math.max(1e-300, ...a.map((row, i) => Math.abs(row[i]!)));
  const solution = new Array<number>(k).fill(0);
  const usable = new Array<boolean>(k).fill(true);
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let r = col + 1; r < k; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    if (Math.abs(a[pivot]![col]!) <= 1e-12 * scale) {
      usable[col] = false;
      continue;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    for (let r = 0; r < k; r++) {
      if (r === col) continue;
      const factor = a[r]![col]! / a[col]![col]!;
      if (factor === 0) continue;
      for (let c = col; c <= k; c++) a[r]![c] = a[r]![c]! - factor * a[col]![c]!;
    }
  }
  for (let i = 0; i < k; i++) solution[i] = usable[i] ? a[i]![k]! / a[i]![i]! : 0;
  return solution;
}
