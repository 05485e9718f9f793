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

export const reportsApi = {
  ...reportsJournalApi,
  'reports.kpis': def({
    summary:
      'Inventory KPIs for a period (from..to inclusive, UTC days), for everything or one item, category or warehouse: turnover, DIO, sell-through, DSO, DPO, cash conversion cycle, GMROI, carrying cost, shrinkage, fill rate, stockout days. Average inventory is the mean of the daily closing FIFO valuations.',
    mutates: false,
    input: z
      .object({
        from: isoDate,
        to: isoDate,
        itemId: id.optional(),
        category: z.string().trim().max(120).optional(),
        warehouseId: id.optional(),
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

