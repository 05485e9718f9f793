import { z } from 'zod';
import { def } from './define';
import { id, isoDate } from './common';

export const KPI_KEYS = [
  'inventoryTurnover',
  'daysInventoryOutstanding',
  'sellThrough',
  'daysSalesOutstanding',
  'daysPayableOutstanding',
  'cashConversionCycle',
  'gmroi',
  'carryingCost',
  'shrinkage',
  'fillRate',
  'stockoutDays',
  'inventoryRecordAccuracy',
] as const;

/** One KPI with its formula and inputs, so the screen can show how it was computed; value null comes with a reason. */
export const kpiResult = z.object({
  key: z.enum(KPI_KEYS),
  label: z.string(),
  value: z.number().nullable(),
  unit: z.enum(['ratio', 'days', 'percent', 'count']),
  formula: z.string(),
  inputs: z.record(z.string(), z.number().nullable()),
  reason: z.string().optional(),
});
export type KpiResultDto = z.infer<typeof kpiResult>;

const dayOrInstant = z.union([isoDate, z.iso.datetime({ message: 'asOf is a date (YYYY-MM-DD) or an ISO timestamp' })]);

/** The ledger accounts a period-close journal posts to; name for QuickBooks Online, code for Xero. */
export const ACCOUNTING_ROLES = ['inventory', 'cogs', 'grni', 'accountsPayable', 'landedCostClearing', 'shrinkage', 'writeOff'] as const;
export type AccountingRole = (typeof ACCOUNTING_ROLES)[number];

const account = z.object({ name: z.string().trim().min(1).max(100), code: z.string().trim().min(1).max(10) });

/** Settings key 'accounting': the account mapping and what the journal exports need besides. */
export const accountingSettings = z.object({
  accounts: z.object({
    inventory: account,
    cogs: account,
    grni: account,
    accountsPayable: account,
    landedCostClearing: account,
    shrinkage: account,
    writeOff: account,
  }),
  /** Receipts credit goods received not invoiced (bills are matched later) or accounts payable directly. */
  receiptCredit: z.enum(['grni', 'accountsPayable']),
  /** Xero's TaxRate column is mandatory: the tax rate name as in the organisation's tax settings. */
  xeroTaxRate: z.string().trim().min(1).max(100),
  /** Prefix of the QuickBooks Online journal numbers. */
  journalPrefix: z.string().trim().min(1).max(8),
});
export type AccountingSettings = z.infer<typeof accountingSettings>;

export const accountingSettingsPatch = z.object({
  accounts: z.object(Object.fromEntries(ACCOUNTING_ROLES.map((r) => [r, account.optional()])) as Record<AccountingRole, z.ZodOptional<typeof account>>).optional(),
  receiptCredit: z.enum(['grni', 'accountsPayable']).optional(),
  xeroTaxRate: z.string().trim().min(1).max(100).optional(),
  journalPrefix: z.string().trim().min(1).max(8).optional(),
});

export const reportsJournalApi = {
  'reports.journal': def({
    summary:
      'Period-close accounting journals (cost of goods, inventory receipts, landed cost, shrinkage and write-offs) from..to inclusive (UTC days), summed per account (or per account and day), as a QuickBooks Online journal-entry import CSV or a Xero manual-journal import CSV. Every journal balances; the same period gives the same file.',
    mutates: false,
    input: z
      .object({ from: isoDate, to: isoDate, format: z.enum(['qbo', 'xero']), perDay: z.boolean().default(false) })
      .refine((i) => i.from <= i.to, { message: 'The period must not end before it starts', path: ['to'] }),
    output: z.object({ csv: z.string(), filename: z.string(), totals: z.object({ debits: z.number().int(), credits: z.number().int() }) }),
  }),
  'reports.accounting.get': def({
    summary: 'The account mapping of the accounting journal exports (defaults until changed).',
    mutates: false,
    input: z.object({}).default({}),
    output: accountingSettings,
  }),
  'reports.accounting.update': def({
    summary: 'Changes the account mapping of the accounting journal exports (only the roles given).',
    mutates: true,
    input: accountingSettingsPatch,
    output: accountingSettings,
  }),
};

/**
 * Report tables (reports.run / reports.export / reports.pack). Every report answers the same generic table, so one
 * screen, one CSV/XLSX/PDF writer and the report pack serve them all.
 * - Period reports (from..to inclusive, UTC days): cogs, margin_by_item, margin_by_channel, landed_cost, movements_journal.
 * - As-of reports (a day close, default today): valuation_by_location, valuation_by_category.
 * - Current-stock reports (kind 'asOf' too, but always as of now: planning parameters, open layers and open POs are
 *   current state; the table's params.asOf and subtitle say the day): low_stock, overstock, dead_stock.
 */
