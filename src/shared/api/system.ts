import { z } from 'zod';
import { def, patchOf } from './define';
import { COSTING_METHODS } from './stock';
import { currency } from './common';

export const settings = z.object({
  costingMethod: z.enum(COSTING_METHODS),
  currency,
  companyName: z.string(),
});
export type Settings = z.infer<typeof settings>;

export const systemApi = {
  'system.info': def({
    summary: 'Version, schema version, database location and host.',
    mutates: false,
    input: z.object({}).default({}),
    output: z.object({ version: z.string(), schemaVersion: z.number(), dbPath: z.string(), host: z.enum(['desktop', 'hub', 'test']), demo: z.boolean() }),
  }),
  'system.check': def({
    summary: 'Proves the ledger: balances equal the sum of movements, every item sums to zero over all locations, open layers equal on hand, reservations equal reserved.',
    mutates: false,
    input: z.object({}).default({}),
    output: z.object({ ok: z.boolean(), problems: z.array(z.string()), movements: z.number(), checkedAt: z.string() }),
  }),
  'settings.get': def({ summary: 'Application settings.', mutates: false, input: z.object({}).default({}), output: settings }),
  'settings.update': def({ summary: 'Changes application settings.', mutates: true, input: patchOf(settings), output: settings }),
};
