import { z } from 'zod';
import { def, patchOf } from './define';
import { currency, id, idempotencyKey, isoDate, lotCode, moneyMinor, note, qty } from './common';
import { movement } from './stock';

export const PO_STATUSES = ['draft', 'sent', 'partially_received', 'received', 'closed', 'cancelled'] as const;
export type PoStatus = (typeof PO_STATUSES)[number];
export const CHARGE_KINDS = ['freight', 'duty', 'tariff', 'insurance', 'other'] as const;
export const CHARGE_BASES = ['value', 'quantity', 'weight', 'volume'] as const;

const days = z.number().int('Days are whole days').nonnegative('Days cannot be negative').max(3650);
const reason = z.string().trim().min(1, 'Give a reason').max(500);

// No defaults here: a patch must leave unmentioned fields alone (zod applies defaults inside partial()).
const supplierPatch = z.object({
  name: z.string().trim().min(1, 'Name is required').max(200),
  email: z.string().trim().email('Not an email address').max(200).nullable(),
  phone: z.string().trim().max(50).nullable(),
  address: z.string().max(1000),
  currency,
  paymentTermsDays: days,
  leadTimeDays: days.nullable(),
  minOrderQty: qty.nullable(),
  packSize: qty,
  notes: z.string().max(5000),
  active: z.boolean(),
});

