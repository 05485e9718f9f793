import { performance } from 'node:perf_hooks';
import type { ImportSummary, Output, ParsedInput, RowError } from '../../../shared/api';
import { fail } from '../../../shared/errors';
import type { CallContext, CoreDeps } from '../../core/context';
import { qb } from '../../db/sql';
import { warehouseById } from '../../locations/locations';
import { readCsv } from './csv-source';
import { makeClassifier, resolveColumns, walkCsv, type Columns } from './csv-rows';
import { formatsThatFit } from './dates';

interface DayAgg {
  day: string;
  sku: string;
  sold: number;
  returned: number;
  /** Major units (as written in the file); rounded to minor units once per day, not per line. */
  revenue: number;
  lines: number;
}

const insertHistory = (source: string, day: string, sku: string, warehouseId: number | null, sold: number, returned: number, revenue: number, lines: number, importId: number) =>
  qb.insertInto('demand_history').values({ source, day, sku, warehouse_id: warehouseId, qty_sold: sold, qty_returned: returned, revenue_minor: revenue, lines, import_id: importId });

type ImportInput = ParsedInput<'planning.importHistory'>;

/**
 * Past sales into the demand history. Parses and checks every row first, aggregating to one (day, SKU) total in
 * memory; only then writes, in one transaction: this source's rows for the days the file covers are replaced, so a
 * second import of the same export (or a longer one of the same system) leaves one copy of each day. A failure while
 * writing rolls the whole import back.
 */
