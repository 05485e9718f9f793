import { z } from 'zod';
import { id, isoDate } from './common';
import { def, patchOf } from './define';

export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/**
 * Non-product lines of a typical webshop export (postage, discounts, manual lines, fees, charity, carriage, samples,
 * bad-debt adjustments); a trailing * makes a prefix (gift vouchers gift_0001_10 …). Matched case-insensitively.
 */
export const DEFAULT_NON_PRODUCT_CODES = ['POST', 'D', 'M', 'DOT', 'BANK CHARGES', 'AMAZONFEE', 'CRUK', 'C2', 'PADS', 'S', 'B', 'gift_*'] as const;

/** A column by its header name (case-insensitive) or by its 0-based position. */
const column = z.union([z.string().trim().min(1), z.number().int().nonnegative()]);

export const columnMapping = z.object({
  sku: column,
  date: column,
  quantity: column,
  price: column.optional(),
  invoice: column.optional(),
  customer: column.optional(),
});
export type ColumnMapping = z.infer<typeof columnMapping>;

/** Where the CSV comes from: its text (any client), or a file path the core can read (desktop and hub host). */
const csvSource = {
  csv: z.string().optional(),
  path: z
    .string()
    .trim()
    .regex(/\.(csv|tsv|txt)(\.gz)?$/i, 'Give a .csv, .tsv or .txt file, optionally gzipped (.gz)')
    .optional(),
  delimiter: z.string().min(1).max(1).optional(),
  hasHeader: z.boolean().default(true),
};
const oneSource = (v: { csv?: string; path?: string }) => (v.csv === undefined) !== (v.path === undefined);
const oneSourceMessage = { message: 'Give either the CSV text (csv) or a file path (path), not both', path: ['csv'] };

const importOptions = z.object({
  ...csvSource,
  /** Name of the system the export comes from; re-importing a source replaces its days in the file's range. */
  source: z.string().trim().min(1).max(80).default('import'),
  mapping: columnMapping,
  dateFormat: z.enum(DATE_FORMATS),
  /** Invoices starting with this are cancellations (netted as returns); '' = none. */
  cancellationPrefix: z.string().max(10).default('C'),
  nonProductCodes: z.array(z.string().trim().min(1).max(60)).max(500).default([...DEFAULT_NON_PRODUCT_CODES]),
  /** Keep rows whose SKU is not in the catalogue (yet): they count for the item once it is created with that SKU. */
  keepUnknownSkus: z.boolean().default(true),
  /** The warehouse these sales shipped from, when the export is for one warehouse. */
  warehouseId: id.optional(),
  /** How many rejected rows to report in detail (all are counted). */
  maxErrors: z.number().int().min(0).max(10_000).default(100),
  /** Refuse the whole file if any row is rejected (nothing written). */
  strict: z.boolean().default(false),
  /** Parse and count only; write nothing. */
  dryRun: z.boolean().default(false),
});

export const rowError = z.object({ row: z.number(), field: z.string(), reason: z.string(), value: z.string().nullable() });
export type RowError = z.infer<typeof rowError>;

export const importSummary = z.object({
  importId: z.number().nullable(),
  source: z.string(),
  fileHash: z.string(),
  /** An earlier import of byte-identical content (informational: the import replaced its rows, it did not add to them). */
  sameContentAsImportId: z.number().nullable(),
  dryRun: z.boolean(),
  rowsSeen: z.number(),
  /** Sale, cancellation and return lines that reached the history. */
  rowsImported: z.number(),
  saleLines: z.number(),
  cancellationLines: z.number(),
  returnLines: z.number(),
  unitsSold: z.number(),
  unitsReturned: z.number(),
  nonProductSkipped: z.number(),
  nonProductByCode: z.record(z.string(), z.number()),
  /** Negative quantities at price 0 outside a cancellation: stock write-offs in the source system, not demand. */
  adjustmentsSkipped: z.number(),
  unknownSkuRows: z.number(),
  unknownSkus: z.number(),
  unknownSkusKept: z.boolean(),
  rejected: z.number(),
  rejectedByField: z.record(z.string(), z.number()),
  errors: z.array(rowError),
  historyRows: z.number(),
  replacedRows: z.number(),
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  ms: z.number(),
});
export type ImportSummary = z.infer<typeof importSummary>;

const previewRow = z.object({
  row: z.number(),
  values: z.array(z.string()),
  sku: z.string().nullable(),
  day: z.string().nullable(),
  quantity: z.number().nullable(),
  price: z.number().nullable(),
  kind: z.enum(['sale', 'cancellation', 'return', 'non-product', 'adjustment', 'rejected']),
  error: rowError.nullable(),
});

