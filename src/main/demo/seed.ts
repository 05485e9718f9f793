import type { CallContext } from '../core/context';
import type { Core } from '../core/core';
import type { Input, MethodName, Output } from '../../shared/api';
import type { Result } from '../../shared/errors';
import { gs1CheckDigit } from '../../shared/gtin';
import { DemoClock } from './demo-clock';
import { isoOfDayNumber, loadDemoFile, resolveDemoFile, type DemoCategory, type DemoFile, type DemoProduct } from './demo-file';
import { fnv1a, seededRandom } from './random';

export interface SeedOptions {
  /** The day the history ends before: the last day of the data becomes the day before `today`. Defaults to now. */
  today?: Date;
  /** The demo file; found by resolveDemoFile() when not given. */
  file?: string;
  /** Already loaded demo data (tests), instead of a file. */
  data?: DemoFile;
}

export interface SeedSummary {
  seeded: boolean;
  /** Why nothing was done, when seeded is false. */
  reason?: string;
  file?: string;
  ms: number;
  items: number;
  lotTracked: number;
  warehouses: number;
  bins: number;
  operations: number;
  movements: number;
  receipts: number;
  expedited: number;
  issues: number;
  unitsIssued: number;
  returns: number;
  adjustments: number;
  expiredWriteOffs: number;
  transfers: number;
  reservations: number;
  /** Replenishment orders placed whose goods arrive after today: a purchasing module will pick them up later. */
  openPurchaseOrders: number;
  /** First and last day of the replayed history, after the calendar shift. */
  firstDay: string;
  lastDay: string;
}

const CTX: CallContext = { actor: 'demo', device: 'demo-seed' };
const HOUR = 3_600_000;

/** Fictional suppliers (the data names none); lead times in days. A suppliers table comes with a later issue. */
const SUPPLIERS: ReadonlyArray<{ name: string; leadDays: number; categories: readonly DemoCategory[] }> = [
  { name: 'Harbour Gift Imports Ltd', leadDays: 14, categories: ['Christmas', 'Home Decor'] },
  { name: 'Lantern & Wick Co.', leadDays: 7, categories: ['Candles & Lights'] },
  { name: 'Northfield Homeware', leadDays: 5, categories: ['Kitchen & Dining', 'Garden'] },
  { name: 'Papercraft Wholesale', leadDays: 3, categories: ['Stationery & Cards', 'Party'] },
  { name: 'Bright Thread Trading', leadDays: 10, categories: ['Bags', 'Jewellery & Accessories', 'Toys & Games'] },
];

/** Zones of the main warehouse, each holding related categories so a picker walks one aisle per kind of goods. */
const MAIN_ZONES: ReadonlyArray<{ code: string; name: string; categories: readonly DemoCategory[] }> = [
  { code: 'A', name: 'Aisle A – kitchen and party', categories: ['Kitchen & Dining', 'Party'] },
  { code: 'B', name: 'Aisle B – home decor', categories: ['Home Decor', 'Garden'] },
  { code: 'C', name: 'Aisle C – candles, lights and seasonal', categories: ['Candles & Lights', 'Christmas'] },
  { code: 'D', name: 'Aisle D – bags, paper, toys and accessories', categories: ['Bags', 'Stationery & Cards', 'Toys & Games', 'Jewellery & Accessories'] },
];
const BINS_PER_ZONE = 10;
const OVERFLOW_BINS = 10;
/** Share of items (the bulkiest by units × weight) whose deliveries do not fit their pick bin and go to overflow. */
const BULKY_SHARE = 0.12;
const SAFETY_DAYS = 7;

/** A GTIN-13 in the GS1 restricted-circulation range 20–29 (in-store numbers), built from the 5-digit stock code and its variant letters. */
export function demoGtin(sku: string): string {
  const m = /^(\d{5})([A-Z]{0,2})$/.exec(sku);
  if (!m) throw new Error(`Demo SKU ${sku} is not a 5-digit stock code`);
  const variant = [...m[2]].reduce((n, ch) => n * 27 + (ch.charCodeAt(0) - 64), 0);
  const body = `20${m[1]}${String(variant).padStart(3, '0')}00`;
  return body + gs1CheckDigit(body);
}

