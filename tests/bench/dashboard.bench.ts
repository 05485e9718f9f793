/**
 * The dashboard over the demo warehouse (a year of real demand, ~45,000 movements) on a hub started with --demo:
 * (1) reports.dashboard over HTTP: the first call (nothing cached), 20 repeated calls, and 10 calls each right after a
 *     stock movement (the case of a live dashboard: the change invalidates the cached valuation replay);
 * (2) in Chromium: from navigation start to the KPI tiles in the DOM, right after a movement (the hub replays the
 *     history), then 5 reloads; the first visit through the sign-in link is reported without a target.
 * Planning is recomputed first (as the nightly run would have), so the ABC split and reorder alerts are the real ones.
 * The browser part needs the build (npx electron-vite build) and /usr/bin/chromium; without them it is skipped.
 */
import { chromium, type Browser } from '@playwright/test';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startHub, type Hub } from '../../src/main/server/hub';
import { percentile, type Bench, type BenchRow } from './bench-kit';

const RENDERER = fileURLToPath(new URL('../../out/renderer', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
const REPEATS = 20;
const AFTER_CHANGE = 10;
const RELOADS = 5;
const TARGET = { op: '<=' as const, value: 1000 };

declare global {
  interface Window {
    __tilesAt?: number;
  }
}

function post(agent: http.Agent, port: number, token: string, method: string, input: unknown): Promise<{ ms: number; bytes: number; value: unknown }> {
  const body = JSON.stringify(input);
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: '127.0.0.1', port, method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Authorization: `Bearer ${token}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const ms = performance.now() - t0;
          const r = JSON.parse(text) as { ok: boolean; value?: unknown; error?: { message: string } };
          if (res.statusCode === 200 && r.ok) resolve({ ms, bytes: Buffer.byteLength(text), value: r.value });
          else reject(new Error(`${method}: HTTP ${res.statusCode} ${text.slice(0, 300)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const utcDay = (plus = 0) => new Date(Date.now() + plus * 86_400_000).toISOString().slice(0, 10);

export const dashboardBench: Bench = {
  name: 'dashboard',
  async run(ctx) {
    const dir = ctx.dir('dashboard');
    const hasUi = fs.existsSync(path.join(RENDERER, 'index.html'));
    ctx.log('seeding the demo warehouse (a year of history)…');
    const hub: Hub = await startHub({ dataDir: path.join(dir, 'data'), port: 0, host: '127.0.0.1', demo: true, rendererDir: hasUi ? RENDERER : dir, log: () => {} });
    let browser: Browser | null = null;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    try {
      if (!hub.demo?.seeded) throw new Error(`The demo was not seeded: ${hub.demo?.reason ?? 'unknown'}`);
      // The nightly recompute is run now, not in the middle of a measurement.
      hub.core.planningScheduler.stop();
      const token = hub.mintToken('bench');
      const call = (method: string, input: unknown) => post(agent, hub.port, token, method, input);
      await call('planning.recompute', {});
      const year = { from: utcDay(-364), to: utcDay() };
      const month = { from: utcDay(-29), to: utcDay() };

      ctx.log(`reports.dashboard over HTTP (${hub.demo.movements} movements)…`);
      const cold = await call('reports.dashboard', year);
      const coreMs = (cold.value as { ms: number }).ms;
      const warm: number[] = [];
      for (let i = 0; i < REPEATS; i++) warm.push((await call('reports.dashboard', year)).ms);
      warm.sort((a, b) => a - b);
      // A live dashboard refreshes after stock moves: each movement makes the next call replay the history again.
      const balances = (await call('stock.balances', {})).value as Array<{ itemId: number; locationId: number; available: number }>;
      const cell = balances.find((b) => b.available > 2);
      if (!cell) throw new Error('The demo has no stock to adjust');
      const item = { id: cell.itemId };
      const bin = { id: cell.locationId };
      const changed: number[] = [];
      for (let i = 0; i < AFTER_CHANGE; i++) {
        await call('stock.adjust', { itemId: item.id, locationId: bin.id, quantity: i % 2 === 0 ? 1 : -1, reason: 'count_correction', note: 'bench' });
        changed.push((await call('reports.dashboard', month)).ms);
      }
      changed.sort((a, b) => a - b);
      const rows: BenchRow[] = [
        { name: 'Dashboard API, first call (12 months, HTTP)', value: cold.ms, unit: 'ms', target: TARGET, note: `core ${coreMs} ms, ${(cold.bytes / 1024).toFixed(0)} KiB JSON` },
        { name: 'Dashboard API p50 (12 months, repeated)', value: percentile(warm, 50), unit: 'ms', target: TARGET, note: `${REPEATS} calls` },
        { name: 'Dashboard API p95 (12 months, repeated)', value: percentile(warm, 95), unit: 'ms', target: TARGET, note: `max ${warm.at(-1)!.toFixed(0)} ms` },
        { name: 'Dashboard API p50 (30 days, after a movement)', value: percentile(changed, 50), unit: 'ms', target: TARGET, note: `${AFTER_CHANGE} calls, each replaying the history` },
        { name: 'Dashboard API p95 (30 days, after a movement)', value: percentile(changed, 95), unit: 'ms', target: TARGET, note: `max ${changed.at(-1)!.toFixed(0)} ms` },
      ];

      if (!hasUi) ctx.log(`browser part skipped: ${RENDERER}/index.html is missing; run "npx electron-vite build" first`);
      else if (!fs.existsSync(CHROMIUM)) ctx.log(`browser part skipped: no Chromium at ${CHROMIUM}`);
      else {
        ctx.log('dashboard page in Chromium…');
        browser = await chromium.launch({
          executablePath: CHROMIUM,
          headless: true,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        });
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        // Stamps the moment the first KPI tile is in the DOM, relative to the navigation's start.
        await page.addInitScript(() => {
          new MutationObserver((_, obs) => {
            if (document.querySelector('[data-testid="kpi-tile"]')) {
              window.__tilesAt = performance.now();
              obs.disconnect();
            }
          }).observe(document, { subtree: true, childList: true });
        });
        // Sign-in lands on the dashboard (a first visit: nothing in the browser's cache); reported, no target.
        await page.goto(hub.newSigninUrl());
        await page.waitForFunction(() => window.__tilesAt !== undefined, undefined, { timeout: 30_000 });
        const signin = await page.evaluate(() => window.__tilesAt!);
        const load = async () => {
          await page.reload();
          await page.waitForFunction(() => window.__tilesAt !== undefined, undefined, { timeout: 30_000 });
          return page.evaluate(() => window.__tilesAt!);
        };
        // A movement, so the page's call replays the history (nothing cached on the hub).
        await call('stock.adjust', { itemId: item.id, locationId: bin.id, quantity: -1, reason: 'count_correction', note: 'bench' });
        const cold = await load();
        const again: number[] = [];
        for (let i = 0; i < RELOADS; i++) again.push(await load());
        again.sort((a, b) => a - b);
        rows.push(
          { name: 'Dashboard page to KPI tiles, after a movement (Chromium)', value: cold, unit: 'ms', target: TARGET, note: 'navigation start → tiles in the DOM; the hub replays the history' },
          { name: 'Dashboard page to KPI tiles, reload p50 (Chromium)', value: percentile(again, 50), unit: 'ms', target: TARGET, note: `${RELOADS} reloads, max ${again.at(-1)!.toFixed(0)} ms` },
          { name: 'Dashboard page to KPI tiles, first visit via sign-in link', value: signin, unit: 'ms', target: null, note: 'sign-in redirect, empty browser cache' },
        );
      }
      return rows;
    } finally {
      agent.destroy();
      await browser?.close();
      await hub.close();
    }
  },
};
