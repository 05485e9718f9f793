import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Scanner, ScannerEvents, ScannerStatus } from '../../../../src/main/devices/scanner/types';
import type { ScanResult } from '../../../../src/shared/api';
import { makeCore, seedBasic, type TestCore } from '../../../helpers/core';
import { nextEvent, record, until } from './helpers';

const GS = '\x1d';

describe('scan.submit', () => {
  let c: TestCore;
  afterEach(async () => {
    await c.dispose();
  });

  const scan = (raw: string, extra: { aim?: string } = {}): ScanResult => c.ok('scan.submit', { raw, source: 'manual', ...extra });

  it('resolves a valid GTIN to its item and rejects a bad check digit with the expected digit', () => {
    c = makeCore();
    const { mug } = seedBasic(c);
    const ok = scan('4006381333931');
    expect(ok).toMatchObject({ kind: 'gtin', gtin: '04006381333931', item: { id: mug.id, sku: 'MUG-1', name: 'Enamel mug' } });
    expect(ok.message).toBe('GTIN 04006381333931 → MUG-1 Enamel mug');

    const bad = scan('4006381333932');
    expect(bad).toMatchObject({ kind: 'error', errorCode: 'BAD_GTIN_CHECK_DIGIT', message: 'Check digit of 4006381333932 should be 1, not 2' });
    expect(bad.item).toBeUndefined();

    const unknown = scan('5901234123457');
    expect(unknown).toMatchObject({ kind: 'gtin', gtin: '05901234123457', message: 'GTIN 05901234123457 is not in the catalog' });
    expect(unknown.item).toBeUndefined();
  });

  it('parses a GS1 element string with lot and expiry and resolves the GTIN to the item', () => {
    c = makeCore();
    const { mug } = seedBasic(c);
    const r = scan(`]C10104006381333931` + `10L1${GS}17261231`);
    expect(r).toMatchObject({
      kind: 'gs1',
      symbology: 'gs1-128',
      aim: ']C1',
      gtin: '04006381333931',
      item: { id: mug.id, sku: 'MUG-1' },
      lot: 'L1',
      expiry: '2026-12-31',
      message: 'GTIN 04006381333931 → MUG-1 Enamel mug, lot L1, expires 2026-12-31',
    });
    // GS is shown, not swallowed: the operator sees where the variable-length lot ended.
    expect(r.raw).toBe(']C1010400638133393110L1␝17261231');
    expect(r.elements).toEqual([
      { ai: '01', title: expect.any(String), value: '04006381333931' },
      { ai: '10', title: expect.any(String), value: 'L1' },
      { ai: '17', title: expect.any(String), value: '2026-12-31' },
    ]);

    // The same data typed in brackets, and an expired lot (the test clock is 2026-01-05).
    const typed = scan('(01)04006381333931(17)251130(10)OLD');
    expect(typed).toMatchObject({ kind: 'gs1', item: { sku: 'MUG-1' }, lot: 'OLD', expiry: '2025-11-30' });
    expect(typed.message).toBe('GTIN 04006381333931 → MUG-1 Enamel mug, lot OLD, expired 2025-11-30');
  });

  it('finds bins by prefixed and bare barcode, and keeps document prefix and number', () => {
    c = makeCore();
    const { a1, a2 } = seedBasic(c);
    expect(scan('BIN:A-01')).toMatchObject({ kind: 'bin', location: { id: a1.id, path: a1.path }, message: `Bin ${a1.path}` });
    // Our own bin labels carry the bare code.
    expect(scan('A-02')).toMatchObject({ kind: 'bin', location: { id: a2.id, path: a2.path } });
    const missing = scan('BIN:Z-99');
    expect(missing).toMatchObject({ kind: 'bin', errorCode: 'UNKNOWN_LOCATION', message: 'No bin has the code Z-99' });
    expect(missing.location).toBeUndefined();

    expect(scan('SO-1001')).toMatchObject({ kind: 'document', document: { type: 'sales-order', prefix: 'SO-', number: '1001' }, message: 'Sales order SO-1001' });
    expect(scan('po-77')).toMatchObject({ kind: 'document', document: { type: 'purchase-order', prefix: 'po-', number: '77' } });
    expect(scan('MUG-1')).toMatchObject({ kind: 'sku', item: { sku: 'MUG-1' }, message: 'MUG-1 Enamel mug' });
    expect(scan('NOPE-42')).toMatchObject({ kind: 'unknown', message: 'No item, bin or document matches NOPE-42' });
  });

  it('turns garbage into error results with a message, never an API error, and writes nothing to the ledger', () => {
    c = makeCore();
    seedBasic(c);
    const before = c.ok('system.check', {}).movements;

    expect(scan('')).toMatchObject({ kind: 'error', errorCode: 'EMPTY_SCAN', message: 'Empty scan' });
    const shortGtin = scan('(01)123');
    expect(shortGtin.kind).toBe('error');
    expect(shortGtin.message).toMatch(/\(01\)/);
    const badAi = scan(']d2' + '99');
    expect(badAi.kind).toBe('error');
    expect(scan('x'.repeat(5000))).toMatchObject({ kind: 'error', message: 'Too long for a barcode (5000 characters)' });
    const control = scan('\x01\x02\x7f');
    expect(['error', 'unknown']).toContain(control.kind);
    expect(control.raw).toBe('␁␂␡');
    expect(control.message.length).toBeGreaterThan(0);

    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const r = c.call('scan.submit', { raw, source: 'wedge' });
        expect(r.ok).toBe(true);
        if (r.ok) expect(r.value.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );

    expect(c.ok('system.check', {})).toMatchObject({ ok: true, movements: before });
    expect(c.ok('stock.movements', {})).toEqual([]);
    expect(c.ok('stock.balances', {})).toEqual([]);
  });

  it('emits each result as a scan event and keeps the last 50, newest first', () => {
    c = makeCore();
    seedBasic(c);
    const events = record(c.bus, 'scan');
    const first = scan('4006381333931');
    expect(events).toEqual([first]);
    for (let i = 0; i < 55; i++) scan(`SO-${i}`);
    const recent = c.ok('scan.recent', {});
    expect(recent).toHaveLength(50);
    expect(recent[0]!.document?.number).toBe('54');
    expect(recent[49]!.document?.number).toBe('5');
    expect(c.ok('scan.recent', { limit: 2 }).map((r) => r.document?.number)).toEqual(['54', '53']);
  });

  it('uses the configured internal prefixes', () => {
    c = makeCore();
    const { a1 } = seedBasic(c);
    c.ok('devices.configure', { internalPrefixes: [{ prefix: 'LOC/', type: 'bin' }, { prefix: 'PICK-', type: 'document', documentType: 'pick-list' }] });
    expect(scan('LOC/A-01')).toMatchObject({ kind: 'bin', location: { id: a1.id } });
    expect(scan('PICK-9')).toMatchObject({ kind: 'document', document: { type: 'pick-list', number: '9' }, message: 'Pick-list PICK-9' });
    // SO- is no longer a document prefix here, so it is looked up as a code.
    expect(scan('SO-1001').kind).toBe('unknown');
  });

  it('sends scans from a configured HID scanner through the same pipeline', async () => {
    const listeners: { [E in keyof ScannerEvents]: Set<(p: ScannerEvents[E]) => void> } = { scan: new Set(), status: new Set(), fault: new Set() };
    let status: ScannerStatus = { state: 'disconnected', message: 'not started' };
    const fake: Scanner = {
      source: 'hid:0c2e:0b8f',
      get status() {
        return status;
      },
      on(event, fn) {
        (listeners[event] as Set<typeof fn>).add(fn);
        return () => void (listeners[event] as Set<typeof fn>).delete(fn);
      },
      async start() {
        status = { state: 'connected', message: 'connected to fake' };
        for (const fn of listeners.status) fn(status);
      },
      async stop() {},
    };
    const paths: Array<string | undefined> = [];
    c = makeCore({
      devices: {
        createScanner: async (cfg) => {
          paths.push(cfg.path);
          return fake;
        },
      },
    });
    const { mug } = seedBasic(c);
    c.ok('devices.configure', { scanner: { kind: 'hid', path: '/dev/hidraw7' } });
    await c.devices.settled();
    expect(paths).toEqual(['/dev/hidraw7']);
    expect(c.ok('devices.status', {}).scanner).toMatchObject({ kind: 'hid', state: 'connected', source: 'hid:0c2e:0b8f' });

    const got = nextEvent(c.bus, 'scan');
    for (const fn of listeners.scan) fn({ raw: '4006381333931', aim: ']E0', symbology: 'ean-13', source: 'hid:0c2e:0b8f', at: new Date().toISOString() });
    expect(await got).toMatchObject({ source: 'hid', kind: 'gtin', symbology: 'ean-13', item: { id: mug.id } });
    await until(() => c.ok('scan.recent', {}).length === 1, 'the HID scan in scan.recent');
  });
});
