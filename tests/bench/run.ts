/**
 * `npm run bench`: throughput and latency on this machine, on real files in the temp folder with the production
 * pragmas (WAL, synchronous=FULL). Each bench is its own file exporting a `Bench`; add new ones to BENCHES.
 * `npm run bench -- search` runs only the named benches.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatTable, makeContext, passes, type Bench, type BenchRow } from './bench-kit';
import { benchScreenBench } from './bench-screen.bench';
import { dashboardBench } from './dashboard.bench';
import { channelsBench } from './channels.bench';
import { historyImportBench } from './history-import.bench';
import { httpBench } from './http.bench';
import { ledgerBench } from './ledger.bench';
import { searchBench } from './search.bench';

// Order matters: http reports itself against the core figure from ledger.
const BENCHES: Bench[] = [ledgerBench, httpBench, searchBench, historyImportBench, benchScreenBench, channelsBench, dashboardBench];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const chosen = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  if (chosen.length === 0) {
    console.error(`No bench named ${only.join(', ')}; there are: ${BENCHES.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const ctx = makeContext();
  const rows: BenchRow[] = [];
  const t0 = performance.now();
  console.error(`Stockroom bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, node ${process.version}, temp ${os.tmpdir()}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  try {
    for (const b of chosen) {
      console.error(`${b.name}:`);
      rows.push(...(await b.run(ctx)));
    }
  } finally {
    ctx.cleanup();
  }
  console.log(formatTable(rows));
  const missed = rows.filter((r) => passes(r) === false);
  console.log(
    `\n${rows.filter((r) => passes(r) === true).length} PASS, ${missed.length} MISS, in ${((performance.now() - t0) / 1000).toFixed(0)} s; load average now ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} CPUs`,
  );
  // A miss is a finding to report, not a crash: the exit code stays 0 unless a bench itself failed.
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
