import { z } from 'zod';
import { def } from './define';
import { id, lotCode, note } from './common';
import { movement } from './stock';

/**
 * Cycle counts: sessions by bin or by item, counted blind (the counter never sees the expected quantity). Each line's
 * expected quantity is the on-hand at the moment it is counted, so stock moving during the count does not distort the
 * variance. Variances within the auto thresholds are accepted, larger ones recounted, the largest need approval;
 * posting makes count-correction adjustments with the session as the document.
 */

export const COUNT_SCOPES = ['bin', 'item'] as const;
export const COUNT_SESSION_STATUSES = ['counting', 'review', 'posted', 'cancelled'] as const;
export const COUNT_LINE_STATUSES = ['accepted', 'recount', 'approval', 'approved', 'posted'] as const;

export const countThresholds = z.object({
  /** Auto-accept when |variance| ≤ autoUnits AND ≤ autoPct % of expected AND its value ≤ autoValueMinor. */
  autoUnits: z.number().int().nonnegative(),
  autoPct: z.number().nonnegative(),
  autoValueMinor: z.number().int().nonnegative(),
  /** Above any of these a manager must approve; between auto and these, the line is recounted. */
  approvalUnits: z.number().int().nonnegative(),
  approvalPct: z.number().nonnegative(),
  approvalValueMinor: z.number().int().nonnegative(),
});
export type CountThresholds = z.infer<typeof countThresholds>;
export const DEFAULT_COUNT_THRESHOLDS: CountThresholds = { autoUnits: 2, autoPct: 5, autoValueMinor: 2000, approvalUnits: 10, approvalPct: 25, approvalValueMinor: 10000 };

export const countLine = z.object({
  id,
  itemId: id,
  sku: z.string(),
  locationId: id,
  path: z.string(),
  lotId: z.number().nullable(),
  counted: z.number(),
  expected: z.number(),
  variance: z.number(),
  unitCostMinor: z.number(),
  valueMinor: z.number(),
  counts: z.number(),
  countedAt: z.string(),
  status: z.enum(COUNT_LINE_STATUSES),
  approvedBy: z.string().nullable(),
});

export const countSession = z.object({
  id,
  number: z.string(),
  scope: z.enum(COUNT_SCOPES),
  allowFound: z.boolean(),
  status: z.enum(COUNT_SESSION_STATUSES),
  thresholds: countThresholds,
  locationIds: z.array(z.number()),
  itemIds: z.array(z.number()),
  createdAt: z.string(),
  lines: z.array(countLine),
});
export type CountSession = z.infer<typeof countSession>;

const sessionId = { sessionId: id };


/** Cycle-count planning, accuracy and shrinkage, and stock aging (read-only reports over the ledger). */

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export const DEFAULT_COUNT_INTERVALS = { A: 30, B: 90, C: 365 } as const;
export const DEFAULT_AGE_BUCKETS = [30, 60, 90, 180, 365] as const;

const dayCount = z.number().int().positive();
const scopeFilter = {
  /** A bin, zone or the warehouse's locations under it (the location itself and everything below). */
  locationId: id.optional(),
  warehouseId: id.optional(),
  itemId: id.optional(),
};

export const countScheduleRow = z.object({
  itemId: id,
  sku: z.string(),
  name: z.string(),
  locationId: id,
  path: z.string(),
  abc: z.enum(ABC_CLASSES),
  /** Whether the class came from the planning parameters (else the item is treated as C). */
  abcFromPlanning: z.boolean(),
  intervalDays: z.number(),
  onHand: z.number(),
  lastCountedAt: z.string().nullable(),
  /** lastCountedAt + interval; null when never counted (due now). */
  dueAt: z.string().nullable(),
  /** Whole days past due (0 on the due day, negative before it); null when never counted. */
  daysOverdue: z.number().nullable(),
  due: z.boolean(),
});

const shrinkRow = z.object({
  key: z.string(),
  label: z.string(),
  recorded: z.number(),
  actual: z.number(),
  shrinkUnits: z.number(),
  shrinkValueMinor: z.number(),
  /** (recorded − actual) ÷ recorded × 100, rounded to 2 decimals; null when nothing was recorded. */
  shrinkPct: z.number().nullable(),
});

const accuracyRow = z.object({ linesCounted: z.number(), linesWithinTolerance: z.number(), accuracyPct: z.number().nullable() });