interface Lot {
  code: string;
  expiry: number;
  qty: number;
  seq: number;
}

interface Pending {
  arrive: number;
  qty: number;
  docRef: string;
}

/** What the seed tracks per item to decide replenishment without querying the ledger after every step. */
interface Sim {
  p: DemoProduct;
  itemId: number;
  bin: number;
  overflowBin: number | null;
  supplier: (typeof SUPPLIERS)[number];
  cover: number;
  demand: Int32Array;
  prefix: Float64Array;
  main: number;
  over: number;
  pending: Pending[];
  lots: Lot[];
  lotSeq: number;
}

/** The summary of a seed that did nothing, with the reason. */
export const emptySummary = (reason: string, ms = 0): SeedSummary => ({
  seeded: false,
  reason,
  ms,
  items: 0,
  lotTracked: 0,
  warehouses: 0,
  bins: 0,
  operations: 0,
  movements: 0,
  receipts: 0,
  expedited: 0,
  issues: 0,
  unitsIssued: 0,
  returns: 0,
  adjustments: 0,
  expiredWriteOffs: 0,
  transfers: 0,
  reservations: 0,
  openPurchaseOrders: 0,
  firstDay: '',
  lastDay: '',
});

/**
 * Fills an empty database with a believable year of a small UK gift warehouse: the real products and daily demand
 * of the UCI Online Retail data, replayed through the core's API (every ledger rule holds) in one transaction,
 * with the calendar shifted so the history ends yesterday. Refuses (seeded: false) when the database has data.
 */
export function seedDemo(core: Core, opts: SeedOptions = {}): SeedSummary {
  const t0 = performance.now();
  const call = <M extends MethodName>(method: M, input: Input<M>): Output<M> => {
    const r = core.router.call(method, input, CTX) as Result<Output<M>>;
    if (!r.ok) throw new Error(`Demo seed: ${method} refused: ${r.error.code} ${r.error.message} (${JSON.stringify(input)})`);
    return r.value;
  };

  if (call('catalog.search', { limit: 1 }).total > 0) return emptySummary('the database already has items', performance.now() - t0);
  if (call('locations.warehouses', {}).length > 0) return emptySummary('the database already has warehouses', performance.now() - t0);

  let file: string | undefined;
  let data = opts.data;
  if (!data) {
    file = resolveDemoFile(opts.file) ?? undefined;
    if (!file) return emptySummary(`the demo data file was not found${opts.file ? ` at ${opts.file}` : ''}`, performance.now() - t0);
    data = loadDemoFile(file);
  }

  // The ledger stamps each operation with core.env.clock; pin a demo clock there while the history is written.
  const original = core.env.clock;
  const clock = original instanceof DemoClock ? original : new DemoClock(original);
  core.env.clock = clock;
  try {
    const summary = core.env.sql.tx(() => replay(call, clock, data, opts.today ?? original.now()));
    return { ...summary, file, ms: Math.round(performance.now() - t0) };
  } finally {
    clock.release();
    core.env.clock = original;
  }
}

type Call = <M extends MethodName>(method: M, input: Input<M>) => Output<M>;

