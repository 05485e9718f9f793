import { z } from 'zod';
import { id, isoDate } from './common';
import { def } from './define';
import { KPI_KEYS, kpiResult } from './reports';

const alertItem = z.object({
  itemId: id,
  sku: z.string(),
  name: z.string(),
  /** On hand − reserved, in the item's bins (of the warehouse, when one is chosen), now. */
  available: z.number(),
  /** One sentence: why the item is listed, with its numbers. */
  detail: z.string(),
});

/** One alert list: the first few items (most urgent first) and how many there are in all. */
const alertList = <T extends z.ZodRawShape>(extra: T) => z.object({ count: z.number(), items: z.array(alertItem.extend(extra)) });

export const dashboardOutput = z.object({
  from: isoDate,
  to: isoDate,
  days: z.number(),
  /** The clock's UTC day when computed (alerts and aging are as of now, not of the period end). */
  today: isoDate,
  warehouseId: z.number().nullable(),
  /**
   * The sales channel chosen, or null for all: with one, the KPIs, their sparklines and COGS, revenue and units sold
   * are that channel's orders'; the stock figures (values, units received, sell-through by category, ABC, aging,
   * alerts) are the shared stock, and the KPIs built on stock are null ("stock is shared by all channels").
   */
  channel: z.string().nullable(),
  /** The sales channels known from the data (sales_orders.channel values, and '(no order)' when stock left without an order), for the filter. */
  channels: z.array(z.string()),
  /** Annual holding rate used for carrying cost: the planning settings' holding cost rate × 100. */
  holdingRatePct: z.number(),
  /** The KPIs of the period, computed exactly as reports.kpis computes them (same inputs, same formulas). */
  kpis: z.array(kpiResult),
  summary: z.object({
    openingValueMinor: z.number(),
    closingValueMinor: z.number(),
    averageInventoryMinor: z.number().nullable(),
    cogsMinor: z.number(),
    revenueMinor: z.number(),
    unitsSold: z.number(),
    unitsReceived: z.number(),
    closingQuantity: z.number(),
  }),
  /** Trend sparklines: the KPIs of each calendar month of the 12 ending with the period's end month (the last one to the period end). */
  trend: z.object({
    months: z.array(z.object({ month: z.string(), from: isoDate, to: isoDate })),
    values: z.record(z.enum(KPI_KEYS), z.array(z.number().nullable())),
  }),
  /** Closing FIFO value and units of each day of the period. */
  valueSeries: z.array(z.object({ day: isoDate, valueMinor: z.number(), quantity: z.number() })),
  /** Sell-through % = units sold ÷ units received × 100 per item category over the period (null without receipts). */
  sellThroughByCategory: z.array(z.object({ category: z.string(), unitsSold: z.number(), unitsReceived: z.number(), sellThroughPct: z.number().nullable() })),
  abc: z.object({
    /** 'planning': the classes of the last planning recompute; 'period': classified here by the period's revenue (no recompute yet). */
    source: z.enum(['planning', 'period']),
    computedAt: z.string().nullable(),
    classes: z.array(z.object({ class: z.enum(['A', 'B', 'C']), items: z.number(), revenueMinor: z.number(), revenueShare: z.number(), stockValueMinor: z.number() })),
  }),
  aging: z.object({ buckets: z.array(z.object({ label: z.string(), minDays: z.number(), maxDays: z.number().nullable(), quantity: z.number(), valueMinor: z.number() })) }),
  alerts: z.object({
    /** False until planning has computed reorder points (the nightly recompute, or one from the replenishment page). */
    reorderPointsKnown: z.boolean(),
    belowReorderPoint: alertList({ reorderPoint: z.number(), position: z.number() }),
    /** Items whose stock runs out (at their demand rate) before the next expected receipt, or within their lead time when nothing is on order. */
    stockoutRisk: alertList({ dailyDemand: z.number(), stockoutDay: isoDate, nextReceipt: isoDate.nullable(), poId: z.number().nullable() }),
    deadStock: alertList({ valueMinor: z.number(), idleDays: z.number() }),
  }),
  /** Time the core took, for the bench and the screen's footnote. */
  ms: z.number(),
});
export type Dashboard = z.infer<typeof dashboardOutput>;

export const dashboardApi = {
  'reports.dashboard': def({
    summary:
      'Everything the dashboard shows in one call, from one replay of the valuation history: the KPIs of the period (as reports.kpis) with 12 monthly values each for the sparklines, the daily stock value, sell-through by category, the ABC split, aging buckets and the alerts (below reorder point, stockout before the next receipt, dead stock).',
    mutates: false,
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        warehouseId: id.optional(),
        /** One sales channel (a sales_orders.channel value): see the output's channel. */
        channel: z.string().trim().min(1).max(120).optional(),
        /** Items per alert list (the counts are always complete). */
        alertLimit: z.number().int().min(1).max(100).default(8),
      })
      .refine((i) => i.from <= i.to, { message: 'The period must not end before it starts', path: ['to'] }),
    output: dashboardOutput,
  }),
};