export const supplier = z.object({
  id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string(),
  currency: z.string(),
  paymentTermsDays: z.number(),
  leadTimeDays: z.number().nullable(),
  minOrderQty: z.number().nullable(),
  packSize: z.number(),
  notes: z.string(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Supplier = z.infer<typeof supplier>;

export const supplierItem = z.object({
  supplierId: id,
  supplierName: z.string(),
  itemId: id,
  sku: z.string(),
  name: z.string(),
  supplierSku: z.string().nullable(),
  costMinor: z.number().nullable(),
  minOrderQty: z.number().nullable(),
  packSize: z.number().nullable(),
  leadTimeDays: z.number().nullable(),
  preferred: z.boolean(),
  /** The values that apply: the item's own, else the supplier's defaults (cost: else the item's cost). */
  effective: z.object({ costMinor: z.number(), minOrderQty: z.number().nullable(), packSize: z.number(), leadTimeDays: z.number().nullable() }),
});
export type SupplierItem = z.infer<typeof supplierItem>;

export const poLine = z.object({
  id,
  position: z.number(),
  itemId: id,
  sku: z.string(),
  name: z.string(),
  supplierSku: z.string().nullable(),
  quantity: z.number(),
  unitCostMinor: z.number(),
  lineTotalMinor: z.number(),
  received: z.number(),
  /** Still expected: 0 once fully received or closed short. */
  outstanding: z.number(),
  closedReason: z.string().nullable(),
});
export type PoLine = z.infer<typeof poLine>;

export const poCharge = z.object({
  id,
  kind: z.enum(CHARGE_KINDS),
  amountMinor: z.number(),
  basis: z.enum(CHARGE_BASES),
  lineIds: z.array(z.number()).nullable(),
  billRef: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(['pending', 'allocated']),
  createdAt: z.string(),
  allocatedAt: z.string().nullable(),
  allocations: z.array(z.object({ lineId: id, basisAmount: z.number(), amountMinor: z.number() })),
  /** Of the allocated amount: what went into stock still on hand, and what went to cost of goods. */
  toStockMinor: z.number(),
  toCogsMinor: z.number(),
});
export type PoCharge = z.infer<typeof poCharge>;

export const purchaseOrder = z.object({
  id,
  number: z.string(),
  supplierId: id,
  supplierName: z.string(),
  warehouseId: id,
  warehouseCode: z.string(),
  status: z.enum(PO_STATUSES),
  currency: z.string(),
  expectedDate: z.string().nullable(),
  notes: z.string(),
  sentAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  closeReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lines: z.array(poLine),
  totalMinor: z.number(),
  charges: z.array(poCharge),
});
export type PurchaseOrder = z.infer<typeof purchaseOrder>;

const draftLine = z.object({ itemId: id, quantity: qty, unitCostMinor: moneyMinor.optional(), supplierSku: z.string().trim().min(1).max(64).optional() });

const receiveLine = z
  .object({ lineId: id.optional(), itemId: id.optional(), quantity: qty, binId: id, lot: lotCode, expiry: isoDate.optional() })
  .refine((l) => l.lineId !== undefined || l.itemId !== undefined, { message: 'Give the PO line (lineId) or the item (itemId)', path: ['lineId'] });

const landedRow = z.object({
  poId: id,
  number: z.string(),
  lineId: id,
  itemId: id,
  sku: z.string(),
  received: z.number(),
  unitCostMinor: z.number(),
  baseCostMinor: z.number(),
  charges: z.array(z.object({ chargeId: id, kind: z.enum(CHARGE_KINDS), amountMinor: z.number() })),
  chargesMinor: z.number(),
  landedCostMinor: z.number(),
  /** landedCostMinor / received, rounded half up for display; the total is exact. */
  landedUnitCostMinor: z.number().nullable(),
});

const leadObservation = z.object({
  poId: id,
  number: z.string(),
  lineId: id,
  supplierId: id,
  itemId: id,
  sku: z.string(),
  sentAt: z.string(),
  receivedAt: z.string(),
  days: z.number(),
});

export const purchasingApi = {
  'purchasing.suppliers.list': def({
    summary: 'Suppliers by name (active ones unless all=true).',
    mutates: false,
    input: z.object({ all: z.boolean().default(false) }).default({ all: false }),
    output: z.array(supplier),
  }),
  'purchasing.suppliers.get': def({
    summary: 'One supplier with the items it supplies.',
    mutates: false,
    input: z.object({ id }),
    output: z.object({ supplier, items: z.array(supplierItem) }),
  }),
  'purchasing.suppliers.create': def({
    summary: 'Creates a supplier: contact, currency, payment terms, stated lead time, minimum order quantity and pack size.',
    mutates: true,
    input: supplierPatch.partial().extend({ name: supplierPatch.shape.name }),
    output: supplier,
  }),
  'purchasing.suppliers.update': def({
    summary: 'Changes fields of a supplier.',
    mutates: true,
    input: z.object({ id, patch: patchOf(supplierPatch) }),
    output: supplier,
  }),
  'purchasing.supplierItems.set': def({
    summary: "Sets what a supplier calls an item and its terms for it (SKU, cost, MOQ, pack size, lead time); preferred=true makes it the item's one preferred supplier.",
    mutates: true,
    input: z.object({
      supplierId: id,
      itemId: id,
      supplierSku: z.string().trim().min(1).max(64).nullable().optional(),
      costMinor: moneyMinor.nullable().optional(),
      minOrderQty: qty.nullable().optional(),
      packSize: qty.nullable().optional(),
      leadTimeDays: days.nullable().optional(),
      preferred: z.boolean().optional(),
    }),
    output: supplierItem,
  }),
  'purchasing.supplierItems.list': def({
    summary: 'Supplier terms per item, for a supplier or for an item (preferred first).',
    mutates: false,
    input: z.object({ supplierId: id.optional(), itemId: id.optional() }),
    output: z.array(supplierItem),
  }),
  'purchasing.orders.list': def({
    summary: 'Purchase orders, newest first, by supplier, status or item.',
    mutates: false,
    input: z.object({ supplierId: id.optional(), status: z.array(z.enum(PO_STATUSES)).optional(), itemId: id.optional(), limit: z.number().int().positive().max(500).default(100) }),
    output: z.array(purchaseOrder),
  }),
  'purchasing.orders.get': def({ summary: 'One purchase order with lines and charges.', mutates: false, input: z.object({ id }), output: purchaseOrder }),
  'purchasing.orders.createDraft': def({
    summary: "Creates a draft PO (PO-NNNNN) for a supplier and receiving warehouse; line costs and supplier SKUs default from the supplier's terms.",
    mutates: true,
    input: z.object({ supplierId: id, warehouseId: id, expectedDate: isoDate.optional(), notes: z.string().max(5000).optional(), lines: z.array(draftLine).max(500).default([]) }),
    output: purchaseOrder,
  }),
  'purchasing.orders.updateDraft': def({
    summary: 'Changes a draft PO: header fields, and the lines (replaced as a whole when given).',
    mutates: true,
    input: z.object({ id, warehouseId: id.optional(), expectedDate: isoDate.nullable().optional(), notes: z.string().max(5000).optional(), lines: z.array(draftLine).max(500).optional() }),
    output: purchaseOrder,
  }),
  'purchasing.orders.send': def({ summary: 'Marks a draft PO as sent to the supplier (lead time is measured from now).', mutates: true, input: z.object({ id }), output: purchaseOrder }),
  'purchasing.orders.cancel': def({
    summary: 'Cancels a PO on which nothing has been received (otherwise close it).',
    mutates: true,
    input: z.object({ id, reason: z.string().trim().max(500).optional() }),
    output: purchaseOrder,
  }),
  'purchasing.orders.close': def({
    summary: 'Closes a PO: nothing more is expected. A reason is required while lines are still short.',
    mutates: true,
    input: z.object({ id, reason: z.string().trim().max(500).optional() }),
    output: purchaseOrder,
  }),
  'purchasing.orders.closeLine': def({
    summary: 'Closes one short line of a PO with a reason: the rest of it is no longer expected.',
    mutates: true,
    input: z.object({ lineId: id, reason }),
    output: purchaseOrder,
  }),
  'purchasing.pdf': def({
    summary: 'The PO as a PDF for the supplier (base64).',
    mutates: false,
    input: z.object({ id }),
    output: z.object({ filename: z.string(), contentType: z.literal('application/pdf'), base64: z.string() }),
  }),
  'purchasing.receive': def({
    summary: 'Receives goods against a sent PO into bins: one ledger operation (FIFO layers, lots) for the whole receipt; idempotent. Over-receipt needs allowOver and a reason.',
    mutates: true,
    input: z
      .object({ poId: id, lines: z.array(receiveLine).min(1, 'Receive at least one line').max(500), allowOver: z.boolean().default(false), overReason: reason.optional(), note, idempotencyKey })
      .refine((r) => !r.allowOver || r.overReason !== undefined, { message: 'Say why more than ordered is accepted', path: ['overReason'] }),
    output: z.object({ receiptId: id, operationId: id, replayed: z.boolean(), movements: z.array(movement), po: purchaseOrder }),
  }),
  'purchasing.receivingLookup': def({
    summary: 'Finds the PO line for a raw scan (GS1 with GTIN, lot and expiry; a GTIN; a SKU or supplier SKU).',
    mutates: false,
    input: z.object({ poId: id, code: z.string().min(1).max(500) }),
    output: z.object({
      line: poLine,
      matchedBy: z.enum(['gtin', 'sku', 'supplier_sku']),
      lot: z.string().nullable(),
      expiry: z.string().nullable(),
      quantity: z.number().nullable(),
    }),
  }),
  'purchasing.leadTimes': def({
    summary: 'Measured lead times (PO sent → first receipt of each line, in days) with mean, sample standard deviation and maximum.',
    mutates: false,
    input: z.object({ supplierId: id.optional(), itemId: id.optional() }),
    output: z.object({ observations: z.array(leadObservation), count: z.number(), meanDays: z.number().nullable(), stdDevDays: z.number().nullable(), maxDays: z.number().nullable() }),
  }),
  'purchasing.addCharge': def({
    summary: "Adds a landed cost charge to a PO (or a later bill): split over the received lines by value, quantity, weight or volume and added to those units' cost; the share of units already sold goes to cost of goods.",
    mutates: true,
    input: z.object({
      poId: id,
      kind: z.enum(CHARGE_KINDS),
      amountMinor: z.number().int('Money is in whole minor units (pence, cents)').positive('A charge must be more than zero'),
      basis: z.enum(CHARGE_BASES),
      lines: z.array(id).min(1).max(500).optional(),
      billRef: z.string().trim().max(120).optional(),
      note,
      idempotencyKey,
    }),
    output: z.object({ charge: poCharge, replayed: z.boolean() }),
  }),
  'purchasing.landedCost': def({
    summary: 'Landed cost report for a PO or an item: base cost, each charge allocated, landed unit cost; for an item, the charges that went to cost of goods.',
    mutates: false,
    input: z
      .object({ poId: id.optional(), itemId: id.optional() })
      .refine((r) => (r.poId === undefined) !== (r.itemId === undefined), { message: 'Give either poId or itemId', path: ['poId'] }),
    output: z.object({
      rows: z.array(landedRow),
      charges: z.array(poCharge.extend({ poId: id, number: z.string() })),
      totals: z.object({ baseCostMinor: z.number(), chargesMinor: z.number(), landedCostMinor: z.number(), pendingChargesMinor: z.number(), toStockMinor: z.number(), toCogsMinor: z.number() }),
    }),
  }),
};
