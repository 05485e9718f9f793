import { z } from 'zod';
import { def, patchOf } from './define';
import { currency, id, idempotencyKey, lotCode, moneyMinor, page, qty } from './common';
import { movement } from './stock';

/**
 * Sales orders: creation (by hand, CSV, later the channel sync), multi-warehouse allocation through the ledger's
 * reservations, pick lists confirmed by scan, the packing bench (scan to tick, weigh, ship) and print data.
 */

export const ORDER_STATUSES = ['new', 'allocated', 'picking', 'packed', 'shipped', 'on_hold', 'cancelled', 'partially_shipped', 'backordered'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const WEIGHT_STATUSES = ['none', 'ok', 'mismatch', 'overridden'] as const;
export type WeightStatus = (typeof WEIGHT_STATUSES)[number];
/** Why a line is not (fully) allocated. */
export const LINE_ISSUE_CODES = ['short', 'item_inactive', 'picked_short'] as const;

/** 'manual' and 'csv' now; a channel connector uses its own id (e.g. "shopify:my-shop"), so the model needs no change. */
export const channel = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[a-z0-9][a-z0-9:_.-]*$/, 'Channel is lower-case letters, digits and : _ . -');
const text = (max: number) => z.string().trim().min(1, 'Required').max(max);
const optText = (max: number) => z.string().trim().max(max).optional();
const reason = z.string().trim().min(1, 'Give a reason').max(500);
/** What the scanner sent (an order number, a tote, a bin, a GTIN, a SKU, a GS1 string). */
const scanCode = z.string().min(1, 'Empty scan').max(4096);
const grams = z.number().int('Weight is in whole grams').positive('Weight must be more than zero').max(1_000_000);

export const shipToAddress = z.object({
  name: text(60),
  company: optText(60),
  line1: text(60),
  line2: optText(60),
  city: text(40),
  region: optText(30),
  postalCode: text(12),
  country: text(40),
});
export type ShipToAddress = z.infer<typeof shipToAddress>;

export const orderLineInput = z.object({
  itemId: id,
  quantity: qty,
  unitPriceMinor: moneyMinor.default(0),
  externalLineId: optText(120),
});

export const box = z.object({ code: text(20), name: text(60), weightGrams: z.number().int().nonnegative().max(100_000) });
export type Box = z.infer<typeof box>;

export const ordersSettings = z.object({
  /** Status of an order allocation could not fill: 'backorder' → backordered, 'stay_new' → stays new. */
  whenShort: z.enum(['backorder', 'stay_new']),
  /** Reserve what is available even when an order cannot be filled (so it is not taken by a later order). */
  reservePartial: z.boolean(),
  /** Allow packing and shipping what is allocated of a backordered order (it becomes partially shipped). */
  allowPartialShipment: z.boolean(),
  boxes: z.array(box).max(50),
  defaultBox: z.string().nullable(),
  /** A parcel passes when |measured − expected| ≤ max(toleranceGrams, expected × tolerancePercent / 100). */
  weightToleranceGrams: z.number().int().nonnegative().max(100_000),
  weightTolerancePercent: z.number().nonnegative().max(100),
  /** Shipping needs a weighing that matched, or an override with a reason. */
  requireWeighing: z.boolean(),
  shipFrom: shipToAddress.nullable(),
});
export type OrdersSettings = z.infer<typeof ordersSettings>;

export const lineIssue = z.object({ code: z.enum(LINE_ISSUE_CODES), message: z.string(), shortBy: z.number() });

export const orderAllocation = z.object({
  id,
  lineId: id,
  reservationId: id,
  warehouseId: id,
  warehouseCode: z.string(),
  locationId: id,
  path: z.string(),
  lotId: z.number().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  /** Reserved when allocated. */
  quantity: z.number(),
  /** Still reserved (the ledger's reservation remaining). */
  reserved: z.number(),
  packed: z.number(),
  shipped: z.number(),
});