export const dailyDemand = z.object({
  day: z.string(),
  sold: z.number(),
  returned: z.number(),
  net: z.number(),
  importedSold: z.number(),
  importedReturned: z.number(),
  /** Units on hand in the item's bins at the end of the day; null before the ledger knew the item. */
  onHandEnd: z.number().nullable(),
  stockout: z.boolean(),
});
export type DailyDemand = z.infer<typeof dailyDemand>;

export const weeklyDemand = z.object({ start: z.string(), end: z.string(), sold: z.number(), returned: z.number(), net: z.number(), stockoutDays: z.number() });

const demandHistoryOut = z.object({
  itemId: id,
  sku: z.string(),
  warehouseId: z.number().nullable(),
  from: z.string().nullable(),
  to: z.string(),
  days: z.array(dailyDemand),
  weeks: z.array(weeklyDemand),
  totals: z.object({ sold: z.number(), returned: z.number(), net: z.number(), importedSold: z.number(), ledgerSold: z.number(), stockoutDays: z.number() }),
  explanation: z.string(),
});
export type DemandHistory = z.infer<typeof demandHistoryOut>;

/** One formula on screen: what it was fed, the method, the result and the sentence that shows the arithmetic. */
const explained = z.object({ method: z.string(), inputs: z.record(z.string(), z.unknown()), value: z.number().nullable(), explanation: z.string() });

export const SAFETY_STOCK_METHODS = ['service-level', 'classic'] as const;
export const SUGGESTION_RULES = ['order-up-to', 'eoq'] as const;

export const planningSettings = z.object({
  safetyStockMethod: z.enum(SAFETY_STOCK_METHODS),
  serviceLevels: z.object({ A: z.number().gt(0).lt(1), B: z.number().gt(0).lt(1), C: z.number().gt(0).lt(1) }),
  abcThresholds: z.object({ a: z.number().gt(0).lt(1), b: z.number().min(0).lt(1) }).refine((t) => t.a + t.b <= 1, { message: 'a + b must be at most 1' }),
  xyzThresholds: z.object({ x: z.number().positive(), y: z.number().positive() }).refine((t) => t.y >= t.x, { message: 'y must be at least x' }),
  /** S of the EOQ: cost of placing one order, minor units. */
  orderCostMinor: z.number().int().nonnegative(),
  /** H of the EOQ = this share of the unit cost per year. */
  holdingCostRate: z.number().positive().max(5),
  defaultLeadTimeDays: z.number().nonnegative().max(365),
  /** Measured lead time replaces the stated one from this many received PO lines. */
  minLeadTimeObservations: z.number().int().min(1).max(100),
  historyDays: z.number().int().min(28).max(3650),
  /** 'forecast': the chosen method's forecast per day drives ROP and EOQ; 'history': the plain average of the history. */
  demandBasis: z.enum(['forecast', 'history']),
  suggestionRule: z.enum(SUGGESTION_RULES),
  /** Relative move of ROP, safety stock or order quantity that flags an item for a person (0.3 = ±30%). */
  flagThreshold: z.number().positive().max(10),
  schedule: z.object({ enabled: z.boolean(), intervalMinutes: z.number().int().min(5).max(7 * 1440), atHour: z.number().int().min(0).max(23) }),
});
export type PlanningSettings = z.infer<typeof planningSettings>;

