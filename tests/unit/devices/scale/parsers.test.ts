import { describe, expect, it } from 'vitest';
import { createFramer, lineFramer } from '../../../../src/main/devices/serial/framer';
import { createCasProtocol, parseCas } from '../../../../src/main/devices/scale/protocols/cas';
import { createMtSicsProtocol, encodeMtSics, parseMtSics } from '../../../../src/main/devices/scale/protocols/mt-sics';
import { createScp01Protocol, encodeScp01, parseScp01, parseScp01Status, splitScp01Weight } from '../../../../src/main/devices/scale/protocols/scp-01';

const b = (s: string) => Buffer.from(s, 'latin1');

describe('framer', () => {
  it('joins a frame split across reads and splits several frames in one read', () => {
    const f = lineFramer();
    expect(f.push(b('S S  ')).frames).toEqual([]);
    expect(f.push(b('   100.00 ')).frames).toEqual([]);
    expect(f.push(b('g\r')).frames).toEqual([]);
    expect(f.push(b('\nS D      1.00 g\r\nS +\r\nS ')).frames.map(String)).toEqual(['S S     100.00 g', 'S D      1.00 g', 'S +']);
    expect(f.push(b('-\r\n')).frames.map(String)).toEqual(['S -']);
  });

  it('drops an endless frame as an overflow instead of growing', () => {
    const f = createFramer({ delimiter: Buffer.from([3]), maxFrameBytes: 16 });
    const r = f.push(Buffer.alloc(40, 0x41));
    expect(r.frames).toEqual([]);
    expect(r.overflows).toBe(1);
    expect(f.push(b('\n0001.00lb\r\n00\r\x03')).frames.map(String)).toEqual(['\n0001.00lb\r\n00\r']);
  });

  it('reset forgets a half frame', () => {
    const f = lineFramer();
    f.push(b('S S    12'));
    f.reset();
    expect(f.push(b('S S      1.00 g\r\n')).frames.map(String)).toEqual(['S S      1.00 g']);
  });
});

describe('MT-SICS parser', () => {
  it('encodes commands with CR LF', () => {
    expect(encodeMtSics('SI')).toEqual(b('SI\r\n'));
    expect(encodeMtSics('Z')).toEqual(b('Z\r\n'));
  });

  it('parses stable, dynamic, over/underload and busy weight responses', () => {
    expect(parseMtSics('S S     100.00 g')).toEqual({ type: 'weight', status: 'S', value: '100.00', unit: 'g' });
    expect(parseMtSics('S S      0.256 kg')).toEqual({ type: 'weight', status: 'S', value: '0.256', unit: 'kg' });
    expect(parseMtSics('S D     -12.3 g')).toEqual({ type: 'weight', status: 'D', value: '-12.3', unit: 'g' });
    expect(parseMtSics('S D   -  12.3 g')).toEqual({ type: 'weight', status: 'D', value: '-12.3', unit: 'g' });
    expect(parseMtSics('S +')).toEqual({ type: 'weight-status', status: '+' });
    expect(parseMtSics('S -')).toEqual({ type: 'weight-status', status: '-' });
    expect(parseMtSics('S I')).toEqual({ type: 'weight-status', status: 'I' });
  });

  it('parses zero, tare and error answers', () => {
    expect(parseMtSics('Z A')).toEqual({ type: 'zero', status: 'A' });
    expect(parseMtSics('Z I')).toEqual({ type: 'zero', status: 'I' });
    expect(parseMtSics('T S      2.486 g')).toEqual({ type: 'tare', status: 'S', value: '2.486', unit: 'g' });
    expect(parseMtSics('T A 2.486 g')).toEqual({ type: 'tare', status: 'A', value: '2.486', unit: 'g' });
    expect(parseMtSics('T +')).toEqual({ type: 'tare-status', status: '+' });
    expect(parseMtSics('ES')).toEqual({ type: 'error', code: 'ES' });
    expect(parseMtSics('EL')).toEqual({ type: 'error', code: 'EL' });
    expect(parseMtSics('I4 A "0123456789"').type).toBe('other');
  });

  it('skips binary noise before a response but refuses noise inside it', () => {
    expect(parseMtSics('\x00\xff\x1bS S     100.00 g')).toMatchObject({ type: 'weight', value: '100.00' });
    expect(parseMtSics('S S    1\x0000.00 g').type).toBe('bad');
    expect(parseMtSics('garbageS S 1.00 g').type).toBe('bad');
    expect(parseMtSics('S X 1.00 g').type).toBe('bad');
    expect(parseMtSics('').type).toBe('bad');
  });

  it('decodes into readings and replies', () => {
    const p = createMtSicsProtocol();
    expect(p.encode('weight')).toEqual(b('SI\r\n'));
    expect(createMtSicsProtocol({ weightCommand: 'S' }).encode('weight')).toEqual(b('S\r\n'));
    expect(p.decode(b('S D      5.0 g'))).toEqual({ kind: 'reading', reading: { valueText: '5.0', unitText: 'g', condition: 'motion' } });
    expect(p.decode(b('S +'))).toMatchObject({ kind: 'reading', reading: { condition: 'overload', valueText: null } });
    expect(p.decode(b('Z I'))).toMatchObject({ kind: 'reply', to: 'zero', ok: false, code: 'BUSY' });
    expect(p.decode(b('Z -'))).toMatchObject({ kind: 'reply', to: 'zero', ok: false, code: 'OUT_OF_RANGE' });
    expect(p.decode(b('EL'))).toMatchObject({ kind: 'reply', to: 'any', ok: false, code: 'DEVICE_ERROR' });
    expect(p.decode(b('T S  1.00 g'))).toMatchObject({ kind: 'reply', to: 'tare', ok: true, reading: { valueText: '1.00' } });
  });
});

