import path from 'node:path';
import type { CallContext } from '../../../src/main/core/context';
import { createCore, type Core, type CoreOptions } from '../../../src/main/core/core';
import type { Input, MethodName, Output } from '../../../src/shared/api';
import type { Result } from '../../../src/shared/errors';
import { startFakeShopify, type FakeShopify, type FakeShopifyOptions } from '../../fakes/shopify/fake-shopify';
import { startFakeWooCommerce, type FakeWooCommerce, type FakeWooOptions } from '../../fakes/woocommerce/fake-woocommerce';
import type { Timers } from '../../../src/main/channels/engine';
import { TestClock, tmpDir } from '../../helpers/core';

/**
 * Two real sales channels over HTTP on 127.0.0.1 (the Shopify and WooCommerce fakes) connected to one core through
 * the router, with the real connectors (createConnector): what a shop with two webshops runs, minus the internet.
 */

const CTX: CallContext = { actor: 'tester', device: 'vitest' };

export interface ShopsCore extends Core {
  file: string;
  dir: string;
  logs: string[];
  call<M extends MethodName>(method: M, input: Input<M>): Result<Output<M>>;
  ok<M extends MethodName>(method: M, input: Input<M>): Output<M>;
}

export function openCore(dir: string, clock: CoreOptions['clock'], extra: Partial<CoreOptions> = {}): ShopsCore {
  const file = path.join(dir, 'stockroom.db');
  const logs: string[] = [];
  const core = createCore({ file, host: 'test', log: (m) => logs.push(m), ...(clock && { clock }), ...extra });
  const call = <M extends MethodName>(method: M, input: Input<M>) => core.router.call(method, input, CTX) as Result<Output<M>>;
  return {
    ...core,
    file,
    dir,
    logs,
    call,
    ok(method, input) {
      const r = call(method, input);
      if (!r.ok) throw new Error(`${method} refused: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
  };
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits (real time) until `cond` holds; throws with `what` after `ms`. */
export async function until(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

export interface TwoShops {
  c: ShopsCore;
  clock: TestClock | undefined;
  shopify: FakeShopify;
  woo: FakeWooCommerce;
  /** Our item (MUG-1) in bin A-01 of warehouse MAIN. */
  mug: { id: number };
  bin: { id: number };
  /** Shopify's inventory item and location of the mug; Woo's product id of it. */
  sItem: string;
  sLoc: string;
  wProduct: number;
  shopifyId: number;
  wooId: number;
  /** Shopify's available for the mug at its location. */
  sQty(): number;
  /** WooCommerce's stock_quantity of the mug. */
  wQty(): number;
  sellShopify(quantity: number): { id: string; name: string };
  sellWoo(quantity: number): { id: number };
  /** Reopens the core on the same database file (after close()). */
  reopen(): ShopsCore;
  close(): Promise<void>;
}

export interface TwoShopsOptions {
  stock?: number;
  clock?: TestClock | null;
  pollIntervalSeconds?: number;
  shopify?: FakeShopifyOptions;
  woo?: FakeWooOptions;
  core?: Partial<CoreOptions>;
}

/**
 * Core + fake Shopify + fake Woo, both selling MUG-1 with `stock` units (default 10), the ledger holding the same.
 * Channels are created, their listings refreshed and the suggested mapping accepted through the router, and a first
 * sync shows both channels already right (nothing pushed).
 */
export async function twoShops(o: TwoShopsOptions = {}): Promise<TwoShops> {
  const stock = o.stock ?? 10;
  const clock = o.clock === null ? undefined : (o.clock ?? new TestClock());
  const shopify = await startFakeShopify({ shopName: 'Acme on Shopify', ...o.shopify });
  const woo = await startFakeWooCommerce({ storeName: 'Acme on Woo', ...o.woo });
  const loc = shopify.addLocation('Main warehouse');
  const { variants } = shopify.addProduct('Enamel mug', [{ sku: 'MUG-1', barcode: '4006381333931', stock: { [loc.id]: stock } }]);
  const sItem = variants[0].inventoryItemId;
  const wProduct = woo.addProduct({ name: 'Enamel mug', sku: 'MUG-1', price: '6.00', stock });

  const dir = tmpDir('stockroom-two-shops-');
  let c = openCore(dir, clock, o.core);
  const wh = c.ok('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse' });
  const bin = c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: 'A-01' });
  const mug = c.ok('catalog.create', { sku: 'MUG-1', name: 'Enamel mug', costMinor: 250, priceMinor: 600, barcodes: [{ code: '4006381333931' }] });
  if (stock > 0) c.ok('stock.receive', { itemId: mug.id, locationId: bin.id, quantity: stock, unitCostMinor: 250 });

  const info = shopify.connectionInfo();
  const poll = o.pollIntervalSeconds !== undefined ? { pollIntervalSeconds: o.pollIntervalSeconds } : {};
  const sCh = c.ok('channels.create', {
    kind: 'shopify',
    name: 'Shopify',
    config: { shop: info.shop, baseUrl: info.baseUrl },
    credentials: { clientId: info.clientId, clientSecret: info.clientSecret },
    ...poll,
  });
  const wCh = c.ok('channels.create', {
    kind: 'woocommerce',
    name: 'WooCommerce',
    config: { baseUrl: woo.baseUrl },
    credentials: { consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret },
    ...poll,
  });
  for (const id of [sCh.id, wCh.id]) {
    c.ok('channels.refreshListings', { id });
    await until(() => !c.channels.isBusy(id), `listings of channel ${id}`);
    const s = c.ok('channels.get', { id });
    if (s.lastError) throw new Error(`refreshListings ${s.name}: ${s.lastError.message}`);
    c.ok('channels.acceptSuggestions', { channelId: id });
  }

  const t: TwoShops = {
    get c() {
      return c;
    },
    clock,
    shopify,
    woo,
    mug,
    bin,
    sItem,
    sLoc: loc.id,
    wProduct,
    shopifyId: sCh.id,
    wooId: wCh.id,
    sQty: () => shopify.available(sItem, loc.id)!,
    wQty: () => woo.stockOf(wProduct)!,
    sellShopify: (quantity) =>
      shopify.createOrder({
        lines: [{ inventoryItemId: sItem, quantity, price: '6.00' }],
        email: 'ann@example.com',
        customer: { firstName: 'Ann', lastName: 'Shopper' },
        shippingAddress: { firstName: 'Ann', lastName: 'Shopper', address1: '1 High Street', city: 'Leeds', zip: 'LS1 1AA', countryCodeV2: 'GB' },
      }),
    sellWoo: (quantity) => woo.placeOrder({ lines: [{ id: wProduct, quantity }], shipping: { first_name: 'Bob', last_name: 'Buyer', address_1: '2 Low Road', city: 'York', postcode: 'YO1 1AA', country: 'GB' } }),
    reopen() {
      c = openCore(dir, clock, o.core);
      return c;
    },
    async close() {
      try {
        c.close();
      } catch {
        /* already closed */
      }
      await shopify.close();
      await woo.stop();
    },
  };
  return t;
}

/** Sum of on hand / reserved of an item over every bin, from the ledger through the router. */
export function ledgerOf(c: ShopsCore, itemId: number): { onHand: number; reserved: number; available: number } {
  const bal = c.ok('stock.balances', { itemId });
  const onHand = bal.reduce((s, b) => s + b.onHand, 0);
  const reserved = bal.reduce((s, b) => s + b.reserved, 0);
  return { onHand, reserved, available: onHand - reserved };
}

export function reservedOf(c: ShopsCore, itemId: number): number {
  return c.ok('stock.reservations', { itemId }).reduce((s, r) => s + r.remaining, 0);
}

export interface OrderRow {
  id: number;
  number: string;
  channel: string | null;
  external_id: string | null;
  status: string;
  hold_reason: string | null;
}

export const ordersOf = (c: ShopsCore): OrderRow[] =>
  c.db.prepare('SELECT id, number, channel, external_id, status, hold_reason FROM sales_orders ORDER BY id').all() as OrderRow[];

/** Every row of the ledger and order tables: a snapshot to prove "no ledger change". */
export function ledgerSnapshot(c: ShopsCore): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const t of ['movements', 'reservations', 'sales_orders', 'sales_order_lines', 'order_allocations', 'reservation_changes', 'channel_orders']) {
    out[t] = c.db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all();
  }
  out.balances = c.db.prepare('SELECT * FROM balances ORDER BY 1, 2, 3, 4').all();
  return out;
}

/** Timers that fire only when the test moves the core's clock to them. */
export class ManualTimers implements Timers {
  private next = 1;
  private readonly due = new Map<number, { at: number; fn: () => void }>();
  constructor(private readonly clock: TestClock) {}
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.due.set(id, { at: this.clock.now().getTime() + ms, fn });
    return id;
  }
  clearTimeout(h: unknown): void {
    this.due.delete(h as number);
  }
  earliest(): number | null {
    const ats = [...this.due.values()].map((d) => d.at);
    return ats.length ? Math.min(...ats) : null;
  }
  /** Moves the clock to the earliest timer and fires every timer due then. */
  fireNext(): number {
    const at = this.earliest();
    if (at === null) throw new Error('no timer pending');
    if (at > this.clock.now().getTime()) this.clock.t = new Date(at);
    for (const [id, d] of [...this.due]) {
      if (d.at <= at) {
        this.due.delete(id);
        d.fn();
      }
    }
    return at;
  }
}

/** Lets the cycles started by fired timers run to their end (real HTTP), including the re-planning after them. */
export async function settle(t: TwoShops): Promise<void> {
  await until(() => !t.c.channels.isBusy(t.shopifyId) && !t.c.channels.isBusy(t.wooId), 'the channel cycles to finish');
  await sleep(15);
}
