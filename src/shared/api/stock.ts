import { z } from 'zod';
import { def } from './define';
import { docRef, id, idempotencyKey, isoDate, lotCode, moneyMinor, note, qty } from './common';

export const ADJUST_REASONS = ['damage', 'theft', 'lost', 'found', 'count_correction', 'expired'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];
export const MOVEMENT_REASONS = ['receipt', 'issue', 'transfer', ...ADJUST_REASONS, 'reversal'] as const;
export const COSTING_METHODS = ['fifo', 'average'] as const;

export const movement = z.object({
  id,
  operationId: id,
  itemId: id,
  sku: z.string(),
  lotId: z.number().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  fromLocationId: id,
  fromPath: z.string(),
  toLocationId: id,
  toPath: z.string(),
  quantity: z.number(),
  unitCostMinor: z.number(),
  totalCostMinor: z.number(),
  reason: z.enum(MOVEMENT_REASONS),
  docRef: z.string().nullable(),
  note: z.string().nullable(),
  actor: z.string(),
  device: z.string(),
  createdAt: z.string(),
});
export type Movement = z.infer<typeof movement>;

export const operationResult = z.object({
  operationId: id,
  kind: z.string(),
  /** True when the idempotency key was seen before: this is the first result, nothing was written. */
  replayed: z.boolean(),
  movements: z.array(movement),
  /** Reservations made (one per lot) or released by this operation. */
  reservationIds: z.array(z.number()),
});
export type OperationResult = z.infer<typeof operationResult>;

export const balance = z.object({
  itemId: id,
  sku: z.string(),
  name: z.string(),
  locationId: id,
  path: z.string(),
  warehouseId: z.number().nullable(),
  lotId: z.number().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  onHand: z.number(),
  reserved: z.number(),
  available: z.number(),
});
export type Balance = z.infer<typeof balance>;

export const costLayer = z.object({
  id,
  itemId: id,
  locationId: id,
  path: z.string(),
  lotId: z.number().nullable(),
  lot: z.string().nullable(),
  receivedAt: z.string(),
  unitCostMinor: z.number(),
  quantityIn: z.number(),
  quantityRemaining: z.number(),
  valueMinor: z.number(),
});
export type CostLayer = z.infer<typeof costLayer>;

export const reservation = z.object({
  id,
  itemId: id,
  locationId: id,
  path: z.string(),
  lotId: z.number().nullable(),
  quantity: z.number(),
  remaining: z.number(),
  docRef: z.string().nullable(),
  createdAt: z.string(),
});

const common = { idempotencyKey, note, docRef };
const lotOrSerial = { lot: lotCode };

export const stockApi = {
  'stock.receive': def({
    summary: 'Receives units into a bin from a supplier: a movement and a FIFO cost layer. Lot (and expiry) required for lot-tracked items.',
    mutates: true,
    input: z.object({ itemId: id, locationId: id, quantity: qty, unitCostMinor: moneyMinor.optional(), ...lotOrSerial, expiry: isoDate.optional(), ...common }),
    output: operationResult,
  }),
  'stock.adjust': def({
    summary: 'Adjusts stock in a bin with a reason: negative quantities remove (damage and expired go to scrap), positive ones add (found, count correction).',
    mutates: true,
    input: z.object({
      itemId: id,
      locationId: id,
      quantity: z.number().int('Quantity must be a whole number').refine((n) => n !== 0, 'Quantity cannot be zero'),
      reason: z.enum(ADJUST_REASONS),
      unitCostMinor: moneyMinor.optional(),
      ...lotOrSerial,
      expiry: isoDate.optional(),
      ...common,
    }),
    output: operationResult,
  }),
  'stock.transfer': def({
    summary: 'Moves units between bins; their cost layers and receipt dates move with them.',
    mutates: true,
    input: z.object({ itemId: id, fromLocationId: id, toLocationId: id, quantity: qty, ...lotOrSerial, ...common }),
    output: operationResult,
  }),
  'stock.reserve': def({
    summary: 'Reserves available units in a bin for a document (an order): on hand stays, available drops.',
    mutates: true,
    input: z.object({ itemId: id, locationId: id, quantity: qty, ...lotOrSerial, idempotencyKey, note, docRef: z.string().trim().min(1).max(120) }),
    output: operationResult,
  }),
  'stock.release': def({
    summary: 'Releases all or part of a reservation.',
    mutates: true,
    input: z.object({ reservationId: id, quantity: qty.optional(), idempotencyKey, note }),
    output: operationResult,
  }),
  'stock.issue': def({
    summary: 'Issues (ships) units from a bin to the customer at FIFO (or average) cost; may consume a reservation. Lot-tracked items pick FEFO when no lot is given.',
    mutates: true,
    input: z.object({ itemId: id, locationId: id, quantity: qty, reservationId: id.optional(), ...lotOrSerial, ...common }),
    output: operationResult,
  }),
  'stock.balances': def({
    summary: 'On hand, reserved and available per item, location and lot (non-zero rows).',
    mutates: false,
    input: z.object({ itemId: id.optional(), locationId: id.optional(), warehouseId: id.optional() }),
    output: z.array(balance),
  }),
  'stock.movements': def({
    summary: 'The movement history, newest first.',
    mutates: false,
    input: z.object({ itemId: id.optional(), locationId: id.optional(), beforeId: id.optional(), limit: z.number().int().positive().max(500).default(100) }),
    output: z.array(movement),
  }),
  'stock.layers': def({
    summary: 'FIFO cost layers of an item (open ones unless all=true).',
    mutates: false,
    input: z.object({ itemId: id, all: z.boolean().default(false) }),
    output: z.array(costLayer),
  }),
  'stock.reservations': def({
    summary: 'Open reservations of an item.',
    mutates: false,
    input: z.object({ itemId: id }),
    output: z.array(reservation),
  }),
  'stock.valuation': def({
    summary: 'Stock value now, by the costing method in force, for an item, a location or a warehouse (all if none given).',
    mutates: false,
    input: z.object({ itemId: id.optional(), locationId: id.optional(), warehouseId: id.optional() }),
    output: z.object({
      method: z.enum(COSTING_METHODS),
      quantity: z.number(),
      valueMinor: z.number(),
      byLocation: z.array(z.object({ locationId: id, path: z.string(), quantity: z.number(), valueMinor: z.number() })),
    }),
  }),
  'stock.fefo': def({
    summary: 'Which lots and bins to pick a quantity from: first expiry first out (then FIFO), available stock only.',
    mutates: false,
    input: z.object({ itemId: id, quantity: qty, warehouseId: id.optional() }),
    output: z.object({
      picks: z.array(z.object({ locationId: id, path: z.string(), lotId: z.number().nullable(), lot: z.string().nullable(), expiry: z.string().nullable(), quantity: z.number() })),
      shortBy: z.number(),
    }),
  }),
};
