import type { z } from 'zod';

export interface MethodDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  summary: string;
  /** Mutating methods change the ledger or settings; the hub accepts them over POST only (like every call). */
  mutates: boolean;
}

export const def = <I extends z.ZodType, O extends z.ZodType>(d: MethodDef<I, O>): MethodDef<I, O> => d;
