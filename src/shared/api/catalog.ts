import { z } from 'zod';
import { checkGtin } from '../gtin';
import { def, patchOf } from './define';
import { currency, id, moneyMinor, page } from './common';

export const TRACKING = ['none', 'lot', 'serial'] as const;
export const SYMBOLOGIES = ['gtin', 'code128', 'code39', 'qr', 'datamatrix', 'other'] as const;

export const barcodeInput = z
  .object({
    code: z.string().trim().min(1, 'Barcode cannot be empty').max(200),
    symbology: z.enum(SYMBOLOGIES).default('gtin'),
  })
  .superRefine((b, ctx) => {
    if (b.symbology !== 'gtin') return;
    const r = checkGtin(b.code);
    if (!r.ok) ctx.addIssue({ code: 'custom', path: ['code'], message: r.message, params: { code: 'BAD_GTIN' } });
  });

const optionalPositiveInt = z.number().int().positive().nullable().optional();

export const itemFields = z.object({
  sku: z.string().trim().min(1, 'SKU is required').max(64).regex(/^\S+$/, 'SKU cannot contain spaces'),
  name: z.string().trim().min(1, 'Name is required').max(200),
  description: z.string().max(5000).default(''),
  category: z.string().trim().max(100).default(''),
  unit: z.string().trim().min(1).max(16).default('ea'),
  weightGrams: optionalPositiveInt,
  lengthMm: optionalPositiveInt,
  widthMm: optionalPositiveInt,
  heightMm: optionalPositiveInt,
  costMinor: moneyMinor.default(0),
  priceMinor: moneyMinor.default(0),
  currency: currency.default('GBP'),
  tracking: z.enum(TRACKING).default('none'),
  shelfLifeDays: optionalPositiveInt,
  imageUrl: z.string().max(2000).nullable().optional(),
  parentId: id.nullable().optional(),
});

export const item = z.object({
  id,
  sku: z.string(),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  unit: z.string(),
  weightGrams: z.number().nullable(),
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  heightMm: z.number().nullable(),
  costMinor: z.number(),
  priceMinor: z.number(),
  currency: z.string(),
  tracking: z.enum(TRACKING),
  shelfLifeDays: z.number().nullable(),
  imageUrl: z.string().nullable(),
  parentId: z.number().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Item = z.infer<typeof item>;

export const barcode = z.object({ id, itemId: id, code: z.string(), symbology: z.enum(SYMBOLOGIES) });
export type Barcode = z.infer<typeof barcode>;

export const itemRow = z.object({
  id,
  sku: z.string(),
  name: z.string(),
  category: z.string(),
  tracking: z.enum(TRACKING),
  barcode: z.string().nullable(),
  onHand: z.number(),
  available: z.number(),
  priceMinor: z.number(),
  currency: z.string(),
});
export type ItemRow = z.infer<typeof itemRow>;

export const catalogApi = {
  'catalog.search': def({
    summary: 'Items matching a query (SKU or name substring, or exact barcode), with stock totals; paged.',
    mutates: false,
    input: z.object({ query: z.string().max(200).default(''), category: z.string().optional(), ...page }),
    output: z.object({ total: z.number(), rows: z.array(itemRow) }),
  }),
  'catalog.get': def({
    summary: 'One item with its barcodes and variants.',
    mutates: false,
    input: z.object({ id }),
    output: z.object({ item, barcodes: z.array(barcode), variants: z.array(item) }),
  }),
  'catalog.create': def({
    summary: 'Creates an item with its barcodes.',
    mutates: true,
    input: itemFields.extend({ barcodes: z.array(barcodeInput).max(50).default([]) }),
    output: item,
  }),
  'catalog.update': def({
    summary: 'Changes fields of an item (not its stock).',
    mutates: true,
    input: z.object({ id, patch: patchOf(itemFields).extend({ active: z.boolean().optional() }) }),
    output: item,
  }),
  'catalog.addBarcode': def({
    summary: 'Adds a barcode to an item (GTINs are check-digit validated).',
    mutates: true,
    input: z.object({ itemId: id }).and(barcodeInput),
    output: barcode,
  }),
  'catalog.removeBarcode': def({
    summary: 'Removes a barcode from its item.',
    mutates: true,
    input: z.object({ id }),
    output: z.object({ removed: z.boolean() }),
  }),
  'catalog.lookup': def({
    summary: 'Finds the item for a scanned or typed code: barcode (GTIN in any length), then SKU.',
    mutates: false,
    input: z.object({ code: z.string().trim().min(1).max(200) }),
    output: z.object({ item: item.nullable(), matchedBy: z.enum(['barcode', 'sku', 'none']) }),
  }),
  'catalog.categories': def({
    summary: 'Distinct item categories with item counts.',
    mutates: false,
    input: z.object({}).default({}),
    output: z.array(z.object({ category: z.string(), items: z.number() })),
  }),
};