export function importHistory(d: CoreDeps, ctx: CallContext, input: ImportInput): ImportSummary {
  const t0 = performance.now();
  if (input.warehouseId !== undefined) warehouseById(d.sql, input.warehouseId);
  const src = readCsv(input);

  // Catalogue SKUs, upper-cased: SKUs are unique without regard to case (items.sku is COLLATE NOCASE).
  const catalogue = new Map<string, string>();
  for (const r of d.sql.iterate(qb.selectFrom('items').select('sku'))) catalogue.set(r.sku.toUpperCase(), r.sku);

  const days = new Map<string, DayAgg>();
  const nonProductByCode: Record<string, number> = {};
  const rejectedByField: Record<string, number> = {};
  const errors: RowError[] = [];
  const unknown = new Set<string>();
  const s = {
    rowsSeen: 0,
    saleLines: 0,
    cancellationLines: 0,
    returnLines: 0,
    unitsSold: 0,
    unitsReturned: 0,
    nonProductSkipped: 0,
    adjustmentsSkipped: 0,
    unknownSkuRows: 0,
    rejected: 0,
  };
  const rejectRow = (e: RowError) => {
    s.rejected++;
    rejectedByField[e.field] = (rejectedByField[e.field] ?? 0) + 1;
    if (errors.length < input.maxErrors) errors.push(e);
  };

  let classify: ReturnType<typeof makeClassifier> | null = null;
  let cols: Columns | null = null;
  walkCsv(
    src.text,
    { delimiter: input.delimiter, hasHeader: input.hasHeader },
    (headers, width) => {
      cols = resolveColumns(input.mapping, headers, width);
      classify = makeClassifier(cols, input);
    },
    (row, rowNo, quoteError) => {
      s.rowsSeen++;
      if (quoteError) return rejectRow({ row: rowNo, field: '_row', reason: `Malformed CSV: ${quoteError}`, value: null });
      const c = classify!(row, rowNo);
      switch (c.kind) {
        case 'rejected':
          return rejectRow(c.error!);
        case 'non-product': {
          s.nonProductSkipped++;
          const code = c.sku!.toUpperCase();
          nonProductByCode[code] = (nonProductByCode[code] ?? 0) + 1;
          return;
        }
        case 'adjustment':
          s.adjustmentsSkipped++;
          return;
        case 'sale':
        case 'cancellation':
        case 'return': {
          const upper = c.sku!.toUpperCase();
          let sku = catalogue.get(upper);
          if (sku === undefined) {
            s.unknownSkuRows++;
            unknown.add(upper);
            if (!input.keepUnknownSkus) return;
            sku = c.sku!;
          }
          const key = `${c.day}\t${upper}`;
          let a = days.get(key);
          if (!a) days.set(key, (a = { day: c.day!, sku, sold: 0, returned: 0, revenue: 0, lines: 0 }));
          const q = c.quantity!;
          const price = c.price ?? 0;
          a.lines++;
          if (c.kind === 'sale') {
            s.saleLines++;
            s.unitsSold += q;
            a.sold += q;
            a.revenue += q * price;
          } else {
            if (c.kind === 'cancellation') s.cancellationLines++;
            else s.returnLines++;
            const back = Math.abs(q);
            s.unitsReturned += back;
            a.returned += back;
            a.revenue -= back * price;
          }
          return;
        }
      }
    },
  );
  if (!cols) fail('IMPORT_INVALID', 'The file is empty', { csv: 'Empty file' });

  if (input.strict && s.rejected > 0) {
    const e = errors[0]!;
    fail('IMPORT_INVALID', `Row ${e.row}, ${e.field}: ${e.reason} (${s.rejected} row(s) rejected; nothing was imported)`, { [`row ${e.row}.${e.field}`]: e.reason }, { errors, rejected: s.rejected });
  }

  let firstDay: string | null = null;
  let lastDay: string | null = null;
  for (const a of days.values()) {
    if (firstDay === null || a.day < firstDay) firstDay = a.day;
    if (lastDay === null || a.day > lastDay) lastDay = a.day;
  }
  const prior = d.sql.one(qb.selectFrom('history_imports').select('id').where('file_hash', '=', src.hash).orderBy('id', 'desc').limit(1));
  const summary: ImportSummary = {
    importId: null,
    source: input.source,
    fileHash: src.hash,
    sameContentAsImportId: prior?.id ?? null,
    dryRun: input.dryRun,
    rowsSeen: s.rowsSeen,
    rowsImported: s.saleLines + s.cancellationLines + s.returnLines,
    saleLines: s.saleLines,
    cancellationLines: s.cancellationLines,
    returnLines: s.returnLines,
    unitsSold: s.unitsSold,
    unitsReturned: s.unitsReturned,
    nonProductSkipped: s.nonProductSkipped,
    nonProductByCode,
    adjustmentsSkipped: s.adjustmentsSkipped,
    unknownSkuRows: s.unknownSkuRows,
    unknownSkus: unknown.size,
    unknownSkusKept: input.keepUnknownSkus,
    rejected: s.rejected,
    rejectedByField,
    errors,
    historyRows: days.size,
    replacedRows: 0,
    firstDay,
    lastDay,
    ms: 0,
  };
  if (input.dryRun) return { ...summary, ms: Math.round(performance.now() - t0) };

  const at = d.clock.now().toISOString();
  d.sql.tx(() => {
    const { warehouseId, csv: _csv, ...options } = input;
    const importId = d.sql.run(
      qb.insertInto('history_imports').values({
        source: input.source,
        file_name: src.fileName,
        file_hash: src.hash,
        options: JSON.stringify(options),
        warehouse_id: warehouseId ?? null,
        rows_seen: s.rowsSeen,
        rows_imported: summary.rowsImported,
        rejected: s.rejected,
        non_product_skipped: s.nonProductSkipped,
        unknown_sku_rows: s.unknownSkuRows,
        history_rows: days.size,
        replaced_rows: 0,
        first_day: firstDay,
        last_day: lastDay,
        summary: '{}',
        ms: 0,
        actor: ctx.actor,
        created_at: at,
      }),
    ).lastInsertRowid;
    summary.importId = importId;
    if (firstDay !== null && lastDay !== null) {
      summary.replacedRows = d.sql.run(qb.deleteFrom('demand_history').where('source', '=', input.source).where('day', '>=', firstDay).where('day', '<=', lastDay)).changes;
    }
    const wh = warehouseId ?? null;
    for (const a of days.values()) d.sql.pRun(insertHistory, input.source, a.day, a.sku, wh, a.sold, a.returned, Math.round(a.revenue * 100), a.lines, importId);
    summary.ms = Math.round(performance.now() - t0);
    d.sql.run(
      qb
        .updateTable('history_imports')
        .set({ replaced_rows: summary.replacedRows, ms: summary.ms, summary: JSON.stringify({ ...summary, errors: summary.errors.slice(0, 20) }) })
        .where('id', '=', importId),
    );
  });
  d.bus.emit('planning.changed', { reason: 'import', runId: null });
  return summary;
}

