import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../../src/main/core/core';
import { wedgeOptions } from '../../../../src/shared/api';
import { WedgeDetector } from '../../../../src/shared/wedge-detector';
import { makeCore, tmpDir, type TestCore } from '../../../helpers/core';
import { nextEvent, record } from './helpers';

describe('devices.config / devices.configure', () => {
  const cores: TestCore[] = [];
  const open = (opts: Parameters<typeof makeCore>[0] = {}): TestCore => {
    const c = makeCore(opts);
    cores.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.dispose();
  });

  it('starts with a keyboard wedge and no scale or printer, and persists changes in the settings table', async () => {
    const dir = tmpDir();
    const a = open({ dir });
    expect(a.ok('devices.config', {})).toMatchObject({
      scanner: { kind: 'wedge', maxGapMs: 35, minLength: 4, terminator: 'Enter' },
      scale: { kind: 'none' },
      printer: { kind: 'none' },
      internalPrefixes: expect.arrayContaining([{ prefix: 'BIN:', type: 'bin' }]),
    });
    const changed = record(a.bus, 'devices.changed');
    const saved = a.ok('devices.configure', {
      scanner: { kind: 'wedge', maxGapMs: 50, minLength: 8, terminator: 'Tab', gsSubstitute: '~' },
      printer: { kind: 'cups', queue: 'zebra_1', dpi: 300 },
    });
    expect(changed).toEqual([{ reason: 'config' }]);
    // Defaults are filled in, and sections not given are kept.
    expect(saved.printer).toEqual({ kind: 'cups', queue: 'zebra_1', dpi: 300, sizes: {} });
    expect(saved.scale).toEqual({ kind: 'none' });
    // The window builds its wedge detector from the saved settings: Tab ends a scan and "~" stands for GS.
    if (saved.scanner.kind !== 'wedge') throw new Error('expected a wedge scanner');
    expect(wedgeOptions(saved.scanner)).toEqual({ maxGapMs: 50, minLength: 8, terminators: ['Tab'], gsSubstitute: '~' });
    const detector = new WedgeDetector(wedgeOptions(saved.scanner));
    let t = 1000;
    for (const k of '0104006381333931' + '10L1~17261231') detector.key(k, (t += 10));
    const burst = detector.key('Tab', (t += 10));
    expect(burst.type).toBe('scan');
    if (burst.type === 'scan') expect(a.ok('scan.submit', { raw: burst.text, source: 'wedge' })).toMatchObject({ kind: 'gs1', lot: 'L1', expiry: '2026-12-31' });
    await a.dispose();
    cores.length = 0;

    const b = open({ dir });
    expect(b.ok('devices.config', {})).toEqual(saved);
    const row = b.db.prepare("SELECT value FROM settings WHERE key = 'devices'").get() as { value: string };
    expect(JSON.parse(row.value)).toEqual(saved);
    // The other settings are untouched by the devices key.
    expect(b.ok('settings.get', {})).toMatchObject({ costingMethod: 'fifo' });
    expect(b.ok('devices.status', {}).printer).toMatchObject({ kind: 'cups', name: 'cups:zebra_1' });
  });

  it('answers bad configuration with field errors and saves nothing', () => {
    const c = open();
    const before = c.ok('devices.config', {});
    const cases: Array<[unknown, Record<string, unknown>]> = [
      [{ scale: { kind: 'serial', protocol: 'mt-sics', path: '/dev/ttyUSB0', baudRate: 1234 } }, { 'scale.baudRate': expect.stringContaining('9600') }],
      [{ scale: { kind: 'serial', protocol: 'xyz', path: '' } }, { 'scale.protocol': expect.any(String), 'scale.path': 'Path is required' }],
      [{ printer: { kind: 'zpl-tcp', host: '', port: 70000 } }, { 'printer.host': 'Host is required', 'printer.port': 'Port is 1–65535' }],
      [{ printer: { kind: 'zpl-tcp', host: 'zebra.local', dpi: 250 } }, { 'printer.dpi': 'DPI must be 203 or 300' }],
      [{ printer: { kind: 'cups', queue: 'a b;rm' } }, { 'printer.queue': expect.any(String) }],
      [{ printer: { kind: 'zpl-tcp', host: 'zebra.local', sizes: { bin: { widthMm: -1, heightMm: 20 } } } }, { 'printer.sizes.bin.widthMm': expect.any(String) }],
      [{ scanner: { kind: 'wedge', maxGapMs: 1 } }, { 'scanner.maxGapMs': 'At least 5 ms' }],
      [{ internalPrefixes: [{ prefix: 'BIN:', type: 'bin' }, { prefix: 'bin:', type: 'bin' }] }, { 'internalPrefixes.1.prefix': 'Prefix bin: is listed twice' }],
      [{ scale: { kind: 'serial', protocol: 'cas', path: '/dev/usb/lp0' }, printer: { kind: 'usb-device', path: '/dev/usb/lp0' } }, { 'printer.path': expect.any(String) }],
    ];
    for (const [input, fields] of cases) {
      const r = c.call('devices.configure', input as never);
      expect(r.ok, JSON.stringify(input)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('VALIDATION');
        expect(r.error.fields).toMatchObject(fields);
      }
    }
    // A clash that only appears when merged with the saved configuration is caught too.
    c.ok('devices.configure', { printer: { kind: 'usb-device', path: '/dev/ttyUSB9' } });
    const clash = c.call('devices.configure', { scale: { kind: 'serial', protocol: 'cas', path: '/dev/ttyUSB9' } });
    expect(clash).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: { 'scale.path': expect.any(String) } } });
    expect(c.ok('devices.config', {}).scale).toEqual(before.scale);
  });

  it('falls back to defaults when the saved configuration is damaged', async () => {
    const dir = tmpDir();
    const a = open({ dir });
    a.db.prepare("INSERT INTO settings (key, value) VALUES ('devices', '{\"scale\":{\"kind\":\"laser\"}}')").run();
    await a.dispose();
    cores.length = 0;
    const logged: string[] = [];
    const core = createCore({ file: `${dir}/stockroom.db`, host: 'test', log: (m) => logged.push(m) });
    try {
      expect(core.router.call('devices.config', {}, { actor: 't', device: 't' })).toMatchObject({ ok: true, value: { scale: { kind: 'none' } } });
      expect(logged).toContain('Saved device configuration is invalid; using defaults');
    } finally {
      await core.dispose();
    }
  });
});