export const orderLine = z.object({
  id,
  position: z.number(),
  itemId: id,
  sku: z.string(),
  name: z.string(),
  quantity: z.number(),
  unitPriceMinor: z.number(),
  externalLineId: z.string().nullable(),
  /** Reserved and not yet shipped. */
  allocated: z.number(),
  packed: z.number(),
  shipped: z.number(),
  /** quantity − shipped − allocated. */
  unallocated: z.number(),
  cogsMinor: z.number(),
  issues: z.array(lineIssue),
});

export const order = z.object({
  id,
  number: z.string(),
  channel: z.string(),
  externalId: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  heldFrom: z.enum(ORDER_STATUSES).nullable(),
  holdReason: z.string().nullable(),
  customer: z.object({ name: z.string(), email: z.string().nullable() }),
  shipTo: shipToAddress,
  currency: z.string(),
  notes: z.string(),
  tote: z.string().nullable(),
  box: z.string().nullable(),
  /** One sentence on why the order is not (fully) allocated, or null. */
  allocationNote: z.string().nullable(),
  weight: z.object({
    status: z.enum(WEIGHT_STATUSES),
    expectedGrams: z.number().nullable(),
    measuredGrams: z.number().nullable(),
    overrideReason: z.string().nullable(),
  }),
  shipment: z
    .object({ carrier: z.string(), service: z.string(), trackingNumber: z.string(), weightGrams: z.number(), shippedAt: z.string() })
    .nullable(),
  totalMinor: z.number(),
  cogsMinor: z.number(),
  lines: z.array(orderLine),
  allocations: z.array(orderAllocation),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Order = z.infer<typeof order>;

export const orderEvent = z.object({
  id,
  kind: z.string(),
  lineId: z.number().nullable(),
  quantity: z.number().nullable(),
  lot: z.string().nullable(),
  reason: z.string().nullable(),
  reversesEventId: z.number().nullable(),
  actor: z.string(),
  device: z.string(),
  createdAt: z.string(),
});

export const pickLine = z.object({
  id,
  seq: z.number(),
  orderId: id,
  orderNumber: z.string(),
  tote: z.string().nullable(),
  lineId: id,
  itemId: id,
  sku: z.string(),
  name: z.string(),
  locationId: id,
  path: z.string(),
  lotId: z.number().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  quantity: z.number(),
  picked: z.number(),
  short: z.number(),
  done: z.boolean(),
});

export const pickList = z.object({
  id,
  number: z.string(),
  status: z.enum(['open', 'done']),
  orderIds: z.array(z.number()),
  lines: z.array(pickLine),
  /** What the picker does next: scan the bin of `lineId`, then its item; null when the list is done. */
  next: z.object({ lineId: id, expect: z.enum(['bin', 'item']), path: z.string(), sku: z.string(), lot: z.string().nullable(), remaining: z.number() }).nullable(),
  createdAt: z.string(),
});
export type PickList = z.infer<typeof pickList>;

export const packLine = z.object({
  lineId: id,
  itemId: id,
  sku: z.string(),
  name: z.string(),
  lots: z.array(z.string()),
  expected: z.number(),
  packed: z.number(),
  done: z.boolean(),
  weightGrams: z.number().nullable(),
});

export const weightCheck = z.object({
  status: z.enum(WEIGHT_STATUSES),
  expectedGrams: z.number().nullable(),
  measuredGrams: z.number().nullable(),
  differenceGrams: z.number().nullable(),
  toleranceGrams: z.number().nullable(),
  /** SKUs without a weight: the expected weight cannot be known, so only an override lets the parcel go. */
  missingWeights: z.array(z.string()),
  message: z.string(),
});

export const packView = z.object({
  orderId: id,
  number: z.string(),
  status: z.enum(ORDER_STATUSES),
  customerName: z.string(),
  shipTo: shipToAddress,
  tote: z.string().nullable(),
  lines: z.array(packLine),
  complete: z.boolean(),
  box: box.nullable(),
  weight: weightCheck,
  /** For the operator: what the last action did. */
  message: z.string(),
});
export type PackView = z.infer<typeof packView>;

const orderId = { orderId: id };

export const csvImportResult = z.object({
  orders: z.array(z.object({ orderId: id, number: z.string(), externalId: z.string(), created: z.boolean(), linesAdded: z.number() })),
  linesAdded: z.number(),
  /** Rows already imported before (same channel, order id and line id): skipped, nothing changed. */
  linesSkipped: z.number(),
});

export const packingSlip = z.object({
  companyName: z.string(),
  orderNumber: z.string(),
  date: z.string(),
  customerName: z.string(),
  shipTo: shipToAddress,
  shipFrom: shipToAddress.nullable(),
  currency: z.string(),
  lines: z.array(z.object({ sku: z.string(), name: z.string(), quantity: z.number(), lots: z.array(z.string()), unitPriceMinor: z.number(), totalMinor: z.number() })),
  totalMinor: z.number(),
  /** Station and user of the last pack scan (else the caller): the packing slip's "Packed by". */
  packedBy: z.string(),
});

export const ordersApi = {
  'orders.create': def({
    summary: 'Creates a sales order by hand (channel "manual" unless given), status new. An external id must be unique within its channel.',
    mutates: true,
    input: z.object({
      channel: channel.default('manual'),
      externalId: optText(120),
      customerName: text(120),
      customerEmail: z.string().trim().email().max(200).optional(),
      shipTo: shipToAddress,
      currency: currency.optional(),
      notes: z.string().trim().max(2000).default(''),
      lines: z.array(orderLineInput).min(1, 'An order needs at least one line').max(500),
    }),
    output: order,
  }),
  'orders.importCsv': def({
    summary:
      'Imports orders from CSV (one row per line; columns order_id, line_id, sku, quantity, unit_price, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, currency). Every bad row is reported with its row number (the header is row 1) and field, and then nothing is imported. Idempotent on (channel, order id, line id).',
    mutates: true,
    input: z.object({ csv: z.string().min(1, 'The file is empty').max(20_000_000), channel: channel.default('csv') }),
    output: csvImportResult,
  }),
  'orders.get': def({ summary: 'One order with its lines, allocations, weight and shipment.', mutates: false, input: z.object({ id }), output: order }),
  'orders.list': def({
    summary: 'Orders, newest first, by status and/or a search on number, external id or customer.',
    mutates: false,
    input: z.object({ status: z.enum(ORDER_STATUSES).optional(), query: z.string().trim().max(100).optional(), ...page }),
    output: z.object({ total: z.number(), rows: z.array(order) }),
  }),
  'orders.events': def({
    summary: 'The history of an order (created, allocated, picked, packed, undone, weighed, shipped…), oldest first, with who and which station.',
    mutates: false,
    input: z.object(orderId),
    output: z.array(orderEvent),
  }),
  'orders.allocate': def({
    summary:
      'Reserves stock for an order through the ledger: one warehouse that can ship it all (by priority), else split by warehouse priority; bins first-expiry (lots) then oldest stock. What cannot be reserved is explained per line.',
    mutates: true,
    input: z.object(orderId),
    output: order,
  }),
  'orders.allocateAll': def({
    summary: 'Allocates every new and backordered order, oldest first, in one transaction.',
    mutates: true,
    input: z.object({}).default({}),
    output: z.object({ orders: z.array(z.object({ orderId: id, number: z.string(), status: z.enum(ORDER_STATUSES), allocationNote: z.string().nullable() })) }),
  }),
  'orders.cancel': def({ summary: 'Cancels an order and releases every reservation it holds.', mutates: true, input: z.object({ ...orderId, reason }), output: order }),
  'orders.hold': def({ summary: 'Puts an order on hold: it keeps its reservations but cannot be picked, packed or shipped.', mutates: true, input: z.object({ ...orderId, reason }), output: order }),
  'orders.unhold': def({ summary: 'Takes an order off hold, back to the status it had.', mutates: true, input: z.object(orderId), output: order }),
  'orders.pickList': def({
    summary: 'Creates a pick list for one allocated order or a batch, lines in bin path order with the reserved lot; the orders go to picking. Totes may be assigned per order.',
    mutates: true,
    input: z.object({
      orderIds: z.array(id).min(1).max(200),
      totes: z.array(z.object({ orderId: id, tote: text(60) })).default([]),
    }),
    output: pickList,
  }),
  'orders.getPickList': def({ summary: 'A pick list and what to scan next.', mutates: false, input: z.object({ pickListId: id }), output: pickList }),
  'orders.pickScan': def({
    summary: 'Confirms picking by scan: the bin of the next line, then its item (quantity for multiples). A wrong bin, wrong item, wrong lot or one too many is refused and changes nothing.',
    mutates: true,
    input: z.object({ pickListId: id, code: scanCode, quantity: qty.optional() }),
    output: pickList.extend({ message: z.string() }),
  }),
  'orders.pickShort': def({
    summary:
      'Reports that only `found` units of a pick line are in the bin: the missing units are released and allocated elsewhere (added to this list), or the order is backordered.',
    mutates: true,
    input: z.object({ pickListId: id, lineId: id, found: z.number().int().nonnegative() }),
    output: pickList.extend({ message: z.string() }),
  }),
  'orders.packSession': def({ summary: 'Opens an order at the bench by its number or tote barcode: its lines with expected and packed quantities.', mutates: false, input: z.object({ code: scanCode }), output: packView }),
  'orders.packScan': def({
    summary:
      'Ticks a line by a GTIN, SKU or GS1 scan (with lot). A wrong item, a lot that is not the reserved one, or one too many is refused with its own code and changes nothing.',
    mutates: true,
    input: z.object({ ...orderId, code: scanCode, quantity: qty.max(10_000).optional(), lot: lotCode }),
    output: packView,
  }),
  'orders.packUndo': def({
    summary: 'Undoes the last pack scan of a line by a reversing event (the scan stays in the history).',
    mutates: true,
    input: z.object({ ...orderId, lineId: id }),
    output: packView,
  }),
  'orders.setBox': def({ summary: 'Chooses the box (packaging preset) of an order; its weight is part of the expected weight.', mutates: true, input: z.object({ ...orderId, box: text(20) }), output: packView }),
  'orders.weigh': def({
    summary: 'Compares the measured parcel weight with the expected one (items + box, within the tolerance). A mismatch blocks shipping until overridden.',
    mutates: true,
    input: z.object({ ...orderId, grams }),
    output: weightCheck,
  }),
  'orders.overrideWeight': def({ summary: 'Lets a parcel whose weight did not match (or could not be checked) ship, with a reason.', mutates: true, input: z.object({ ...orderId, reason }), output: weightCheck }),
  'orders.ship': def({
    summary:
      'Ships a packed order: each reservation is issued to the customer location at FIFO cost (re-checked in the transaction), cost of goods recorded per line, carrier and tracking kept.',
    mutates: true,
    input: z.object({ ...orderId, carrier: text(30), service: text(40), trackingNumber: text(40), weightGrams: grams, idempotencyKey }),
    output: z.object({ order, movements: z.array(movement), cogsMinor: z.number(), replayed: z.boolean() }),
  }),
  'orders.labelData': def({
    summary:
      'The data of the 4×6 shipping label (labels.print template "shipping") and the packing slip. Carrier, service, tracking number and weight come from the shipment, or from the input before shipping.',
    mutates: false,
    input: z.object({ ...orderId, carrier: optText(30), service: optText(40), trackingNumber: optText(40), weightGrams: grams.optional() }),
    output: z.object({
      shipping: z
        .object({
          shipFrom: shipToAddress.optional(),
          shipTo: shipToAddress,
          orderNumber: z.string(),
          carrier: z.string(),
          service: z.string(),
          trackingNumber: z.string(),
          weight: z.object({ value: z.number(), unit: z.enum(['kg', 'g', 'lb', 'oz']) }),
        })
        .nullable(),
      /** Fields the shipping label still needs. */
      missing: z.array(z.string()),
      packingSlip,
    }),
  }),
  'orders.settings': def({ summary: 'Order settings: allocation, boxes, weight tolerance, ship-from address.', mutates: false, input: z.object({}).default({}), output: ordersSettings }),
  'orders.configure': def({ summary: 'Changes order settings.', mutates: true, input: patchOf(ordersSettings), output: ordersSettings }),
};
