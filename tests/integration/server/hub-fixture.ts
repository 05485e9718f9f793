import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { startHub, type Hub } from '../../../src/main/server/hub';
import { TestClock, tmpDir } from '../../helpers/core';

export interface TestHub extends Hub {
  dataDir: string;
  rendererDir: string;
  /** A device token minted for the test. */
  token: string;
}

/** A tiny stand-in for the built UI, so static serving is tested without a renderer build. */
export function fakeRenderer(dir: string): string {
  const r = path.join(dir, 'renderer');
  fs.mkdirSync(path.join(r, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(r, 'index.html'), '<!doctype html><html><head><title>Stockroom</title></head><body><div id="root"></div></body></html>');
  fs.writeFileSync(path.join(r, 'assets', 'app-abc123.js'), 'console.log("app");');
  fs.writeFileSync(path.join(r, 'assets', 'app-abc123.css'), 'body{margin:0}');
  return r;
}

/** The data folder is removed on close when the fixture made it, unless `keepDataDir` (a restart test reuses it). */
export async function startTestHub(opts: { dataDir?: string; heartbeatMs?: number; keepDataDir?: boolean; removeDataDir?: boolean } = {}): Promise<TestHub> {
  const dataDir = opts.dataDir ?? tmpDir('stockroom-hub-');
  const remove = opts.removeDataDir ?? (opts.dataDir === undefined && !opts.keepDataDir);
  const rendererDir = fakeRenderer(dataDir);
  const hub = await startHub({ dataDir, port: 0, host: '127.0.0.1', rendererDir, clock: new TestClock(), log: () => {}, heartbeatMs: opts.heartbeatMs });
  const close = hub.close;
  return Object.assign(hub, {
    dataDir,
    rendererDir,
    token: hub.mintToken('vitest-scanner'),
    async close() {
      await close();
      if (remove) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** POST /api/<method> with JSON, as an API client would. */
export async function call(hub: { url: string }, method: string, input: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${hub.url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { ok: boolean; value?: any; error?: { code: string; message: string; fields?: Record<string, string> } } };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Calls with a valid token and fails the test on a refusal. */
export async function ok(hub: TestHub, method: string, input: unknown): Promise<any> {
  const r = await call(hub, method, input, bearer(hub.token));
  if (!r.body.ok) throw new Error(`${method} refused: ${r.status} ${JSON.stringify(r.body.error)}`);
  return r.body.value;
}

/** Row counts read through a second, independent connection: what is really on disk, not what the hub says. */
export function diskCounts(dbPath: string) {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    const n = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { items: n('items'), movements: n('movements'), operations: n('operations'), warehouses: n('warehouses'), settings: n('settings') };
  } finally {
    db.close();
  }
}

/** A warehouse, one bin and one item, made through the API. */
export async function seed(hub: TestHub) {
  const wh = await ok(hub, 'locations.createWarehouse', { code: 'MAIN', name: 'Main' });
  const a1 = await ok(hub, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const a2 = await ok(hub, 'locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-02' });
  const mug = await ok(hub, 'catalog.create', { sku: 'MUG-1', name: 'Enamel mug', barcodes: [{ code: '4006381333931' }] });
  return { wh, a1, a2, mug };
}

/**
 * A raw request through node:http, which (unlike fetch) lets a test set Host, and shows the exact status and headers.
 */
export function rawRequest(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}