export const REPORT_IDS = [
  'valuation_by_location',
  'valuation_by_category',
  'cogs',
  'margin_by_item',
  'margin_by_channel',
  'landed_cost',
  'movements_journal',
  'low_stock',
  'overstock',
  'dead_stock',
] as const;
export const reportId = z.enum(REPORT_IDS);
export type ReportId = (typeof REPORT_IDS)[number];

/** Which parameters each report reads: 'period' needs from and to, 'asOf' takes asOf (default: today). */
export const REPORT_KINDS: Record<ReportId, 'period' | 'asOf'> = {
  valuation_by_location: 'asOf',
  valuation_by_category: 'asOf',
  cogs: 'period',
  margin_by_item: 'period',
  margin_by_channel: 'period',
  landed_cost: 'period',
  movements_journal: 'period',
  low_stock: 'asOf',
  overstock: 'asOf',
  dead_stock: 'asOf',
};

/** Titles, the same in the table, the file names and the PDF pack. */
export const REPORT_TITLES: Record<ReportId, string> = {
  valuation_by_location: 'Stock valuation by location',
  valuation_by_category: 'Stock valuation by category',
  cogs: 'Cost of goods sold',
  margin_by_item: 'Margin by item',
  margin_by_channel: 'Margin by channel',
  landed_cost: 'Landed cost',
  movements_journal: 'Movements journal',
  low_stock: 'Low stock',
  overstock: 'Overstock',
  dead_stock: 'Dead stock',
};

/**
 * Cell types: 'money' = integer minor units of the table's currency; 'percent' = a percentage (42.5 means 42.5 %);
 * 'int' = whole units; 'number' = any number (days of cover, ratios); 'date' = 'YYYY-MM-DD'; 'datetime' = ISO timestamp
 * (UTC); 'text' = a string. A cell may be null (no value, e.g. margin % without revenue).
 */
export const REPORT_COLUMN_TYPES = ['text', 'int', 'money', 'percent', 'date', 'datetime', 'number'] as const;
export type ReportColumnType = (typeof REPORT_COLUMN_TYPES)[number];

export const reportColumn = z.object({ key: z.string(), label: z.string(), type: z.enum(REPORT_COLUMN_TYPES) });
export type ReportColumn = z.infer<typeof reportColumn>;

export const reportTable = z.object({
  report: reportId,
  title: z.string(),
  /** The period or as-of day and the filters, in words (e.g. "1 Jan 2026 – 31 Mar 2026 · warehouse Main"). */
  subtitle: z.string(),
  /** ISO 4217 code of every 'money' column (the settings currency). */
  currency: z.string(),
  /** The parameters the table was built from, normalised (asOf filled in for as-of reports). */
  params: z.object({
    from: isoDate.optional(),
    to: isoDate.optional(),
    asOf: isoDate.optional(),
    warehouseId: id.optional(),
    category: z.string().optional(),
    channel: z.string().optional(),
    days: z.number().int().positive().optional(),
  }),
  columns: z.array(reportColumn),
  rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))),
  /** Sums of the summable columns (others null); null when the report has no totals row. */
  totals: z.record(z.string(), z.number().nullable()).nullable(),
  /** How the figures were computed (method, thresholds), shown under the table and in exports. */
  notes: z.array(z.string()),
});
export type ReportTable = z.infer<typeof reportTable>;

const reportParamsShape = {
  report: reportId,
  from: isoDate.optional(),
  to: isoDate.optional(),
  /** As-of reports: the close of this UTC day; default today. */
  asOf: isoDate.optional(),
  warehouseId: id.optional(),
  /** Item category (the catalog's category text); '' = items without a category. */
  category: z.string().trim().max(100).optional(),
  /** Margin and COGS reports: one sales channel ('manual', 'csv', 'shopify:my-shop'…). */
  channel: z.string().trim().min(1).max(120).optional(),
  /** dead_stock: no sale for this many days (default 180); overstock: more than this many days of cover (default 90). */
  days: z.number().int().positive().max(3650).optional(),
};

