/** Demand forecasting for replenishment planning: pure functions over arrays of per-period demand. */
export * from './types';
export * from './baselines';
export * from './ses';
export * from './holt';
export * from './holt-winters';
export * from './croston';
export * from './tsb';
export * from './accuracy';
export * from './demand-pattern';
export * from './fit-method';
export * from './select';
export { gridThenGolden, goldenSection, nelderMead } from './optimize';
export * from './holdout';
