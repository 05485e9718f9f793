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
};