describe('devices.list', () => {
  const cores: TestCore[] = [];
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.dispose();
  });

  it('lists with the real drivers on a machine without scanners or scales, without crashing', async () => {
    const c = makeCore();
    cores.push(c);
    const first = c.ok('devices.list', {});
    expect(first.scanning).toBe(true);
    const inv = await c.devices.refreshInventory();
    expect(inv.scanning).toBe(false);
    expect(inv.scannedAt).toBe('2026-01-05T09:00:00.000Z');
    // Whatever this machine has, every entry is well-formed and none is a scanner/scale the station uses.
    for (const d of inv.devices) expect(d.assigned).toBe(false);
    // Either listing worked or it says why (no udevadm, no libusb/hidraw in a container).
    if (inv.hidReason !== null) expect(inv.hidReason).toMatch(/^Cannot list USB HID devices/);
    if (inv.serialReason !== null) expect(inv.serialReason.length).toBeGreaterThan(0);
    expect(c.ok('devices.list', { refresh: false })).toMatchObject({ scanning: false, scannedAt: inv.scannedAt });
  });

  it('reports why enumeration failed and marks the assigned devices with their status', async () => {
    let hidFails = true;
    const c = makeCore({
      devices: {
        listHid: async () => {
          if (hidFails) throw new Error('libusb-1.0.so.0: cannot open shared object file');
          return [
            { path: '/dev/hidraw1', vendorId: 0x0c2e, productId: 0x0b8f, usagePage: 0x8c, usage: 0x02, manufacturer: 'Honeywell', product: 'Voyager' },
            { path: '/dev/hidraw2', vendorId: 0x0922, productId: 0x8003, usagePage: 0x8d, usage: 0x20, product: 'M10 Postal Scale' },
            { path: '/dev/hidraw3', vendorId: 0x046d, productId: 0xc52b, usagePage: 0x01, usage: 0x06, product: 'Keyboard' },
          ];
        },
        listSerial: async () => ({ ports: [], reason: 'cannot list serial ports: spawn udevadm ENOENT' }),
      },
    });
    cores.push(c);
    const inv = await c.devices.refreshInventory();
    expect(inv).toMatchObject({
      devices: [],
      hidReason: 'Cannot list USB HID devices: libusb-1.0.so.0: cannot open shared object file',
      serialReason: 'cannot list serial ports: spawn udevadm ENOENT',
    });

    hidFails = false;
    c.ok('devices.configure', { printer: { kind: 'usb-device', path: '/dev/usb/lp0', name: 'Zebra GK420d' }, scale: { kind: 'serial', protocol: 'cas', path: '/dev/ttyS9', pollMs: 0 } });
    const changed = nextEvent(c.bus, 'devices.changed', (e) => e.reason === 'inventory');
    c.ok('devices.list', {});
    await changed;
    const list = c.ok('devices.list', { refresh: false });
    expect(list.hidReason).toBeNull();
    expect(list.devices.map((d) => [d.kind, d.path, d.assigned])).toEqual([
      ['hid-scanner', '/dev/hidraw1', false],
      ['hid-scale', '/dev/hidraw2', false],
      // Not enumerable here (no udevadm), but configured: still shown so its status is visible.
      ['serial-port', '/dev/ttyS9', true],
      ['printer', '/dev/usb/lp0', true],
    ]);
    expect(list.devices[0]).toMatchObject({ name: 'Honeywell Voyager', vendorId: '0c2e', productId: '0b8f', state: 'not-configured' });
    expect(list.devices[2]!.state).not.toBe('not-configured');
  });
});