describe('SCP-01 parser', () => {
  it('encodes commands with CR', () => {
    expect(encodeScp01('W')).toEqual(b('W\r'));
    expect(createScp01Protocol().encode('zero')).toEqual(b('Z\r'));
    expect(createScp01Protocol().encode('tare')).toBeNull();
  });

  it('reads status bits', () => {
    expect(parseScp01Status('00')).toEqual({ motion: false, atZero: false, underCapacity: false, overCapacity: false, faults: [] });
    expect(parseScp01Status('10')).toMatchObject({ motion: true });
    expect(parseScp01Status('20')).toMatchObject({ atZero: true, motion: false });
    expect(parseScp01Status('01')).toMatchObject({ underCapacity: true });
    expect(parseScp01Status('02')).toMatchObject({ overCapacity: true });
    expect(parseScp01Status('48')).toMatchObject({ faults: ['RAM error', 'faulty calibration'] });
    // bit 6 "another byte follows" on byte 2, and a parity bit on byte 1
    expect(parseScp01Status('\xb1p0')).toMatchObject({ motion: true, underCapacity: false });
    expect(parseScp01Status('A0')).toBeNull();
  });

  it('parses weight frames, status frames and the error frame', () => {
    expect(parseScp01('\n0001.25lb\r\n00\r')).toMatchObject({ type: 'weight', weightText: '0001.25lb', status: { motion: false } });
    expect(parseScp01('\n0000.00lb\r\n20\r')).toMatchObject({ type: 'weight', status: { atZero: true } });
    expect(parseScp01('\n 12.50 kg\r\n10\r')).toMatchObject({ type: 'weight', weightText: ' 12.50 kg', status: { motion: true } });
    expect(parseScp01('\n00\r')).toMatchObject({ type: 'status' });
    expect(parseScp01('\n?\r')).toEqual({ type: 'unrecognized' });
    expect(parseScp01('junk').type).toBe('bad');
    expect(splitScp01Weight('0001.25lb')).toEqual({ value: '0001.25', unit: 'lb' });
    expect(splitScp01Weight('-001.25 kg')).toEqual({ value: '-001.25', unit: 'kg' });
    expect(splitScp01Weight('^^^^^^lb')).toBeNull();
  });

  it('finds the frame after garbage and decodes conditions', () => {
    const p = createScp01Protocol();
    expect(p.decode(b('\xff\x00#!\n0001.25lb\r\n00\r'))).toEqual({ kind: 'reading', reading: { valueText: '0001.25', unitText: 'lb', condition: 'stable' } });
    expect(p.decode(b('\n0001.25lb\r\n10\r'))).toMatchObject({ reading: { condition: 'motion' } });
    expect(p.decode(b('\n^^^^^^^lb\r\n02\r'))).toMatchObject({ kind: 'reading', reading: { condition: 'overload', valueText: null } });
    expect(p.decode(b('\n_______lb\r\n01\r'))).toMatchObject({ kind: 'reading', reading: { condition: 'underload' } });
    expect(p.decode(b('\n0001.25lb\r\n40\r'))).toMatchObject({ reading: { condition: 'fault', message: 'RAM error' } });
    expect(p.decode(b('\n##.##lb\r\n00\r'))).toMatchObject({ kind: 'bad' });
    expect(p.decode(b('\n20\r'))).toEqual({ kind: 'reply', to: 'zero', ok: true });
    expect(p.decode(b('\n?\r'))).toMatchObject({ kind: 'reply', to: 'any', ok: false, code: 'DEVICE_ERROR' });
  });
});

describe('CAS parser', () => {
  it('parses the 18-byte, 22-byte and weight-only forms', () => {
    expect(parseCas('ST,GS,+  1.234kg')).toEqual({ type: 'reading', header: 'ST', gross: true, value: '+1.234', unit: 'kg' });
    expect(parseCas('US,NT,-  0.050kg')).toEqual({ type: 'reading', header: 'US', gross: false, value: '-0.050', unit: 'kg' });
    expect(parseCas('ST,GS,\x01\xb0,+  1.234 kg')).toMatchObject({ header: 'ST', value: '+1.234', unit: 'kg' });
    expect(parseCas('OL,GS,+ OL    kg')).toMatchObject({ type: 'reading', header: 'OL', value: null });
    expect(parseCas('  12.345')).toEqual({ type: 'reading', header: null, gross: null, value: '12.345', unit: null });
    expect(parseCas('hello world').type).toBe('bad');
    expect(parseCas('ST,GS,+ 1.2.3kg').type).toBe('bad');
  });

  it('resynchronizes on the last header after garbage', () => {
    expect(parseCas('\x00\xffzz,ST,GS,+  2.000kg')).toMatchObject({ header: 'ST', value: '+2.000' });
  });

  it('decodes headers into conditions; weight-only lines get the default unit', () => {
    const p = createCasProtocol();
    expect(p.streaming).toBe(true);
    expect(p.encode('zero')).toBeNull();
    expect(p.decode(b('ST,GS,+  1.234kg'))).toEqual({ kind: 'reading', reading: { valueText: '+1.234', unitText: 'kg', condition: 'stable' } });
    expect(p.decode(b('US,GS,+  1.234kg'))).toMatchObject({ reading: { condition: 'motion' } });
    expect(p.decode(b('OL,GS,+ OL    kg'))).toMatchObject({ reading: { condition: 'overload', valueText: null } });
    expect(createCasProtocol({ defaultUnit: 'lb' }).decode(b('    3.25'))).toEqual({
      kind: 'reading',
      reading: { valueText: '3.25', unitText: 'lb', condition: 'unknown' },
    });
  });
});
