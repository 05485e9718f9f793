import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError, type PushOp } from '../../../src/main/channels/connector';
import { createFileConnector, parseFeedCsv, renderFeedCsv, writeFileAtomic } from '../../../src/main/channels/connectors/file';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-feed-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const op = (ref: string, quantity: number): PushOp => ({ ref, quantity, expected: null, idempotencyKey: `k-${ref}-${quantity}` });

describe('renderFeedCsv', () => {
  it('writes header sku,quantity, rows sorted by SKU, byte-identical for the same rows in any order', () => {
    const rows = [
      { sku: 'b-2', quantity: 3 },
      { sku: 'A-10', quantity: 0 },
      { sku: 'a-1', quantity: 12 },
      { sku: 'Z,comma', quantity: 1 },
      { sku: 'é-accent', quantity: 5 },
    ];
    const a = renderFeedCsv(rows);
    const b = renderFeedCsv([...rows].reverse());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect(a).toBe('sku,quantity\r\nA-10,0\r\n"Z,comma",1\r\na-1,12\r\nb-2,3\r\né-accent,5\r\n');
    // A SKU listed twice keeps its last quantity.
    expect(renderFeedCsv([{ sku: 'X', quantity: 1 }, { sku: 'X', quantity: 4 }])).toBe('sku,quantity\r\nX,4\r\n');
    expect(renderFeedCsv([])).toBe('sku,quantity\r\n');
    // What it writes reads back the same.
    expect(parseFeedCsv(a).sort((x, y) => (x.sku < y.sku ? -1 : 1))).toEqual([...rows].sort((x, y) => (x.sku < y.sku ? -1 : 1)));
  });
});

describe('file connector', () => {
  it('declares its capabilities and pulls no orders', async () => {
    const c = createFileConnector({ feedPath: path.join(dir, 'feed.csv') });
    expect(c.kind).toBe('file');
    expect(c.caps).toEqual({ maxBatch: 10000, compareAndSet: false, idempotencyKeys: false, pullsOrders: false });
    const pages = [];
    for await (const p of c.pullOrders(null)) pages.push(p);
    expect(pages).toEqual([]);
    expect(await c.locations()).toEqual([]);
    expect(await c.test()).toEqual({ shopName: 'File feed feed.csv' });
  });

  it('writes the whole feed on each push, keeps quantities, lists the SKUs', async () => {
    const feed = path.join(dir, 'feed.csv');
    const c = createFileConnector({ feedPath: feed });
    expect(await c.pushStock([op('SKU-B', 4), op('SKU-A', 2)])).toEqual([
      { ref: 'SKU-B', ok: true, quantity: 4 },
      { ref: 'SKU-A', ok: true, quantity: 2 },
    ]);
    expect(fs.readFileSync(feed, 'utf8')).toBe('sku,quantity\r\nSKU-A,2\r\nSKU-B,4\r\n');
    expect(await c.pushStock([op('SKU-A', 0), op('SKU-C', 9)])).toHaveLength(2);
    expect(fs.readFileSync(feed, 'utf8')).toBe('sku,quantity\r\nSKU-A,0\r\nSKU-B,4\r\nSKU-C,9\r\n');
    expect((await c.listings()).map((l) => [l.ref, l.sku, l.available])).toEqual([
      ['SKU-A', 'SKU-A', 0],
      ['SKU-B', 'SKU-B', 4],
      ['SKU-C', 'SKU-C', 9],
    ]);
    expect(await c.readStock(['SKU-B', 'NOPE'])).toEqual(new Map([['SKU-B', 4]]));
    // Bad ops are refused one by one; the good ones still land.
    const out = await c.pushStock([op('', 1), op('SKU-D', -2), op('SKU-E', 1.5), op('SKU-F', 1)]);
    expect(out.map((o) => o.ok)).toEqual([false, false, false, true]);
    expect(fs.readFileSync(feed, 'utf8')).toContain('SKU-F,1\r\n');
    expect(fs.readFileSync(feed, 'utf8')).not.toContain('SKU-D');
    // No temporary files left behind.
    expect(fs.readdirSync(dir)).toEqual(['feed.csv']);
  });

  it('after a restart, the next push keeps the SKUs already in the feed', async () => {
    const feed = path.join(dir, 'feed.csv');
    await createFileConnector({ feedPath: feed }).pushStock([op('A', 1), op('B', 2)]);
    const again = createFileConnector({ feedPath: feed });
    await again.pushStock([op('B', 5)]);
    expect(fs.readFileSync(feed, 'utf8')).toBe('sku,quantity\r\nA,1\r\nB,5\r\n');
    expect((await again.listings()).map((l) => l.ref)).toEqual(['A', 'B']);
  });

  it('writes atomically: a reader polling the feed during many pushes only ever sees a whole feed', async () => {
    const feed = path.join(dir, 'feed.csv');
    const c = createFileConnector({ feedPath: feed });
    const skus = Array.from({ length: 3000 }, (_, i) => `SKU-${String(i).padStart(5, '0')}`);
    await c.pushStock(skus.map((s) => op(s, 1)));
    const whole = (text: string): boolean => {
      const lines = text.split('\r\n');
      return lines[0] === 'sku,quantity' && lines.at(-1) === '' && lines.length === skus.length + 2 && lines.slice(1, -1).every((l) => /^SKU-\d{5},\d+$/.test(l));
    };
    let reads = 0;
    let bad = 0;
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        const text = fs.readFileSync(feed, 'utf8');
        reads++;
        if (!whole(text)) bad++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let round = 2; round < 12; round++) await c.pushStock(skus.map((s) => op(s, round)));
    stop = true;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(bad).toBe(0);
    expect(fs.readFileSync(feed, 'utf8').split('\r\n')[1]).toBe('SKU-00000,11');

    // writeFileAtomic itself: the target holds the old content until the rename.
    const target = path.join(dir, 'x.csv');
    fs.writeFileSync(target, 'old');
    await writeFileAtomic(target, 'new content');
    expect(fs.readFileSync(target, 'utf8')).toBe('new content');
  });

  it('a feed that cannot be written → unavailable, and the quantities stay as before', async () => {
    const feed = path.join(dir, 'missing-folder', 'feed.csv');
    const c = createFileConnector({ feedPath: feed });
    await expect(c.test()).rejects.toMatchObject({ kind: 'config' });
    const e = await c.pushStock([op('A', 1)]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ChannelError);
    expect((e as ChannelError).kind).toBe('unavailable');
    expect((e as ChannelError).message).toContain('missing-folder');
    expect(await c.readStock(['A'])).toEqual(new Map());
  });

  it('without a feed path, keeps quantities in memory only', async () => {
    const c = createFileConnector({});
    await c.pushStock([op('M', 3)]);
    expect(await c.readStock(['M'])).toEqual(new Map([['M', 3]]));
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
