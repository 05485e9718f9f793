import { z } from 'zod';
import { def } from './define';
import { id, idempotencyKey, lotCode, moneyMinor, note, qty } from './common';
import { movement } from './stock';

/**
 * Returns (RMA): authorised from a shipped order line (never more than shipped less already authorised) or as an
 * unexpected return; received into returns limbo at the original issue cost (not available); each unit graded
 * restock, refurbish (later restocked, optionally with added cost) or write off (scrap, cost written off).
 */

export const RETURN_STATUSES = ['authorised', 'received', 'inspected', 'cancelled'] as const;
export const RETURN_GRADES = ['restock', 'refurbish', 'write_off'] as const;
export type ReturnGrade = (typeof RETURN_GRADES)[number];

const reason = z.string().trim().min(1, 'Give a reason').max(500);

export const returnLine = z.object({
  id,
  orderLineId: z.number().nullable(),
  itemId: id,
  sku: z.string(),
  lotId: z.number().nullable(),
  quantity: z.number(),
  received: z.number(),
  /** Received and not yet graded: in returns limbo. */
  inLimbo: z.number(),
  restocked: z.number(),
  /** Graded refurbish (sent to a refurbish bin), and how many of those were restocked since. */
  refurbish: z.number(),
  refurbished: z.number(),
  writtenOff: z.number(),
  /** Cost taken back into stock by the receipt (the original issue cost). */
  receivedCostMinor: z.number(),
  writeOffMinor: z.number(),
  addedCostMinor: z.number(),
  reason: z.string(),
});

export const rma = z.object({
  id,
  number: z.string(),
  orderId: z.number().nullable(),
  orderNumber: z.string().nullable(),
  customerName: z.string(),
  status: z.enum(RETURN_STATUSES),
  reason: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  refundMinor: z.number(),
  refunds: z.array(z.object({ amountMinor: z.number(), reason: z.string(), actor: z.string(), createdAt: z.string() })),
  lines: z.array(returnLine),
});
export type Rma = z.infer<typeof rma>;

const withMovements = z.object({ rma, movements: z.array(movement) });

export const returnsApi = {
  'returns.authorise': def({
    summary:
      'Authorises a return: from a shipped order (each line at most shipped less already authorised) or, without an order, an unexpected return of items at a given (or last known) unit cost.',
    mutates: true,
    input: z
      .object({
        orderId: id.optional(),
        customerName: z.string().trim().max(120).optional(),
        reason,
        note,
        lines: z
          .array(
            z.object({
              orderLineId: id.optional(),
              itemId: id.optional(),
              quantity: qty,
              lot: lotCode,
              unitCostMinor: moneyMinor.optional(),
              reason: z.string().trim().max(500).optional(),
            }),
          )
          .min(1, 'A return needs at least one line'),
      })
      .superRefine((v, ctx) => {
        v.lines.forEach((l, i) => {
          if (v.orderId !== undefined && l.orderLineId === undefined) ctx.addIssue({ code: 'custom', path: ['lines', i, 'orderLineId'], message: 'Choose the order line returned' });
          if (v.orderId === undefined && l.itemId === undefined) ctx.addIssue({ code: 'custom', path: ['lines', i, 'itemId'], message: 'Choose the item returned' });
        });
      }),
    output: rma,
  }),
  'returns.receive': def({
    summary: 'Receives returned units into returns limbo (not available): a movement from the customer at the original issue cost. Without lines, everything outstanding.',
    mutates: true,
    input: z.object({ returnId: id, lines: z.array(z.object({ returnLineId: id, quantity: qty })).optional(), idempotencyKey, note }),
    output: withMovements,
  }),
  'returns.inspect': def({
    summary: 'Grades received units: restock (to a bin at original cost), refurbish (to a refurbish bin), write off (to scrap; the cost is written off).',
    mutates: true,
    input: z.object({
      returnLineId: id,
      grades: z
        .array(z.object({ grade: z.enum(RETURN_GRADES), quantity: qty, locationId: id.optional() }))
        .min(1, 'Grade at least one unit')
        .superRefine((gs, ctx) =>
          gs.forEach((g, i) => {
            if (g.grade !== 'write_off' && g.locationId === undefined) ctx.addIssue({ code: 'custom', path: [i, 'locationId'], message: 'Choose the bin' });
          }),
        ),
      note,
      idempotencyKey,
    }),
    output: withMovements,
  }),
  'returns.restockRefurbished': def({
    summary: 'Restocks refurbished units of a return from the refurbish bin to a bin, optionally adding the refurbishment cost to their cost.',
    mutates: true,
    input: z.object({ returnLineId: id, fromLocationId: id, toLocationId: id, quantity: qty, addedCostMinor: moneyMinor.optional(), note, idempotencyKey }),
    output: withMovements,
  }),
  'returns.refund': def({
    summary: 'Records a refund (amount and reason) against a return.',
    mutates: true,
    input: z.object({ returnId: id, amountMinor: moneyMinor, reason }),
    output: rma,
  }),
  'returns.get': def({ summary: 'One return with its lines, grades and refunds.', mutates: false, input: z.object({ id }), output: rma }),
  'returns.list': def({
    summary: 'Returns, newest first.',
    mutates: false,
    input: z.object({ status: z.enum(RETURN_STATUSES).optional(), orderId: id.optional() }),
    output: z.array(rma),
  }),
  'returns.limbo': def({
    summary: 'Units waiting in returns limbo, oldest first, with their value and age.',
    mutates: false,
    input: z.object({}),
    output: z.array(
      z.object({ returnId: id, number: z.string(), returnLineId: id, itemId: id, sku: z.string(), quantity: z.number(), valueMinor: z.number(), receivedAt: z.string(), ageDays: z.number() }),
    ),
  }),
};