const ageBucket = z.object({ label: z.string(), minDays: z.number(), maxDays: z.number().nullable(), quantity: z.number(), valueMinor: z.number() });
const bucketCell = z.object({ quantity: z.number(), valueMinor: z.number() });

export const countsReportsApi = {
  'counts.schedule': def({
    summary: 'Items in bins due for a cycle count: interval by ABC class (planning class, else C; defaults A 30, B 90, C 365 days) from the last posted count.',
    mutates: false,
    input: z.object({
      ...scopeFilter,
      intervals: z.object({ A: dayCount.optional(), B: dayCount.optional(), C: dayCount.optional() }).optional(),
      /** Also list item/bins not yet due. */
      includeNotDue: z.boolean().optional(),
    }),
    output: z.object({ asOf: z.string(), intervals: z.object({ A: z.number(), B: z.number(), C: z.number() }), rows: z.array(countScheduleRow) }),
  }),
  'counts.accuracy': def({
    summary:
      'Inventory record accuracy (lines within tolerance ÷ lines counted) per posted count and per month, and shrinkage % = (recorded − actual) ÷ recorded × 100 by period, item, location and reason, from count variances and loss adjustments.',
    mutates: false,
    input: z.object({
      ...scopeFilter,
      /** ISO date or timestamp, inclusive. */
      from: z.string().optional(),
      /** ISO date or timestamp, exclusive. */
      to: z.string().optional(),
      /** A line is within tolerance when |variance| ≤ toleranceUnits or ≤ tolerancePct % of expected (defaults 0: exact). */
      toleranceUnits: z.number().int().nonnegative().optional(),
      tolerancePct: z.number().nonnegative().optional(),
    }),
    output: z.object({
      sessions: z.array(accuracyRow.extend({ sessionId: id, number: z.string(), postedAt: z.string() })),
      months: z.array(accuracyRow.extend({ month: z.string() })),
      overall: accuracyRow,
      shrinkage: z.object({
        total: shrinkRow,
        byPeriod: z.array(shrinkRow),
        byItem: z.array(shrinkRow),
        byLocation: z.array(shrinkRow),
        byReason: z.array(shrinkRow),
      }),
    }),
  }),
  'counts.aging': def({
    summary:
      'Stock aging from open FIFO layers (age kept across transfers): quantity and value per age bucket, per item and location; last sale per item; dead stock (no sale in N days, default 180); clearance suggestions.',
    mutates: false,
    input: z.object({
      ...scopeFilter,
      /** Upper bounds of the buckets in days, ascending (default 30, 60, 90, 180, 365; a last open bucket follows). */
      buckets: z.array(z.number().int().nonnegative()).min(1).optional(),
      deadDays: dayCount.optional(),
      /** Clearance: stock at least this old (default: the lower bound of the second-oldest bucket, 181 by default). */
      clearanceMinDays: z.number().int().nonnegative().optional(),
    }),
    output: z.object({
      asOf: z.string(),
      buckets: z.array(ageBucket),
      rows: z.array(
        z.object({ itemId: id, sku: z.string(), locationId: id, path: z.string(), quantity: z.number(), valueMinor: z.number(), oldestReceivedAt: z.string(), buckets: z.array(bucketCell) }),
      ),
      items: z.array(
        z.object({
          itemId: id,
          sku: z.string(),
          name: z.string(),
          quantity: z.number(),
          valueMinor: z.number(),
          oldestReceivedAt: z.string(),
          lastSaleAt: z.string().nullable(),
          daysSinceSale: z.number().nullable(),
          dead: z.boolean(),
        }),
      ),
      dead: z.array(z.object({ itemId: id, sku: z.string(), quantity: z.number(), valueMinor: z.number(), lastSaleAt: z.string().nullable(), idleDays: z.number() })),
      clearance: z.array(
        z.object({ itemId: id, sku: z.string(), quantity: z.number(), valueMinor: z.number(), oldestAgeDays: z.number(), lastSaleAt: z.string().nullable(), dead: z.boolean() }),
      ),
    }),
  }),
};

