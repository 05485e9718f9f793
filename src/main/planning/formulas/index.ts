/** Replenishment formulas: pure functions returning inputs, method, result and an explanation. */
export * from './explained';
export * from './inverse-normal';
export * from './safety-stock';
export * from './reorder-point';
export * from './eoq';
export * from './abc';
export * from './xyz';
export * from './lead-time';