export const itemPlan = z.object({
  itemId: id,
  sku: z.string(),
  name: z.string(),
  warehouseId: z.number().nullable(),
  computedAt: z.string(),
  history: z.object({
    from: z.string().nullable(),
    to: z.string(),
    days: z.number(),
    weeks: z.number(),
    unitsSold: z.number(),
    unitsReturned: z.number(),
    importedUnits: z.number(),
    ledgerUnits: z.number(),
    stockoutDays: z.number(),
    daysUsed: z.number(),
    avgDaily: z.number(),
    sdDaily: z.number(),
    maxDaily: z.number(),
    explanation: z.string(),
  }),
  leadTime: z.object({
    stated: z.object({ days: z.number(), source: z.string() }).nullable(),
    measured: z.object({ count: z.number(), mean: z.number(), sd: z.number(), max: z.number() }).nullable(),
    used: z.object({ days: z.number(), sd: z.number(), max: z.number(), source: z.enum(['measured', 'stated', 'default']) }),
    explanation: z.string(),
  }),
  forecast: z.object({
    method: z.string(),
    params: z.record(z.string(), z.number()),
    mase: z.number().nullable(),
    rmsse: z.number().nullable(),
    horizonWeeks: z.number(),
    seasonLength: z.number().nullable(),
    pattern: z.string(),
    candidates: z.array(z.object({ method: z.string(), mase: z.number().nullable(), rmsse: z.number().nullable(), origins: z.number() })),
    weeklyForecast: z.array(z.number()),
    perDay: z.number(),
    explanation: z.string(),
  }),
  demand: z.object({ basis: z.enum(['forecast', 'history']), avgDaily: z.number(), sdDaily: z.number(), annual: z.number(), explanation: z.string() }),
  abc: z.object({ class: z.enum(['A', 'B', 'C']), revenueMinor: z.number(), share: z.number(), cumulativeShare: z.number(), explanation: z.string() }),
  xyz: z.object({ class: z.enum(['X', 'Y', 'Z']), cv: z.number().nullable(), explanation: z.string() }),
  serviceLevel: z.number(),
  safetyStock: explained.extend({ units: z.number() }),
  reorderPoint: explained.extend({ units: z.number() }),
  eoq: explained.extend({ orderQuantity: z.number(), unitCostMinor: z.number(), moq: z.number().nullable(), packSize: z.number().nullable() }),
  supplier: z.object({ id: z.number(), name: z.string() }).nullable(),
});
export type ItemPlan = z.infer<typeof itemPlan>;

const runSummary = z.object({ runId: id, trigger: z.enum(['manual', 'schedule']), items: z.number(), changed: z.number(), flagged: z.number(), ms: z.number(), errors: z.array(z.object({ itemId: id, message: z.string() })) });

const change = z.object({ id, runId: id, itemId: id, sku: z.string(), field: z.string(), oldValue: z.string().nullable(), newValue: z.string().nullable(), reason: z.string(), createdAt: z.string() });
const exception = z.object({
  id,
  runId: id,
  itemId: id,
  sku: z.string(),
  name: z.string(),
  field: z.string(),
  oldValue: z.number(),
  newValue: z.number(),
  changePct: z.number(),
  reason: z.string(),
  status: z.enum(['open', 'acknowledged']),
  createdAt: z.string(),
});

export const suggestion = z.object({
  /** Stable for an item and receiving warehouse: S-<itemId>-<warehouseId>. */
  id: z.string(),
  itemId: id,
  sku: z.string(),
  name: z.string(),
  onHand: z.number(),
  reserved: z.number(),
  onOrder: z.number(),
  inDraft: z.number(),
  position: z.number(),
  reorderPoint: z.number(),
  safetyStock: z.number(),
  orderQuantity: z.number(),
  suggestedQuantity: z.number(),
  moq: z.number().nullable(),
  packSize: z.number().nullable(),
  unitCostMinor: z.number(),
  explanation: z.string(),
});
export type Suggestion = z.infer<typeof suggestion>;

const ids = z.array(id).max(5000);