export function listImports(d: CoreDeps, limit: number): Output<'planning.history.imports'> {
  return d.sql
    .all(qb.selectFrom('history_imports').select(['summary', 'created_at', 'actor', 'file_name']).orderBy('id', 'desc').limit(limit))
    .map((r) => ({ ...(JSON.parse(r.summary) as ImportSummary), createdAt: r.created_at, actor: r.actor, fileName: r.file_name }));
}

const GUESS: Array<[keyof Columns, RegExp]> = [
  ['sku', /^(sku|stock ?code|item ?(code|no|number)?|product ?(code|id)?|article)$/i],
  ['date', /date|^day$|time/i],
  ['quantity', /^(qty|quantity|units|amount)$/i],
  ['price', /price/i],
  ['invoice', /invoice|order ?(no|number|id)?$/i],
  ['customer', /customer|client/i],
];

/** The first 20 rows with a mapping (the one given, or one guessed from the header), for the import screen. */
export function previewHistory(input: ParsedInput<'planning.history.preview'>): Output<'planning.history.preview'> {
  const src = readCsv(input);
  let headers: string[] = [];
  const raw: Array<{ row: string[]; rowNo: number }> = [];
  walkCsv(
    src.text,
    { delimiter: input.delimiter, hasHeader: input.hasHeader, preview: 21 },
    (h, width) => (headers = h ?? Array.from({ length: width }, (_, i) => `Column ${i}`)),
    (row, rowNo) => {
      if (raw.length < 20) raw.push({ row, rowNo });
    },
  );
  const mapping: Partial<Record<keyof Columns, string | number>> = { ...input.mapping };
  if (!input.mapping) {
    for (const [field, re] of GUESS) {
      const i = headers.findIndex((h, idx) => re.test(h) && !Object.values(mapping).includes(input.hasHeader ? headers[idx]! : idx));
      if (i >= 0) mapping[field] = input.hasHeader ? headers[i]! : i;
    }
  }
  const dateSamples = (() => {
    try {
      const c = resolveColumns({ sku: 0, quantity: 0, ...mapping, date: mapping.date ?? 0 } as never, input.hasHeader ? headers : null, headers.length);
      return raw.map((r) => r.row[c.date] ?? '');
    } catch {
      return [];
    }
  })();
  const fit = formatsThatFit(dateSamples);
  const dateFormat = input.dateFormat ?? (fit.length === 1 ? fit[0]! : fit.includes('YYYY-MM-DD') ? 'YYYY-MM-DD' : null);
  const dateFormatHint =
    fit.length === 0
      ? 'No date format fits every sample row: check the date column.'
      : fit.length === 1
        ? `Dates read as ${fit[0]}.`
        : `The sample fits ${fit.join(' and ')}: choose one (03/04 is 3 April in DD/MM, 4 March in MM/DD).`;
  let classify: ReturnType<typeof makeClassifier> | null = null;
  if (mapping.sku !== undefined && mapping.date !== undefined && mapping.quantity !== undefined && dateFormat) {
    const cols = resolveColumns(mapping as never, input.hasHeader ? headers : null, headers.length);
    classify = makeClassifier(cols, { dateFormat, cancellationPrefix: input.cancellationPrefix, nonProductCodes: input.nonProductCodes });
  }
  return {
    headers,
    mapping,
    dateFormat,
    dateFormatHint,
    rows: raw.map(({ row, rowNo }) => {
      const c = classify?.(row, rowNo);
      return { row: rowNo, values: row, sku: c?.sku ?? null, day: c?.day ?? null, quantity: c?.quantity ?? null, price: c?.price ?? null, kind: c?.kind ?? 'rejected', error: c?.error ?? null };
    }),
  };
}
