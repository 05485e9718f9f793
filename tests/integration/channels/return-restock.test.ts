import { afterEach, describe, expect, it } from 'vitest';
import { channelCore, connect, MemoryChannel, seedStock, type ChannelTestCore } from './helpers';

/**
 * Issue 7: "a restock raises channel quantities through the sync". An order sold on a channel ships, comes back
 * as a return, and its units are graded: a restock puts them back in a sellable bin, so the channel's listing is
 * queued and the next sync raises the channel's quantity; a write-off does not.
 */

const open: ChannelTestCore[] = [];
afterEach(() => {
  for (const c of open.splice(0)) c.close();
});

const outbox = (c: ChannelTestCore) => c.db.prepare('SELECT dirty, state FROM channel_outbox').get() as { dirty: number; state: string };

async function shippedChannelOrder() {
  const fake = new MemoryChannel();
  fake.addListing('L-MUG', { sku: 'MUG-1', title: 'Enamel mug', qty: 10 });
  const c = channelCore({ A: fake });
  open.push(c);
  const s = seedStock(c);
  const ch = await connect(c, 'A');
  c.ok('orders.configure', { requireWeighing: false });
  await c.channels.syncOnce(ch.id);

  fake.sell([{ ref: 'L-MUG', sku: 'MUG-1', quantity: 3, unitPriceMinor: 600 }]);
  const pulled = await c.channels.syncOnce(ch.id);
  expect(pulled.orders.created).toBe(1);
  const orderId = (c.db.prepare('SELECT id FROM sales_orders').get() as { id: number }).id;
  expect(c.ok('orders.get', { id: orderId }).status).toBe('allocated');
  c.ok('orders.packScan', { orderId, code: 'MUG-1', quantity: 3 });
  const shipped = c.ok('orders.ship', { orderId, carrier: 'RM', service: '24', trackingNumber: 'T1', weightGrams: 1050 });
  expect(shipped.order.status).toBe('shipped');
  // Shipping consumed the reservation: 7 on hand, 7 available, 7 on the channel. Nothing to push.
  const afterShip = await c.channels.syncOnce(ch.id);
  expect(afterShip.error).toBeNull();
  expect(afterShip.push.pushed).toBe(0);
  expect(fake.stock.get('L-MUG')).toBe(7);

  const rma = c.ok('returns.authorise', { orderId, reason: 'Customer changed mind', lines: [{ orderLineId: shipped.order.lines[0].id, quantity: 3 }] });
  c.ok('returns.receive', { returnId: rma.id });
  // In returns limbo the units are not available: the channel stays at 7.
  const afterReceive = await c.channels.syncOnce(ch.id);
  expect(afterReceive.push.pushed).toBe(0);
  expect(fake.stock.get('L-MUG')).toBe(7);
  return { c, fake, ch, ...s, returnLineId: rma.lines[0].id };
}

describe('returns and channel quantities', () => {
  it('a restock queues the listing and the next sync pushes the higher quantity; a write-off raises nothing', async () => {
    const { c, fake, ch, a2, returnLineId } = await shippedChannelOrder();
    const pushesBefore = fake.pushes.length;

    c.ok('returns.inspect', { returnLineId, grades: [{ grade: 'write_off', quantity: 1 }] });
    const afterWriteOff = await c.channels.syncOnce(ch.id);
    expect(afterWriteOff.error).toBeNull();
    expect(afterWriteOff.push.pushed).toBe(0);
    expect(fake.pushes.length).toBe(pushesBefore);
    expect(fake.stock.get('L-MUG')).toBe(7);

    c.ok('returns.inspect', { returnLineId, grades: [{ grade: 'restock', quantity: 2, locationId: a2.id }] });
    // Queued by the same transaction that moved the units into the bin.
    expect(outbox(c).dirty).toBe(1);
    expect(c.ok('channels.listings', { channelId: ch.id }).rows[0].desiredQty).toBe(9);
    const afterRestock = await c.channels.syncOnce(ch.id);
    expect(afterRestock.error).toBeNull();
    expect(afterRestock.push.pushed).toBe(1);
    expect(fake.pushes.at(-1)).toEqual([expect.objectContaining({ ref: 'L-MUG', quantity: 9, expected: 7 })]);
    expect(fake.stock.get('L-MUG')).toBe(9);
    expect(outbox(c)).toEqual({ dirty: 0, state: 'idle' });
  });

  it('a restock pushed without a pull waits for one (an increase), then goes', async () => {
    const { c, fake, ch, a2, returnLineId } = await shippedChannelOrder();
    c.ok('returns.inspect', { returnLineId, grades: [{ grade: 'restock', quantity: 3, locationId: a2.id }] });
    const pushOnly = await c.channels.syncOnce(ch.id, { pull: false });
    expect(pushOnly.push.held).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(7);
    const full = await c.channels.syncOnce(ch.id);
    expect(full.push.pushed).toBe(1);
    expect(fake.stock.get('L-MUG')).toBe(10);
  });
});
