export * from './formulas';
export * from './types';