function replay(call: Call, clock: DemoClock, data: DemoFile, today: Date): SeedSummary {
  const todayDay = Math.floor(today.getTime() / 86_400_000);
  // Day 0 of the data is this absolute day; its last day lands on yesterday.
  const day0 = todayDay - 1 - (data.days - 1);
  const iso = (d: number) => isoOfDayNumber(day0 + d);
  const at = (d: number, hour: number) => new Date((day0 + d) * 86_400_000 + hour * HOUR);
  const weekday = (d: number) => new Date((day0 + d) * 86_400_000).getUTCDay();
  const random = seededRandom(fnv1a(`stockroom-demo:${data.firstDay}:${data.products.length}`));
  const s = emptySummary('', 0);
  s.seeded = true;
  delete s.reason;
  s.firstDay = iso(0);
  s.lastDay = iso(data.days - 1);
  const count = (r: Output<'stock.receive'>) => {
    s.operations++;
    s.movements += r.movements.length;
    return r;
  };

  // Warehouses and bins, a week before the history starts.
  clock.set(at(-10, 9));
  const main = call('locations.createWarehouse', { code: 'MAIN', name: 'Main warehouse', priority: 10 });
  const overflow = call('locations.createWarehouse', { code: 'OVERFLOW', name: 'Overflow store (Unit 4)', priority: 20 });
  s.warehouses = 2;
  const zoneBins = new Map<string, number[]>();
  for (const z of MAIN_ZONES) {
    const zone = call('locations.create', { warehouseId: main.id, kind: 'zone', code: z.code, name: z.name });
    const bins: number[] = [];
    for (let b = 1; b <= BINS_PER_ZONE; b++) {
      const code = `${z.code}-${String(b).padStart(2, '0')}`;
      bins.push(call('locations.create', { warehouseId: main.id, parentId: zone.id, kind: 'bin', code, name: `Shelf ${code}` }).id);
    }
    zoneBins.set(z.code, bins);
  }
  const bulkZone = call('locations.create', { warehouseId: overflow.id, kind: 'zone', code: 'BULK', name: 'Pallet racking' });
  const pallets: number[] = [];
  for (let b = 1; b <= OVERFLOW_BINS; b++) {
    const code = `P-${String(b).padStart(2, '0')}`;
    pallets.push(call('locations.create', { warehouseId: overflow.id, parentId: bulkZone.id, kind: 'bin', code, name: `Pallet bay ${b}` }).id);
  }
  s.bins = MAIN_ZONES.length * BINS_PER_ZONE + OVERFLOW_BINS;

  // Items, each in a shelf of the aisle for its category; the bulkiest also get a pallet bay in overflow.
  clock.set(at(-7, 9));
  const products = data.products;
  const volume = (p: DemoProduct) => p.sold.q.reduce((a, b) => a + b, 0) * p.weightGrams;
  const bulky = new Set(
    products
      .filter((p) => p.tracking === 'none')
      .sort((a, b) => volume(b) - volume(a) || (a.sku < b.sku ? -1 : 1))
      .slice(0, Math.round(products.length * BULKY_SHARE))
      .map((p) => p.sku),
  );
  const zoneIndex = new Map<string, number>();
  let palletIndex = 0;
  const sims: Sim[] = [];
  for (const p of products) {
    const zone = MAIN_ZONES.find((z) => z.categories.includes(p.category)) ?? MAIN_ZONES[1];
    const n = zoneIndex.get(zone.code) ?? 0;
    zoneIndex.set(zone.code, n + 1);
    const item = call('catalog.create', {
      sku: p.sku,
      name: p.name,
      description: `Stock code ${p.sku} of the UCI Online Retail data (demo).`,
      category: p.category,
      weightGrams: p.weightGrams,
      costMinor: p.costMinor,
      priceMinor: p.priceMinor,
      currency: 'GBP',
      tracking: p.tracking,
      shelfLifeDays: p.shelfLifeDays,
      barcodes: [{ code: demoGtin(p.sku), symbology: 'gtin' }],
    });
    const demand = new Int32Array(data.days);
    p.sold.d.forEach((d, i) => (demand[d] = p.sold.q[i]));
    const prefix = new Float64Array(data.days + 1);
    for (let d = 0; d < data.days; d++) prefix[d + 1] = prefix[d] + demand[d];
    sims.push({
      p,
      itemId: item.id,
      bin: zoneBins.get(zone.code)![n % BINS_PER_ZONE],
      overflowBin: bulky.has(p.sku) ? pallets[palletIndex++ % pallets.length] : null,
      supplier: SUPPLIERS.find((x) => x.categories.includes(p.category)) ?? SUPPLIERS[0],
      cover: 21 + (fnv1a(p.sku) % 15),
      demand,
      prefix,
      main: 0,
      over: 0,
      pending: [],
      lots: [],
      lotSeq: 0,
    });
  }
  s.items = sims.length;
  s.lotTracked = sims.filter((x) => x.p.tracking === 'lot').length;

  const mean = (x: Sim, from: number, to: number) => {
    const a = Math.max(0, Math.min(data.days, from));
    const b = Math.max(0, Math.min(data.days, to));
    return (x.prefix[b] - x.prefix[a]) / 28;
  };
  // What a buyer who remembers last year's season would plan on: the busier of the last and the next four weeks.
  const rate = (x: Sim, d: number) => Math.max(mean(x, d - 27, d + 1), mean(x, d + 1, d + 29));
  const roundUp = (q: number, pack: number) => Math.max(pack, Math.ceil(q / pack) * pack);
  const unitCost = (x: Sim) => Math.max(1, Math.round(x.p.costMinor * (0.96 + random() * 0.08)));
  const nextWorkday = (d: number) => {
    let a = d;
    while (weekday(a) === 0 || weekday(a) === 6) a++;
    return a;
  };
  const poNumbers = new Map<string, string>();
  let poSeq = 24_000;
  const poFor = (x: Sim, d: number, tag = '') => {
    const key = `${x.supplier.name}|${d}|${tag}`;
    let po = poNumbers.get(key);
    if (!po) {
      po = `PO-${++poSeq}`;
      poNumbers.set(key, po);
    }
    return `${po} ${x.supplier.name}${tag}`;
  };

  /** Lots: received with the supplier's batch code; expiry is the shelf life less the weeks the goods already aged. */
  const newLot = (x: Sim, d: number, qty: number): Lot => {
    const code = `L${iso(d).replace(/-/g, '').slice(2)}-${++x.lotSeq}`;
    const life = x.p.shelfLifeDays ?? 365;
    const lot: Lot = { code, expiry: d + life - Math.floor(random() * Math.min(90, life / 4)), qty, seq: x.lotSeq };
    x.lots.push(lot);
    return lot;
  };
  /** Mirrors the ledger's FEFO pick (earliest expiry, then oldest lot) so the seed knows which lots are left. */
  const takeLots = (x: Sim, qty: number) => {
    let left = qty;
    for (const l of [...x.lots].sort((a, b) => a.expiry - b.expiry || a.seq - b.seq)) {
      const t = Math.min(left, l.qty);
      l.qty -= t;
      left -= t;
      if (left === 0) break;
    }
    if (left > 0) throw new Error(`Demo seed: lots of ${x.p.sku} short by ${left}`);
  };

  const receive = (x: Sim, d: number, qty: number, docRef: string, note?: string, pickFace = false) => {
    // A rushed delivery goes straight to the pick face: it is there for an order that ships today.
    const toMain = x.overflowBin === null || pickFace ? qty : Math.min(qty, Math.max(0, Math.ceil(rate(x, d) * 14) + x.p.packSize - x.main));
    const parts: Array<[number, number]> = [];
    if (toMain > 0) parts.push([x.bin, toMain]);
    if (qty - toMain > 0) parts.push([x.overflowBin as number, qty - toMain]);
    const cost = unitCost(x);
    for (const [bin, q] of parts) {
      const lot = x.p.tracking === 'lot' ? newLot(x, d, q) : null;
      count(
        call('stock.receive', {
          itemId: x.itemId,
          locationId: bin,
          quantity: q,
          unitCostMinor: cost,
          ...(lot ? { lot: lot.code, expiry: isoOfDayNumber(day0 + lot.expiry) } : {}),
          docRef,
          note,
        }),
      );
      if (bin === x.bin) x.main += q;
      else x.over += q;
    }
    s.receipts++;
  };
  const transferIn = (x: Sim, qty: number, d: number) => {
    count(call('stock.transfer', { itemId: x.itemId, fromLocationId: x.overflowBin as number, toLocationId: x.bin, quantity: qty, docRef: `REPL-${iso(d)}` }));
    x.over -= qty;
    x.main += qty;
    s.transfers++;
  };
  const remove = (x: Sim, qty: number, reason: 'damage' | 'theft' | 'lost' | 'count_correction', docRef: string, note: string) => {
    count(call('stock.adjust', { itemId: x.itemId, locationId: x.bin, quantity: -qty, reason, docRef, note }));
    if (x.p.tracking === 'lot') takeLots(x, qty);
    x.main -= qty;
    s.adjustments++;
  };
  const addBack = (x: Sim, d: number, qty: number, reason: 'found' | 'count_correction', docRef: string, note: string) => {
    // A tracked unit coming back belongs to a lot: the newest one, or a fresh lot if none was ever received.
    let lot: Lot | null = null;
    if (x.p.tracking === 'lot') {
      lot = x.lots.length ? x.lots.reduce((a, b) => (b.seq > a.seq ? b : a)) : newLot(x, d, 0);
      lot.qty += qty;
    }
    count(
      call('stock.adjust', {
        itemId: x.itemId,
        locationId: x.bin,
        quantity: qty,
        reason,
        ...(lot ? { lot: lot.code, expiry: isoOfDayNumber(day0 + lot.expiry) } : {}),
        docRef,
        note,
      }),
    );
    x.main += qty;
  };
  /** Spreads n operations evenly over a window of the working day. */
  const spread = (d: number, from: number, to: number, i: number, n: number) => clock.set(at(d, from + ((to - from) * i) / Math.max(1, n)));

  // Opening stock, counted in the evening before the first day.
  sims.forEach((x, i) => {
    const r = rate(x, 0);
    if (r <= 0) return;
    spread(-1, 16, 18, i, sims.length);
    receive(x, -1, roundUp(r * (x.supplier.leadDays + x.cover), x.p.packSize), 'OPENING-STOCK', 'Demo: opening stock taken over from the previous system');
  });

  let rma = 5000;
  for (let d = 0; d < data.days; d++) {
    const date = iso(d);
    // 07:00–08:00 deliveries; expired lots are written off first thing.
    const arriving = sims.filter((x) => x.pending.some((o) => o.arrive === d));
    arriving.forEach((x, i) => {
      spread(d, 7, 8, i, arriving.length);
      for (const o of x.pending.filter((o) => o.arrive === d)) receive(x, d, o.qty, o.docRef);
      x.pending = x.pending.filter((o) => o.arrive !== d);
    });
    for (const x of sims) {
      if (x.p.tracking !== 'lot') continue;
      for (const l of x.lots) {
        if (l.qty > 0 && l.expiry < d && x.main >= l.qty) {
          clock.set(at(d, 8));
          count(call('stock.adjust', { itemId: x.itemId, locationId: x.bin, quantity: -l.qty, reason: 'expired', lot: l.code, docRef: `EXPIRED-${date}`, note: `Lot ${l.code} past its expiry` }));
          x.main -= l.qty;
          l.qty = 0;
          s.expiredWriteOffs++;
        }
      }
    }
    // 08:00–09:00 pick bins topped up from overflow.
    const refill = sims.filter((x) => x.overflowBin !== null && x.over > 0 && x.main < Math.ceil(rate(x, d) * 5) + x.demand[d]);
    refill.forEach((x, i) => {
      spread(d, 8, 9, i, refill.length);
      const cap = Math.ceil(rate(x, d) * 14) + x.p.packSize + x.demand[d];
      transferIn(x, Math.min(x.over, Math.max(1, cap - x.main)), d);
    });
    // 09:00–17:00 the day's online orders, one issue per item (the real units shipped that day).
    const selling = sims.filter((x) => x.demand[d] > 0);
    selling.forEach((x, i) => {
      spread(d, 9, 17, i, selling.length);
      const q = x.demand[d];
      if (x.main < q && x.over > 0) transferIn(x, Math.min(x.over, q - x.main + Math.ceil(rate(x, d) * 7)), d);
      if (x.main < q) {
        // An order bigger than the shelf: the supplier rushes stock in the same day (rare in a well-run store).
        receive(x, d, roundUp(q - x.main + rate(x, d) * 7, x.p.packSize), `${poFor(x, d, ' (expedited)')}`, 'Expedited delivery for a large order', true);
        s.expedited++;
      }
      count(call('stock.issue', { itemId: x.itemId, locationId: x.bin, quantity: q, docRef: `ORDERS-${date}` }));
      if (x.p.tracking === 'lot') takeLots(x, q);
      x.main -= q;
      s.issues++;
      s.unitsIssued += q;
      // Synthetic shrinkage, rare: a unit broken while picking, now and then one that walks.
      const roll = random();
      if (roll < 0.003 && x.main > 0) remove(x, 1, 'damage', `DMG-${date}`, 'Demo (synthetic): broken while picking');
      else if (roll > 0.9994 && x.main > 1) remove(x, 1 + Math.floor(random() * 2), 'theft', `INC-${date}`, 'Demo (synthetic): missing after a visit, suspected theft');
    });
    // 17:00–17:30 customer returns back to the shelf (the cancellations in the data that were not same-day).
    const returning = sims.filter((x) => retIndex(x.p, d) >= 0);
    returning.forEach((x, i) => {
      spread(d, 17, 17.5, i, returning.length);
      addBack(x, d, x.p.returned.q[retIndex(x.p, d)], 'found', `RMA-${++rma}`, 'Customer return back to stock (a cancellation in the source data); booked as found until the returns module lands');
      s.returns++;
    });
    // 17:30–18:00 the store's own stock lines from the data, then the day's cycle counts (synthetic).
    const adjusting = sims.filter((x) => x.p.adjustments.d.includes(d));
    adjusting.forEach((x, i) => {
      spread(d, 17.5, 17.75, i, adjusting.length);
      const k = x.p.adjustments.d.indexOf(d);
      const q = x.p.adjustments.q[k];
      const reason = x.p.adjustments.r[k];
      const note = 'From the source data: a zero-price stock line of the shop';
      if (q > 0) {
        addBack(x, d, q, reason === 'found' ? 'found' : 'count_correction', `ADJ-${date}`, note);
        s.adjustments++;
      } else if (x.main > 0) {
        remove(x, Math.min(-q, x.main), reason === 'found' ? 'count_correction' : reason, `ADJ-${date}`, note);
      }
    });
    if (weekday(d) !== 0 && weekday(d) !== 6) {
      for (let k = 0; k < 2; k++) {
        const x = sims[(d * 2 + k) % sims.length];
        if (random() >= 0.2) continue;
        clock.set(at(d, 17.8 + k * 0.05));
        const delta = random() < 0.65 ? -1 - Math.floor(random() * 2) : 1;
        if (delta > 0) {
          addBack(x, d, delta, 'count_correction', `COUNT-${date}`, 'Demo (synthetic): cycle count found more than the record');
          s.adjustments++;
        } else if (x.main >= -delta) {
          remove(x, -delta, 'count_correction', `COUNT-${date}`, 'Demo (synthetic): cycle count found less than the record');
        }
      }
    }
    // Evening: reorder what will not last the supplier's lead time plus a week.
    for (const x of sims) {
      const r = rate(x, d);
      if (r <= 0) continue;
      const position = x.main + x.over + x.pending.reduce((a, o) => a + o.qty, 0);
      if (position >= r * (x.supplier.leadDays + SAFETY_DAYS)) continue;
      const arrive = nextWorkday(d + x.supplier.leadDays);
      x.pending.push({ arrive, qty: roundUp(r * (x.supplier.leadDays + x.cover) - position, x.p.packSize), docRef: poFor(x, d) });
    }
  }
  s.openPurchaseOrders = new Set(sims.flatMap((x) => x.pending.map((o) => o.docRef))).size;

  // This morning's web orders, reserved and waiting to be picked.
  const candidates = sims.filter((x) => x.main >= 4);
  const picks = Array.from({ length: Math.min(12, candidates.length) }, (_, i) => candidates[Math.floor((i * candidates.length) / 12)]);
  picks.forEach((x, i) => {
    clock.set(new Date(today.getTime() - (picks.length - i) * 7 * 60_000));
    const r = call('stock.reserve', { itemId: x.itemId, locationId: x.bin, quantity: Math.min(x.p.packSize, Math.floor(x.main / 2)), docRef: `WEB-${90_001 + i}`, note: 'Demo: open web order awaiting picking' });
    s.operations++;
    s.reservations += r.reservationIds.length;
  });
  return s;
}

/** Index of day d in the returns series, or -1 (binary search: the series is sorted). */
function retIndex(p: DemoProduct, d: number): number {
  const a = p.returned.d;
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const m = (lo + hi) >> 1;
    if (a[m] === d) return m;
    if (a[m] < d) lo = m + 1;
    else hi = m - 1;
  }
  return -1;
}
