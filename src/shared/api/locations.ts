import { z } from 'zod';
import { def } from './define';
import { id } from './common';

export const VIRTUAL_KINDS = ['supplier', 'customer', 'adjustment', 'scrap', 'in_transit', 'returns_limbo'] as const;
export type VirtualKind = (typeof VIRTUAL_KINDS)[number];
export const LOCATION_KINDS = ['zone', 'bin', 'virtual'] as const;

const code = z.string().trim().min(1, 'Code is required').max(40).regex(/^[A-Za-z0-9._\-/]+$/, 'Use letters, digits and . _ - / only');

export const warehouse = z.object({ id, code: z.string(), name: z.string(), allowNegative: z.boolean(), priority: z.number() });
export type Warehouse = z.infer<typeof warehouse>;

export const location = z.object({
  id,
  warehouseId: z.number().nullable(),
  parentId: z.number().nullable(),
  kind: z.enum(LOCATION_KINDS),
  virtualKind: z.enum(VIRTUAL_KINDS).nullable(),
  code: z.string(),
  name: z.string(),
  barcode: z.string().nullable(),
  /** Human path, e.g. "MAIN / A / A-01-01". */
  path: z.string(),
});
export type Location = z.infer<typeof location>;

export const locationsApi = {
  'locations.warehouses': def({
    summary: 'All warehouses.',
    mutates: false,
    input: z.object({}).default({}),
    output: z.array(warehouse),
  }),
  'locations.createWarehouse': def({
    summary: 'Creates a warehouse.',
    mutates: true,
    input: z.object({ code, name: z.string().trim().min(1, 'Name is required').max(100), allowNegative: z.boolean().default(false), priority: z.number().int().default(100) }),
    output: warehouse,
  }),
  'locations.updateWarehouse': def({
    summary: 'Changes a warehouse (name, priority, whether negative on-hand is allowed).',
    mutates: true,
    input: z.object({ id, name: z.string().trim().min(1).max(100).optional(), allowNegative: z.boolean().optional(), priority: z.number().int().optional() }),
    output: warehouse,
  }),
  'locations.list': def({
    summary: 'Zones and bins (of one warehouse if given) and the virtual locations of the ledger.',
    mutates: false,
    input: z.object({ warehouseId: id.optional(), includeVirtual: z.boolean().default(false) }),
    output: z.array(location),
  }),
  'locations.create': def({
    summary: 'Creates a zone or a bin in a warehouse. A bin barcode defaults to its code.',
    mutates: true,
    input: z.object({
      warehouseId: id,
      parentId: id.nullable().optional(),
      kind: z.enum(['zone', 'bin']),
      code,
      name: z.string().trim().max(100).default(''),
      barcode: z.string().trim().min(1).max(100).nullable().optional(),
    }),
    output: location,
  }),
  'locations.lookup': def({
    summary: 'Finds a bin or zone by its barcode or code.',
    mutates: false,
    input: z.object({ code: z.string().trim().min(1).max(100) }),
    output: location.nullable(),
  }),
};
