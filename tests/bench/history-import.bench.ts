import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { CallContext } from '../../src/main/core/context';
import { createCore } from '../../src/main/core/core';
import type { ImportSummary } from '../../src/shared/api';
import type { Bench, BenchRow } from './bench-kit';

/** The real UCI Online Retail export (541,909 rows), next to the repository as ../shared/data. */
export const UCI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/online_retail/online_retail.csv.gz');
const CTX: CallContext = { actor: 'bench', device: 'bench' };

export const UCI_IMPORT = {
  path: UCI_FILE,
  source: 'uci-online-retail',
  dateFormat: 'YYYY-MM-DD',
  mapping: { sku: 'StockCode', date: 'InvoiceDate', quantity: 'Quantity', price: 'UnitPrice', invoice: 'InvoiceNo', customer: 'CustomerID' },
} as const;

/** Issue 6: the whole file into the demand history in under 30 s; then again, which replaces rather than adds. */
export const historyImportBench: Bench = {
  name: 'history-import',
  async run(ctx) {
    if (!fs.existsSync(UCI_FILE)) {
      ctx.log(`skipped: ${UCI_FILE} not found`);
      return [];
    }
    const core = createCore({ file: path.join(ctx.dir('history'), 'stockroom.db'), host: 'test', log: () => {} });
    try {
      const rows: BenchRow[] = [];
      for (const pass of ['first', 'again'] as const) {
        const t0 = performance.now();
        const r = core.router.call('planning.importHistory', UCI_IMPORT, CTX);
        const s = (performance.now() - t0) / 1000;
        if (!r.ok) throw new Error(`import refused: ${r.error.code} ${r.error.message}`);
        const v = r.value as ImportSummary;
        ctx.log(`${pass}: ${v.rowsSeen} rows in ${s.toFixed(2)} s (${Math.round(v.rowsSeen / s)} rows/s): ${v.historyRows} day×SKU rows, ${v.cancellationLines} cancellations, ${v.nonProductSkipped} non-product, ${v.rejected} rejected, ${v.replacedRows} replaced`);
        rows.push({ name: `history import, UCI file (${pass})`, value: s, unit: 's', target: { op: '<=', value: 30 }, note: `${v.rowsSeen.toLocaleString('en-GB')} rows` });
        rows.push({ name: `history import rate (${pass})`, value: v.rowsSeen / s, unit: 'rows/s', target: null });
      }
      return rows;
    } finally {
      core.close();
    }
  },
};