const checkPeriod = (i: { report: ReportId; from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (REPORT_KINDS[i.report] !== 'period') return;
  if (i.from === undefined) ctx.addIssue({ code: 'custom', message: `The ${REPORT_TITLES[i.report].toLowerCase()} report needs a period start`, path: ['from'] });
  if (i.to === undefined) ctx.addIssue({ code: 'custom', message: `The ${REPORT_TITLES[i.report].toLowerCase()} report needs a period end`, path: ['to'] });
  if (i.from !== undefined && i.to !== undefined && i.from > i.to) ctx.addIssue({ code: 'custom', message: 'The period must not end before it starts', path: ['to'] });
};

export const reportParams = z.object(reportParamsShape).superRefine(checkPeriod);
export type ReportParams = z.infer<typeof reportParams>;

export const REPORT_EXPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportExportFormat = (typeof REPORT_EXPORT_FORMATS)[number];

/** A generated file: bytes in base64 (JSON-safe over every transport). */
export const reportFile = z.object({ filename: z.string(), mime: z.string(), base64: z.string() });
export type ReportFile = z.infer<typeof reportFile>;

export const reportsTablesApi = {
  'reports.run': def({
    summary:
      'Runs one report (valuation by location or category as of a day, COGS, margin by item or channel, landed cost and movements journal for a period, low stock, overstock, dead stock) and answers a generic table: typed columns, rows, totals, notes; money in minor units of the settings currency.',
    mutates: false,
    input: reportParams,
    output: reportTable,
  }),
  'reports.export': def({
    summary:
      'Exports one report as CSV (UTF-8, money as decimal strings, ISO dates), XLSX (typed cells, one sheet) or PDF (paginated table, at most 5,000 rows drawn; CSV and XLSX hold every row). The same parameters give the same bytes.',
    mutates: false,
    input: z.object({ ...reportParamsShape, format: z.enum(REPORT_EXPORT_FORMATS) }).superRefine(checkPeriod),
    output: reportFile,
  }),
  'reports.pack': def({
    summary:
      'PDF report pack for a period: cover page, KPI summary (formula and inputs of each KPI) and every report (period reports over from..to, as-of reports at asOf, default the period end; at most 500 rows drawn per report, the totals cover all). The same parameters give the same bytes.',
    mutates: false,
    input: z
      .object({ from: isoDate, to: isoDate, asOf: isoDate.optional(), warehouseId: id.optional(), category: z.string().trim().max(100).optional() })
      .refine((i) => i.from <= i.to, { message: 'The period must not end before it starts', path: ['to'] }),
    output: reportFile,
  }),
};

export const reportsApi = {
  ...reportsJournalApi,
  ...reportsTablesApi,
  'reports.kpis': def({
    summary:
      'Inventory KPIs for a period (from..to inclusive, UTC days), for everything or one item, category, warehouse or sales channel: turnover, DIO, sell-through, DSO, DPO, cash conversion cycle, GMROI, carrying cost, shrinkage, fill rate, stockout days, inventory record accuracy. Average inventory is the mean of the daily closing FIFO valuations; DSO and DPO use the mean of the daily closing receivables (sales invoices) and payables (supplier bills) in the same way (everything only: documents are not split by item, category, warehouse or channel). Per channel, the flows of its orders (revenue, COGS, units sold net of returns, gross margin, fill rate of its orders) are the channel\'s; the stock figures (average, opening and closing inventory, units received) stay the shared stock of the scope, and the KPIs built on stock (turnover, DIO, sell-through, GMROI, carrying cost, shrinkage, stockout days, accuracy) are null with the reason "stock is shared by all channels".',
    mutates: false,
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        itemId: id.optional(),
        category: z.string().trim().max(120).optional(),
        warehouseId: id.optional(),
        /** One sales channel (sales_orders.channel: 'manual', 'csv', 'shopify:3'…, or '(no order)' for stock issued without one). */
        channel: z.string().trim().min(1).max(120).optional(),
        /** Annual holding cost rate (% of average inventory value) for carrying cost; without it carrying cost is not computed. */
        holdingRatePct: z.number().nonnegative().max(1000).optional(),
        /** Fixed annual holding costs (rent, insurance…) in minor units, added to rate × average inventory. */
        fixedAnnualCostMinor: z.number().int().nonnegative().optional(),
      })
      .refine((i) => i.from <= i.to, { message: 'The period must not end before it starts', path: ['to'] }),
    output: z.object({
      from: isoDate,
      to: isoDate,
      days: z.number(),
      averageInventoryMinor: z.number().nullable(),
      openingValueMinor: z.number(),
      closingValueMinor: z.number(),
      cogsMinor: z.number(),
      revenueMinor: z.number(),
      unitsSold: z.number(),
      unitsReceived: z.number(),
      /** The channel asked for: cogs, revenue and units sold are its; the stock figures above are shared by all channels. */
      channel: z.string().optional(),
      kpis: z.array(kpiResult),
    }),
  }),
  'reports.valuation': def({
    summary: 'FIFO stock valuation as of a day close (YYYY-MM-DD, UTC) or an instant, rebuilt from the ledger history, grouped by item, location or category.',
    mutates: false,
    input: z.object({ asOf: dayOrInstant, groupBy: z.enum(['item', 'location', 'category']).default('item'), warehouseId: id.optional() }),
    output: z.object({
      asOf: z.string(),
      method: z.literal('fifo'),
      quantity: z.number(),
      valueMinor: z.number(),
      rows: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          itemId: z.number().nullable(),
          locationId: z.number().nullable(),
          category: z.string().nullable(),
          quantity: z.number(),
          valueMinor: z.number(),
        }),
      ),
    }),
  }),
};


