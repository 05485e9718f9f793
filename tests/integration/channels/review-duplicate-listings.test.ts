import { afterEach, describe, expect, it } from 'vitest';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

/**
 * Two listings of one channel at the same location mapped to the same item would each be pushed the whole available
 * quantity, so the channel could sell it twice (Shopify does not enforce unique SKUs). Only one is mapped
 * automatically, the other stays a suggestion for a person; mapping it by hand is refused with why.
 */
describe('channel listings: two listings with the same SKU (review)', () => {
  it('maps only one of them automatically, refuses the second by hand, and still maps one per location', async () => {
    const fake = new MemoryChannel();
    fake.locations.push({ ref: 'loc-1', name: 'Main warehouse' }, { ref: 'loc-2', name: 'Elsewhere' });
    fake.addListing('L-A', { sku: 'MUG-1', title: 'Enamel mug', qty: 10, locationRef: 'loc-1' });
    fake.addListing('L-B', { sku: 'MUG-1', title: 'Enamel mug (copy)', qty: 10, locationRef: 'loc-1' });
    fake.addListing('L-C', { sku: 'MUG-1', title: 'Enamel mug', qty: 0, locationRef: 'loc-2' });
    const c = channelCore({ A: fake });
    open.push(c);
    const { wh, mug } = seedStock(c);
    const ch = await connect(c, 'A');
    const locs = c.ok('channels.locations', { channelId: ch.id });
    for (const l of locs) c.ok('channels.mapLocation', { locationId: l.id, warehouseId: wh.id });

    const rows = c.ok('channels.listings', { channelId: ch.id }).rows;
    const byRef = new Map(rows.map((r) => [r.ref, r]));
    expect(byRef.get('L-A')!.itemId).toBe(mug.id);
    expect(byRef.get('L-B')!.itemId).toBeNull();
    expect(byRef.get('L-B')!.suggestedItemId).toBe(mug.id);
    // Another location is another stock pool on the channel: mapped.
    expect(byRef.get('L-C')!.itemId).toBe(mug.id);

    const r = c.call('channels.mapListing', { listingId: byRef.get('L-B')!.id, itemId: mug.id });
    expect(r.ok ? null : r.error.code).toBe('DUPLICATE');
    expect(r.ok ? '' : r.error.message).toMatch(/L-A/);

    // The whole quantity is offered once at the location, not twice.
    await c.channels.syncOnce(ch.id);
    expect(fake.stock.get('L-A')).toBe(10);
    expect(fake.stock.get('L-B')).toBe(10); // untouched: still what the channel had
    expect(fake.pushes.flat().map((p) => p.ref)).not.toContain('L-B');

    // Accepting its suggestion is refused the same way, and says why (the UI shows it next to the row).
    const acc = c.ok('channels.acceptSuggestions', { channelId: ch.id, listingIds: [byRef.get('L-B')!.id] });
    expect(acc.mapped).toBe(0);
    expect(acc.skipped).toEqual([{ listingId: byRef.get('L-B')!.id, message: expect.stringMatching(/^Listing "L-A" \(SKU MUG-1\) already offers MUG-1 at this location/) }]);

    // Unmapping the first frees the item for the second.
    c.ok('channels.mapListing', { listingId: byRef.get('L-A')!.id, itemId: null });
    expect(c.ok('channels.mapListing', { listingId: byRef.get('L-B')!.id, itemId: mug.id }).itemId).toBe(mug.id);
  });
});