export const planningApi = {
  'planning.history.preview': def({
    summary: 'Parses the first 20 rows of a sales history CSV with a column mapping (guessed from the header when not given), for the import screen.',
    mutates: false,
    input: z
      .object({ ...csvSource, mapping: columnMapping.optional(), dateFormat: z.enum(DATE_FORMATS).optional(), cancellationPrefix: z.string().max(10).default('C'), nonProductCodes: z.array(z.string()).max(500).default([...DEFAULT_NON_PRODUCT_CODES]) })
      .refine(oneSource, oneSourceMessage),
    output: z.object({ headers: z.array(z.string()), mapping: columnMapping.partial(), dateFormat: z.enum(DATE_FORMATS).nullable(), dateFormatHint: z.string(), rows: z.array(previewRow) }),
  }),
  'planning.importHistory': def({
    summary:
      'Imports past sales (before Stockroom) from a CSV into the demand history, not the ledger: cancellations and returns netted, non-product lines skipped and counted, rejected rows reported with row, field and reason. Re-importing a source replaces its days.',
    mutates: true,
    input: importOptions.refine(oneSource, oneSourceMessage),
    output: importSummary,
  }),
  'planning.history.imports': def({
    summary: 'Past history imports with their counts, newest first.',
    mutates: false,
    input: z.object({ limit: z.number().int().positive().max(200).default(50) }).default({ limit: 50 }),
    output: z.array(importSummary.extend({ createdAt: z.string(), actor: z.string(), fileName: z.string().nullable() })),
  }),
  'planning.demandHistory': def({
    summary: 'Daily demand of an item (ledger sales net of returns, plus imported history before the ledger knew it), stockout days marked, and its weekly totals.',
    mutates: false,
    input: z.object({ itemId: id, warehouseId: id.optional(), from: isoDate.optional(), to: isoDate.optional() }),
    output: demandHistoryOut,
  }),
  'planning.item': def({
    summary: 'Everything the planning screen explains for one item: history, lead time, forecast method and accuracy, demand, ABC/XYZ, safety stock, reorder point and EOQ, each with its formula and numbers.',
    mutates: false,
    input: z.object({ itemId: id, warehouseId: id.optional() }),
    output: itemPlan,
  }),
  'planning.recompute': def({
    summary: 'Recomputes every active item now, stores the parameters, logs each change with its reason and flags big moves.',
    mutates: true,
    input: z.object({}).default({}),
    output: runSummary,
  }),
  'planning.params': def({
    summary: 'Current stored parameters per item (as the last recompute left them).',
    mutates: false,
    input: z.object({ itemId: id.optional(), limit: z.number().int().positive().max(5000).default(500), offset: z.number().int().nonnegative().default(0) }).default({ limit: 500, offset: 0 }),
    output: z.array(
      z.object({
        itemId: id,
        sku: z.string(),
        name: z.string(),
        computedAt: z.string(),
        method: z.string(),
        avgDaily: z.number(),
        leadTimeDays: z.number(),
        leadTimeSource: z.string(),
        serviceLevel: z.number(),
        safetyStock: z.number(),
        reorderPoint: z.number(),
        orderQuantity: z.number(),
        abc: z.string(),
        xyz: z.string(),
      }),
    ),
  }),
  'planning.changes': def({
    summary: 'The change log of planning parameters (item, field, old, new, reason), newest first.',
    mutates: false,
    input: z.object({ itemId: id.optional(), runId: id.optional(), limit: z.number().int().positive().max(1000).default(200) }).default({ limit: 200 }),
    output: z.array(change),
  }),
  'planning.exceptions': def({
    summary: 'Items whose numbers moved more than the threshold in a recompute, for a person to look at.',
    mutates: false,
    input: z.object({ status: z.enum(['open', 'acknowledged', 'all']).default('open'), limit: z.number().int().positive().max(1000).default(200) }).default({ status: 'open', limit: 200 }),
    output: z.array(exception),
  }),
  'planning.acknowledge': def({
    summary: 'Marks exceptions as seen by a person.',
    mutates: true,
    input: z.object({ ids: ids.min(1) }),
    output: z.object({ acknowledged: z.number() }),
  }),
  'planning.suggestions': def({
    summary: 'Items at or below their reorder point counting on hand, reserved and open POs, with the quantity to order, grouped by preferred supplier.',
    mutates: false,
    input: z.object({ warehouseId: id.optional() }).default({}),
    output: z.object({
      warehouseId: z.number(),
      generatedAt: z.string(),
      rule: z.enum(SUGGESTION_RULES),
      groups: z.array(z.object({ supplierId: z.number().nullable(), supplierName: z.string(), lines: z.array(suggestion), totalMinor: z.number() })),
      count: z.number(),
    }),
  }),
  'planning.createDraftPos': def({
    summary: 'Turns suggestions (by id or item) into draft purchase orders, one per preferred supplier.',
    mutates: true,
    input: z
      .object({ suggestionIds: z.array(z.string()).max(5000).optional(), itemIds: ids.optional(), warehouseId: id.optional() })
      .refine((v) => (v.suggestionIds?.length ?? 0) + (v.itemIds?.length ?? 0) > 0, { message: 'Give suggestionIds or itemIds', path: ['suggestionIds'] }),
    output: z.object({
      purchaseOrders: z.array(z.object({ id, number: z.string(), supplierId: id, supplierName: z.string(), lines: z.number(), units: z.number() })),
      skipped: z.array(z.object({ itemId: z.number().nullable(), suggestionId: z.string().nullable(), reason: z.string() })),
    }),
  }),
  'planning.settings.get': def({ summary: 'Planning settings.', mutates: false, input: z.object({}).default({}), output: planningSettings }),
  'planning.settings.update': def({ summary: 'Changes planning settings.', mutates: true, input: patchOf(planningSettings), output: planningSettings }),
  'planning.runs': def({
    summary: 'Recent recompute runs and when the next scheduled one is due.',
    mutates: false,
    input: z.object({ limit: z.number().int().positive().max(200).default(20) }).default({ limit: 20 }),
    output: z.object({
      nextRunAt: z.string().nullable(),
      runs: z.array(z.object({ id, trigger: z.string(), startedAt: z.string(), finishedAt: z.string(), items: z.number(), changed: z.number(), flagged: z.number(), ms: z.number(), actor: z.string() })),
    }),
  }),
};
