import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src/main/core/core';
import { channelCore, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';
import { TestClock, tmpDir } from '../../helpers/core';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

describe('channel listings and locations', () => {
  it('suggests by SKU then barcode, maps by hand, and offers only the stock of the warehouse a location maps to', async () => {
    const fake = new MemoryChannel();
    fake.locations = [
      { ref: 'gid://Location/1', name: 'Main warehouse' },
      { ref: 'gid://Location/2', name: 'Pop-up store' },
    ];
    fake.addListing('I1@L1', { sku: 'MUG-1', locationRef: 'gid://Location/1', qty: 0 });
    fake.addListing('I1@L2', { sku: 'MUG-1', locationRef: 'gid://Location/2', qty: 0 });
    fake.addListing('I2@L1', { sku: 'mug-old', barcode: '04006381333931', locationRef: 'gid://Location/1', qty: 0 });
    fake.addListing('I3@L1', { sku: 'NOPE', locationRef: 'gid://Location/1', qty: 0 });
    const c = channelCore({ A: fake });
    open.push(c);
    const { mug, cup } = seedStock(c);
    const wh2 = c.ok('locations.createWarehouse', { code: 'POP', name: 'Pop-up' });
    const p1 = c.ok('locations.create', { warehouseId: wh2.id, kind: 'bin', code: 'P-01' });
    c.ok('stock.receive', { itemId: mug.id, locationId: p1.id, quantity: 5 });
    const ch = c.ok('channels.create', { kind: 'shopify', name: 'Shop', config: { fake: 'A' } });
    await c.channels.refreshListings(ch.id);

    const locs = c.ok('channels.locations', { channelId: ch.id });
    // "Main warehouse" matched the warehouse of that name; the pop-up store is left for a person.
    expect(locs.map((l) => [l.name, l.warehouseCode])).toEqual([
      ['Main warehouse', 'MAIN'],
      ['Pop-up store', null],
    ]);
    const sug = c.ok('channels.listings', { channelId: ch.id, filter: 'suggested' }).rows;
    expect(sug.map((l) => [l.ref, l.suggestedSku])).toEqual([
      ['I1@L1', 'MUG-1'],
      ['I1@L2', 'MUG-1'],
      ['I2@L1', 'MUG-1'],
    ]);
    expect(c.ok('channels.get', { id: ch.id }).counts).toMatchObject({ listings: 4, mapped: 0, unmapped: 4, suggested: 3 });
    // I2@L1 (by barcode) is the same item at the same location as I1@L1: mapping both would offer the 10 twice, so it
    // stays a suggestion (review: duplicate listings).
    expect(c.ok('channels.acceptSuggestions', { channelId: ch.id, listingIds: [sug[0].id, sug[1].id, sug[2].id] }).mapped).toBe(2);
    const mapped = c.ok('channels.listings', { channelId: ch.id, filter: 'mapped' }).rows;
    expect(mapped.map((l) => [l.ref, l.mappedBy, l.desiredQty])).toEqual([
      ['I1@L1', 'sku', 10],
      ['I1@L2', 'sku', null], // location not mapped: not managed
    ]);
    expect(c.ok('channels.listings', { channelId: ch.id, filter: 'suggested' }).rows.map((l) => l.ref)).toEqual(['I2@L1']);
    const nope = c.ok('channels.listings', { channelId: ch.id, filter: 'unmapped' }).rows[0];
    expect(c.ok('channels.mapListing', { listingId: nope.id, itemId: cup.id })).toMatchObject({ mappedBy: 'manual', itemSku: 'CUP-1', desiredQty: 0 });

    const r = await c.channels.syncOnce(ch.id);
    expect(r.error).toBeNull();
    expect(fake.stock.get('I1@L1')).toBe(10);
    expect(fake.stock.get('I1@L2')).toBe(0);

    // Map the pop-up store to the POP warehouse: its listing now offers the 5 there.
    c.ok('channels.mapLocation', { locationId: locs[1].id, warehouseId: wh2.id });
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('I1@L2')).toBe(5);
    expect(fake.stock.get('I1@L1')).toBe(10);

    // Unmapping a listing removes it from the queue and from the counts.
    c.ok('channels.mapListing', { listingId: nope.id, itemId: null });
    expect(c.ok('channels.get', { id: ch.id }).counts.mapped).toBe(2);
    const bad = c.call('channels.mapListing', { listingId: 9999, itemId: null });
    expect(bad.ok ? null : bad.error.code).toBe('UNKNOWN_LISTING');
  });
});

describe('file channel', () => {
  it('lists every item, writes the quantity feed, and imports an order CSV once', async () => {
    const dir = tmpDir('stockroom-filech-');
    const core = createCore({ file: path.join(dir, 'stockroom.db'), clock: new TestClock(), host: 'test', log: () => {} });
    try {
      const call = <T>(m: string, i: unknown): T => {
        const r = core.router.call(m, i, { actor: 't', device: 'v' });
        if (!r.ok) throw new Error(`${m}: ${r.error.message}`);
        return r.value as T;
      };
      const wh = call<{ id: number }>('locations.createWarehouse', { code: 'MAIN', name: 'Main' });
      const bin = call<{ id: number }>('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
      const mug = call<{ id: number }>('catalog.create', { sku: 'MUG-1', name: 'Mug' });
      call('catalog.create', { sku: 'CUP-1', name: 'Cup' });
      call('stock.receive', { itemId: mug.id, locationId: bin.id, quantity: 6 });
      const ch = call<{ id: number }>('channels.create', { kind: 'file', name: 'Market Place', config: {}, rules: { sharePct: 50 } });
      const res = await core.channels.refreshListings(ch.id);
      expect(res).toEqual({ locations: 0, listings: 0 });
      expect(call<{ counts: { mapped: number } }>('channels.get', { id: ch.id }).counts.mapped).toBe(2);
      await core.channels.syncOnce(ch.id);
      const feed = fs.readFileSync(path.join(dir, `channel-${ch.id}-feed.csv`), 'utf8');
      expect(feed).toBe('sku,quantity\r\nCUP-1,0\r\nMUG-1,3\r\n');
      expect(call<{ csv: string; filename: string }>('channels.feedCsv', { id: ch.id })).toMatchObject({ csv: feed, filename: 'market-place-quantities.csv' });

      const csv = 'order_id,sku,quantity,customer_name,address1,city,postal_code,country\nM-1,MUG-1,2,Ada,1 High St,London,N1 1AA,GB\n';
      const first = call<{ created: number }>('channels.importOrdersCsv', { channelId: ch.id, csv });
      expect(first.created).toBe(1);
      const again = call<{ created: number; skipped: number }>('channels.importOrdersCsv', { channelId: ch.id, csv });
      expect(again).toMatchObject({ created: 0, skipped: 1 });
      const bad = core.router.call('channels.importOrdersCsv', { channelId: ch.id, csv: 'order_id,sku\nX,MUG-1\n' }, { actor: 't', device: 'v' });
      expect(bad.ok ? null : bad.error.code).toBe('IMPORT_INVALID');
      await core.channels.syncOnce(ch.id);
      // 6 − 2 reserved = 4, half of it = 2
      expect(fs.readFileSync(path.join(dir, `channel-${ch.id}-feed.csv`), 'utf8')).toBe('sku,quantity\r\nCUP-1,0\r\nMUG-1,2\r\n');
    } finally {
      core.close();
    }
  });
});
