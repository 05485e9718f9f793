import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../helpers/core';
import { count, seedOrders } from './seed';

let c: TestCore;
afterEach(() => c?.close());

const HEADER = 'order_id,line_id,sku,quantity,unit_price,customer_name,email,address1,city,postal_code,country';
const ADA = 'Ada Lovelace,ada@example.com,12 St James Square,London,SW1Y 4JH,GB';
const CHARLES = 'Charles Babbage,,1 Dorset Street,London,W1U 4EG,GB';
const GOOD = [HEADER, `WEB-1,1,MUG-1,2,6.00,${ADA}`, `WEB-1,2,PLATE-1,1,12.5,${ADA}`, `WEB-2,1,TEA-1,3,4.50,${CHARLES}`, `WEB-2,2,MUG-1,1,6,${CHARLES}`].join('\n');

describe('orders.importCsv', () => {
  it('reports every bad row with its row number and field, and imports nothing', () => {
    c = makeCore();
    seedOrders(c);
    const csv = [
      HEADER,
      `WEB-1,1,MUG-1,2,6.00,${ADA}`,
      `WEB-1,2,PLATE-1,1,12.5,${ADA}`,
      `WEB-2,1,NOPE-9,1,3.00,${CHARLES}`,
      `WEB-2,2,MUG-1,two,3.00,${CHARLES}`,
      '',
      'WEB-3,1,MUG-1,1,abc,Grace Hopper,,,New York,10001,US',
      `WEB-1,3,MUG-1,1,6.00,Ada Lovelace,ada@example.com,12 St James Square,Oxford,SW1Y 4JH,GB`,
    ].join('\n');
    const r = c.call('orders.importCsv', { csv });
    if (r.ok) throw new Error('expected a refusal');
    expect(r.error.code).toBe('IMPORT_INVALID');
    expect(r.error.message).toBe('4 rows have problems, nothing was imported. Row 4, sku: No item has the SKU NOPE-9');
    expect(r.error.details?.errors).toEqual([
      { row: 4, field: 'sku', message: 'No item has the SKU NOPE-9' },
      { row: 5, field: 'quantity', message: '"two" is not a whole number of units above zero' },
      { row: 7, field: 'address1', message: 'Required' },
      { row: 7, field: 'unit_price', message: '"abc" is not a price (e.g. 12.50)' },
      { row: 8, field: 'city', message: 'Differs from row 2 of order WEB-1 ("London")' },
    ]);
    expect(r.error.fields?.['row 5.quantity']).toBe('"two" is not a whole number of units above zero');
    expect(count(c, 'sales_orders')).toBe(0);
    expect(count(c, 'sales_order_lines')).toBe(0);
    expect(count(c, 'order_events')).toBe(0);
  });

  it('refuses a file without a required column at row 1', () => {
    c = makeCore();
    seedOrders(c);
    const r = c.call('orders.importCsv', { csv: 'order_id,sku,qty\nA,MUG-1,1' });
    if (r.ok) throw new Error('expected a refusal');
    expect((r.error.details?.errors as { row: number; field: string }[]).map((e) => [e.row, e.field])).toEqual([
      [1, 'quantity'],
      [1, 'customer_name'],
      [1, 'address1'],
      [1, 'city'],
      [1, 'postal_code'],
      [1, 'country'],
      [1, 'qty'],
    ]);
  });

  it('imports orders with prices in minor units, and a replay changes nothing', () => {
    c = makeCore();
    const s = seedOrders(c);
    const r = c.ok('orders.importCsv', { csv: GOOD });
    expect(r).toEqual({
      orders: [
        { orderId: 1, number: 'SO-00001', externalId: 'WEB-1', created: true, linesAdded: 2 },
        { orderId: 2, number: 'SO-00002', externalId: 'WEB-2', created: true, linesAdded: 2 },
      ],
      linesAdded: 4,
      linesSkipped: 0,
    });
    const o1 = c.ok('orders.get', { id: 1 });
    expect([o1.channel, o1.externalId, o1.customer.email, o1.shipTo.city, o1.currency]).toEqual(['csv', 'WEB-1', 'ada@example.com', 'London', 'GBP']);
    expect(o1.lines.map((l) => [l.sku, l.quantity, l.unitPriceMinor, l.externalLineId])).toEqual([
      ['MUG-1', 2, 600, '1'],
      ['PLATE-1', 1, 1250, '2'],
    ]);
    expect(o1.totalMinor).toBe(2 * 600 + 1250);
    expect(c.ok('orders.get', { id: 2 }).customer.email).toBeNull();

    const events = count(c, 'order_events');
    const again = c.ok('orders.importCsv', { csv: GOOD });
    expect(again.linesAdded).toBe(0);
    expect(again.linesSkipped).toBe(4);
    expect(again.orders.map((o) => [o.number, o.created])).toEqual([
      ['SO-00001', false],
      ['SO-00002', false],
    ]);
    expect(count(c, 'sales_orders')).toBe(2);
    expect(count(c, 'sales_order_lines')).toBe(4);
    expect(count(c, 'order_events')).toBe(events);

    // The same ids in another channel are other orders.
    expect(c.ok('orders.importCsv', { csv: GOOD, channel: 'shopify:demo' }).orders.map((o) => o.number)).toEqual(['SO-00003', 'SO-00004']);

    // A changed line is refused; a new line joins its order while the order is still new, never after.
    const changed = c.call('orders.importCsv', { csv: `${HEADER}\nWEB-1,1,MUG-1,3,6.00,${ADA}` });
    expect(changed.ok || changed.error.details?.errors).toEqual([
      { row: 2, field: 'line_id', message: 'Line 1 of order WEB-1 was imported before (SO-00001) with another SKU, quantity or price' },
    ]);
    const added = c.ok('orders.importCsv', { csv: `${GOOD}\nWEB-1,3,TEA-1,1,4.50,${ADA}` });
    expect([added.linesAdded, added.linesSkipped]).toEqual([1, 4]);
    expect(c.ok('orders.get', { id: 1 }).lines.map((l) => [l.position, l.sku])).toEqual([
      [1, 'MUG-1'],
      [2, 'PLATE-1'],
      [3, 'TEA-1'],
    ]);
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a01.id, quantity: 1 });
    c.ok('orders.allocate', { orderId: 2 });
    const late = c.call('orders.importCsv', { csv: `${HEADER}\nWEB-2,3,PLATE-1,1,12.00,${CHARLES}` });
    expect(late.ok || late.error.details?.errors).toEqual([
      { row: 2, field: 'line_id', message: 'Order WEB-2 is SO-00002, already backordered: a new line cannot be added' },
    ]);
  });

  it('creates by hand with channel manual and refuses a second order with the same external id', () => {
    c = makeCore();
    const s = seedOrders(c);
    const input = {
      externalId: 'PHONE-7',
      customerName: 'Ada',
      shipTo: { name: 'Ada', line1: '1 Road', city: 'Leeds', postalCode: 'LS1 1AA', country: 'GB' },
      lines: [{ itemId: s.mug.id, quantity: 1, unitPriceMinor: 600 }],
    };
    const o = c.ok('orders.create', input);
    expect([o.number, o.channel, o.status, o.currency]).toEqual(['SO-00001', 'manual', 'new', 'GBP']);
    const dup = c.call('orders.create', input);
    expect(dup.ok || [dup.error.code, dup.error.message]).toEqual(['DUPLICATE', 'Order PHONE-7 of manual is already SO-00001']);
    const bad = c.call('orders.create', { ...input, externalId: 'X', lines: [{ itemId: 999, quantity: 1 }] });
    expect(bad.ok || bad.error.code).toBe('UNKNOWN_ITEM');
    expect(count(c, 'sales_orders')).toBe(1);
  });
});
