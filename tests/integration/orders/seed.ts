import type { Input } from '../../../src/shared/api';
import type { TestCore } from '../../helpers/core';

/**
 * Two warehouses: MAIN (priority 10) with zone A (bins) and EAST (priority 20) with E-01, E-02.
 * Items: a mug (350 g), a plate (500 g), lot-tracked tea (110 g) and a candle without a weight.
 */
export function seedOrders(c: TestCore) {
  const main = c.ok('locations.createWarehouse', { code: 'MAIN', name: 'Main', priority: 10 });
  const east = c.ok('locations.createWarehouse', { code: 'EAST', name: 'East', priority: 20 });
  const zone = c.ok('locations.create', { warehouseId: main.id, kind: 'zone', code: 'A' });
  const bin = (warehouseId: number, code: string, parentId?: number) => c.ok('locations.create', { warehouseId, kind: 'bin', code, ...(parentId && { parentId }) });
  const a01 = bin(main.id, 'A-01', zone.id);
  const a02 = bin(main.id, 'A-02', zone.id);
  const a10 = bin(main.id, 'A-10', zone.id);
  const e01 = bin(east.id, 'E-01');
  const e02 = bin(east.id, 'E-02');
  const mug = c.ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug', weightGrams: 350, costMinor: 250, priceMinor: 600, barcodes: [{ code: '4006381333931' }] });
  const plate = c.ok('catalog.create', { sku: 'PLATE-1', name: 'Stoneware plate', weightGrams: 500, costMinor: 400, priceMinor: 1200, barcodes: [{ code: '5012345678900' }] });
  const tea = c.ok('catalog.create', { sku: 'TEA-1', name: 'Green tea 100g', tracking: 'lot', weightGrams: 110, costMinor: 120, priceMinor: 450, barcodes: [{ code: '5000000000012' }] });
  const candle = c.ok('catalog.create', { sku: 'CANDLE-1', name: 'Candle', costMinor: 90, priceMinor: 300, barcodes: [{ code: '5000000000029' }] });
  return { main, east, zone, a01, a02, a10, e01, e02, mug, plate, tea, candle };
}

export const SHIP_TO = { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' };

export function newOrder(c: TestCore, lines: Input<'orders.create'>['lines'], extra: Partial<Input<'orders.create'>> = {}) {
  return c.ok('orders.create', { customerName: 'Ada Lovelace', shipTo: SHIP_TO, lines, ...extra });
}

/** GS1 element string in brackets, as a scanner's HRI or a typed test scan: GTIN-14 and lot. */
export const gs1 = (ean13: string, lot: string): string => `(01)0${ean13}(10)${lot}`;

export const count = (c: TestCore, table: string): number => (c.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Everything a refused action must leave alone. */
export const snapshot = (c: TestCore) => ({
  movements: count(c, 'movements'),
  operations: count(c, 'operations'),
  events: count(c, 'order_events'),
  reservations: c.db.prepare('SELECT id, remaining FROM reservations ORDER BY id').all(),
  balances: c.db.prepare('SELECT * FROM balances ORDER BY item_id, location_id, lot_key').all(),
  orders: c.db.prepare('SELECT * FROM sales_orders ORDER BY id').all(),
  pick: c.db.prepare('SELECT * FROM pick_list_lines ORDER BY id').all(),
});