export const countsApi = {
  'counts.create': def({
    summary: 'Starts a count session for bins or items, with variance thresholds (defaults: auto ≤ 2 units, 5 %, £20; approval above 10 units, 25 %, £100).',
    mutates: true,
    input: z
      .object({
        scope: z.enum(COUNT_SCOPES),
        locationIds: z.array(id).optional(),
        itemIds: z.array(id).optional(),
        allowFound: z.boolean().default(false),
        thresholds: countThresholds.partial().optional(),
        note,
      })
      .superRefine((v, ctx) => {
        if (v.scope === 'bin' && !v.locationIds?.length) ctx.addIssue({ code: 'custom', path: ['locationIds'], message: 'Choose the bins to count' });
        if (v.scope === 'item' && !v.itemIds?.length) ctx.addIssue({ code: 'custom', path: ['itemIds'], message: 'Choose the items to count' });
      }),
    output: countSession,
  }),
  'counts.enter': def({
    summary: 'A blind count of one item in one bin (a recount when asked): the expected quantity is taken now and never shown to the counter.',
    mutates: true,
    input: z.object({
      ...sessionId,
      locationId: id,
      itemId: id,
      lot: lotCode,
      counted: z.number().int('A count is a whole number of units').nonnegative('A count cannot be negative'),
    }),
    output: z.object({ lineId: id, status: z.enum(['counted', 'recount']), counts: z.number() }),
  }),
  'counts.sheet': def({
    summary: 'What the counter sees: the bins or items to count and what was counted, never the expected quantity.',
    mutates: false,
    input: z.object(sessionId),
    output: z.object({
      number: z.string(),
      status: z.enum(COUNT_SESSION_STATUSES),
      targets: z.array(z.object({ locationId: z.number().nullable(), path: z.string().nullable(), itemId: z.number().nullable(), sku: z.string().nullable() })),
      lines: z.array(z.object({ id, itemId: id, sku: z.string(), locationId: id, path: z.string(), counted: z.number(), status: z.enum(['counted', 'recount']) })),
    }),
  }),
  'counts.scan': def({
    summary:
      'What a scan means on the blind counting screen, without writing anything: a bin of the count opens it; an item (with its GS1 lot and quantity) is checked as counts.enter would check it in the open bin (in the count, recorded there unless found items are allowed). Never carries the expected quantity.',
    mutates: false,
    input: z.object({ ...sessionId, code: z.string().trim().min(1, 'Scan or type a code').max(200), locationId: id.optional() }),
    output: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('bin'), locationId: id, path: z.string(), message: z.string() }),
      z.object({
        kind: z.literal('item'),
        itemId: id,
        sku: z.string(),
        name: z.string(),
        lot: z.string().nullable(),
        quantity: z.number(),
        locationId: id,
        path: z.string(),
        /** The line was asked for a recount: this count replaces the last one. */
        recount: z.boolean(),
        /** Units already entered for this item in this bin (the counter's own count, not the expected quantity). */
        counted: z.number().nullable(),
        message: z.string(),
      }),
    ]),
  }),
  'counts.list': def({
    summary: 'Count sessions, newest first, with what they cover and how far they are (no expected quantities).',
    mutates: false,
    input: z.object({ status: z.enum(COUNT_SESSION_STATUSES).optional() }),
    output: z.array(
      z.object({
        id,
        number: z.string(),
        scope: z.enum(COUNT_SCOPES),
        allowFound: z.boolean(),
        status: z.enum(COUNT_SESSION_STATUSES),
        createdAt: z.string(),
        targets: z.array(z.string()),
        linesCounted: z.number(),
        toRecount: z.number(),
        toApprove: z.number(),
      }),
    ),
  }),
  'counts.submit': def({
    summary: 'Ends counting: stock in scope that was not counted is counted as zero, and the session goes to review.',
    mutates: true,
    input: z.object(sessionId),
    output: countSession,
  }),
  'counts.review': def({ summary: 'The session with expected quantities, variances, values and what each line needs.', mutates: false, input: z.object(sessionId), output: countSession }),
  'counts.approve': def({
    summary: 'A manager approves variances above the approval threshold.',
    mutates: true,
    input: z.object({ ...sessionId, lineIds: z.array(id).min(1) }),
    output: countSession,
  }),
  'counts.post': def({
    summary: 'Posts a reviewed session: one count-correction adjustment per line with a variance, the session number as document.',
    mutates: true,
    input: z.object(sessionId),
    output: z.object({ session: countSession, movements: z.array(movement) }),
  }),
  ...countsReportsApi,
};
