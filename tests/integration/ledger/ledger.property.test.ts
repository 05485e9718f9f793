import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Input, MethodName, OperationResult } from '../../../src/shared/api';
import { makeCore, tmpDir, type TestCore } from '../../helpers/core';

/**
 * Random sequences of ledger operations (valid, invalid and replayed) against a real SQLite file. After every
 * step: the ledger proves itself (balances = Σ movements, layers = on hand, reserved = reservation log), no bin of a
 * strict warehouse is negative, FIFO value equals an independent model, replays and rejections write nothing.
 */

const dir = tmpDir('stockroom-prop-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

type Cmd =
  | { t: 'receive'; item: number; bin: number; qty: number; cost: number; lot: number }
  | { t: 'issue'; item: number; bin: number; qty: number; lot: number }
  | { t: 'transfer'; item: number; from: number; to: number; qty: number; lot: number }
  | { t: 'adjust'; item: number; bin: number; qty: number; reason: 'damage' | 'found' | 'theft' | 'count_correction'; lot: number }
  | { t: 'reserve'; item: number; bin: number; qty: number }
  | { t: 'release'; res: number; qty: number }
  | { t: 'shipReserved'; res: number; qty: number }
  | { t: 'replay'; back: number }
  | { t: 'bad'; kind: number };

const ITEMS = 3; // 0, 1 plain; 2 lot-tracked
const BINS = 3;
const LOTS = ['L-A', 'L-B'];
const EXPIRY = { 'L-A': '2027-03-01', 'L-B': '2026-12-01' } as Record<string, string>;

const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ t: fc.constant('receive' as const), item: fc.nat(ITEMS - 1), bin: fc.nat(BINS - 1), qty: fc.integer({ min: 1, max: 20 }), cost: fc.integer({ min: 0, max: 5000 }), lot: fc.nat(1) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('issue' as const), item: fc.nat(ITEMS - 1), bin: fc.nat(BINS - 1), qty: fc.integer({ min: 1, max: 25 }), lot: fc.integer({ min: -1, max: 1 }) }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('transfer' as const), item: fc.nat(ITEMS - 1), from: fc.nat(BINS - 1), to: fc.nat(BINS - 1), qty: fc.integer({ min: 1, max: 15 }), lot: fc.integer({ min: -1, max: 1 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      t: fc.constant('adjust' as const),
      item: fc.nat(ITEMS - 1),
      bin: fc.nat(BINS - 1),
      qty: fc.integer({ min: -10, max: 10 }).filter((n) => n !== 0),
      reason: fc.constantFrom('damage' as const, 'found' as const, 'theft' as const, 'count_correction' as const),
      lot: fc.integer({ min: -1, max: 1 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('reserve' as const), item: fc.nat(ITEMS - 1), bin: fc.nat(BINS - 1), qty: fc.integer({ min: 1, max: 10 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('release' as const), res: fc.nat(20), qty: fc.integer({ min: 0, max: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('shipReserved' as const), res: fc.nat(20), qty: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('replay' as const), back: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('bad' as const), kind: fc.nat(6) }) },
);

interface Piece {
  qty: number;
  cost: number;
  at: string;
}

/** An independent model of FIFO queues and reservations, per item/bin/lot. */
class Model {
  queues = new Map<string, Piece[]>();
  reserved = new Map<string, number>();
  key = (item: number, bin: number, lot: string | null) => `${item}|${bin}|${lot ?? ''}`;
  onHand(k: string) {
    return (this.queues.get(k) ?? []).reduce((s, p) => s + p.qty, 0);
  }
  available(k: string) {
    return this.onHand(k) - (this.reserved.get(k) ?? 0);
  }
  put(k: string, pieces: Piece[]) {
    const q = this.queues.get(k) ?? [];
    for (const p of pieces) {
      // stable insert by receipt time: later layers with the same time go after
      let i = q.length;
      while (i > 0 && q[i - 1].at > p.at) i--;
      q.splice(i, 0, { ...p });
    }
    this.queues.set(k, q);
  }
  take(k: string, qty: number): Piece[] {
    const q = this.queues.get(k) ?? [];
    const out: Piece[] = [];
    let left = qty;
    while (left > 0) {
      const head = q[0];
      const n = Math.min(left, head.qty);
      out.push({ qty: n, cost: head.cost, at: head.at });
      head.qty -= n;
      left -= n;
      if (head.qty === 0) q.shift();
    }
    return out;
  }
  value() {
    let v = 0;
    for (const q of this.queues.values()) for (const p of q) v += p.qty * p.cost;
    return v;
  }
}

function fingerprint(c: TestCore): string {
  const one = (s: string) => JSON.stringify(c.db.prepare(s).get());
  return [
    one('SELECT count(*) n, total(on_hand * (item_id + 7 * location_id + 13 * lot_key)) a, total(reserved * (item_id + 3 * location_id)) r FROM balances'),
    one('SELECT count(*) n, max(id) m FROM movements'),
    one('SELECT count(*) n FROM operations'),
    one('SELECT count(*) n, total(remaining * id) r FROM cost_layers'),
    one('SELECT count(*) n FROM lots'),
    one('SELECT count(*) n, total(remaining) r FROM reservations'),
    one('SELECT count(*) n FROM reservation_changes'),
    one('SELECT count(*) n, total(quantity * value_minor) v FROM average_costs'),
  ].join(';');
}

function setup(c: TestCore, allowNegative: boolean) {
  const wh = c.ok('locations.createWarehouse', { code: 'W', name: 'W', allowNegative });
  const bins = Array.from({ length: BINS }, (_, i) => c.ok('locations.create', { warehouseId: wh.id, kind: 'bin', code: `B${i}` }).id);
  const items = Array.from({ length: ITEMS }, (_, i) =>
    c.ok('catalog.create', { sku: `P${i}`, name: `Product ${i}`, costMinor: 100 + i, tracking: i === 2 ? 'lot' : 'none' }).id,
  );
  return { bins, items };
}

function runSequence(cmds: Cmd[], allowNegative: boolean) {
  const c = makeCore({ dir: fs.mkdtempSync(path.join(dir, 'run-')) });
  try {
    const { bins, items } = setup(c, allowNegative);
    const model = new Model();
    const history: { method: MethodName; input: Record<string, unknown>; result: OperationResult }[] = [];
    const reservations: { id: number; key: string }[] = [];
    let n = 0;
    const lotOf = (item: number, lot: number) => (item === 2 ? (lot < 0 ? undefined : LOTS[lot]) : undefined);

    for (const cm of cmds) {
      c.clock.advance(1000);
      const before = fingerprint(c);
      let method: MethodName;
      let input: Record<string, unknown>;
      const key = `k${n++}`;
      switch (cm.t) {
        case 'receive': {
          const lot = items[cm.item] === items[2] ? LOTS[cm.lot] : undefined;
          method = 'stock.receive';
          input = { itemId: items[cm.item], locationId: bins[cm.bin], quantity: cm.qty, unitCostMinor: cm.cost, lot, expiry: lot ? EXPIRY[lot] : undefined, idempotencyKey: key };
          break;
        }
        case 'issue':
          method = 'stock.issue';
          input = { itemId: items[cm.item], locationId: bins[cm.bin], quantity: cm.qty, lot: lotOf(cm.item, cm.lot), idempotencyKey: key };
          break;
        case 'transfer':
          method = 'stock.transfer';
          input = { itemId: items[cm.item], fromLocationId: bins[cm.from], toLocationId: bins[cm.to], quantity: cm.qty, lot: lotOf(cm.item, cm.lot), idempotencyKey: key };
          break;
        case 'adjust': {
          const lot = cm.item === 2 ? (cm.qty > 0 ? LOTS[Math.max(cm.lot, 0)] : lotOf(cm.item, cm.lot)) : undefined;
          method = 'stock.adjust';
          input = { itemId: items[cm.item], locationId: bins[cm.bin], quantity: cm.qty, reason: cm.reason, lot, idempotencyKey: key };
          break;
        }
        case 'reserve':
          method = 'stock.reserve';
          input = { itemId: items[cm.item], locationId: bins[cm.bin], quantity: cm.qty, docRef: `SO-${n}`, idempotencyKey: key };
          break;
        case 'release': {
          const r = reservations[cm.res % Math.max(1, reservations.length)];
          method = 'stock.release';
          input = { reservationId: r?.id ?? 999, quantity: cm.qty === 0 ? undefined : cm.qty, idempotencyKey: key };
          break;
        }
        case 'shipReserved': {
          const r = reservations[cm.res % Math.max(1, reservations.length)];
          const [item, bin] = r ? r.key.split('|').map(Number) : [items[0], bins[0]];
          method = 'stock.issue';
          input = { itemId: item, locationId: bin, quantity: cm.qty, reservationId: r?.id ?? 999, idempotencyKey: key };
          break;
        }
        case 'replay': {
          const h = history[history.length - 1 - (cm.back % Math.max(1, history.length))];
          if (!h) continue;
          const again = c.call(h.method, h.input as Input<typeof h.method>);
          expect(again.ok).toBe(true);
          if (again.ok) {
            expect((again.value as OperationResult).replayed).toBe(true);
            // Same movements; a lot's expiry may have been filled in since (it is joined, not part of the movement).
            const strip = (ms: OperationResult['movements']) => ms.map(({ expiry: _e, ...m }) => m);
            expect(strip((again.value as OperationResult).movements)).toEqual(strip(h.result.movements));
          }
          expect(fingerprint(c)).toBe(before);
          continue;
        }
        case 'bad': {
          const bads: [MethodName, Record<string, unknown>][] = [
            ['stock.receive', { itemId: 9999, locationId: bins[0], quantity: 1 }],
            ['stock.receive', { itemId: items[0], locationId: 9999, quantity: 1 }],
            ['stock.receive', { itemId: items[0], locationId: bins[0], quantity: 0 }],
            ['stock.issue', { itemId: items[0], locationId: bins[0], quantity: -3 }],
            ['stock.transfer', { itemId: items[0], fromLocationId: bins[0], toLocationId: bins[0], quantity: 1 }],
            ['stock.receive', { itemId: items[2], locationId: bins[0], quantity: 1 }],
            ['stock.receive', { itemId: items[0], locationId: bins[0], quantity: 1.5 }],
          ];
          const [m, i] = bads[cm.kind % bads.length];
          const r = c.call(m, i as Input<typeof m>);
          expect(r.ok).toBe(false);
          expect(fingerprint(c)).toBe(before);
          continue;
        }
      }

      const res = c.call(method, input as Input<typeof method>);
      if (!res.ok) {
        // A refusal writes nothing, and (in a strict warehouse) only happens for a reason the model agrees with.
        expect(fingerprint(c)).toBe(before);
        expect(res.error.code).not.toBe('INTERNAL');
        continue;
      }
      const out = res.value as OperationResult;
      history.push({ method, input, result: out });
      if (!allowNegative) applyToModel(model, out);
      if (cm.t === 'reserve') for (const id of out.reservationIds) reservations.push({ id, key: `${input.itemId}|${input.locationId}` });

      const check = c.ok('system.check', {});
      expect(check.problems).toEqual([]);
      if (!allowNegative) {
        const neg = c.db.prepare("SELECT count(*) n FROM balances b JOIN locations l ON l.id = b.location_id WHERE l.kind = 'bin' AND (b.on_hand < 0 OR b.reserved > b.on_hand)").get() as { n: number };
        expect(neg.n).toBe(0);
        expect(c.ok('stock.valuation', {}).valueMinor).toBe(model.value());
      }
    }
  } finally {
    c.close();
  }
}

/** Mirrors each accepted operation in the model from its movements, and checks FIFO costs against the model. */
function applyToModel(model: Model, out: OperationResult) {
  for (const m of out.movements) {
    const fromKey = model.key(m.itemId, m.fromLocationId, m.lot);
    const toKey = model.key(m.itemId, m.toLocationId, m.lot);
    const fromBin = !['Suppliers', 'Customers', 'Scrap', 'Inventory adjustment'].includes(m.fromPath);
    const toBin = !['Suppliers', 'Customers', 'Scrap', 'Inventory adjustment'].includes(m.toPath);
    expect(fromBin ? model.onHand(fromKey) : m.quantity).toBeGreaterThanOrEqual(m.quantity);
    const pieces = fromBin ? model.take(fromKey, m.quantity) : [{ qty: m.quantity, cost: m.unitCostMinor, at: m.createdAt }];
    if (fromBin) expect(m.totalCostMinor).toBe(pieces.reduce((s, p) => s + p.qty * p.cost, 0));
    if (toBin) model.put(toKey, pieces);
  }
}

describe('ledger properties', () => {
  it('holds every invariant over random sequences in a warehouse that forbids negative stock', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 30 }), (cmds) => runSequence(cmds, false)),
      { numRuns: 1000 },
    );
  }, 600_000);

  it('keeps balances, layers and reservations consistent where negative on-hand is allowed', () => {
    fc.assert(
      fc.property(fc.array(cmd, { minLength: 5, maxLength: 30 }), (cmds) => runSequence(cmds, true)),
      { numRuns: 300 },
    );
  }, 600_000);
});
