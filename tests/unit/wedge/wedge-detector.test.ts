import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeEvent } from '../../../src/shared/wedge-detector';

const type = (d: WedgeDetector, text: string, gap: number, t0 = 1000, end: string | null = 'Enter'): WedgeEvent[] => {
  const out: WedgeEvent[] = [];
  let t = t0;
  for (const ch of text) out.push(d.key(ch, (t += gap)));
  if (end) out.push(d.key(end, (t += gap)));
  return out.filter((e) => e.type !== 'none');
};

describe('keyboard wedge detection', () => {
  it('reports a burst at scanner speed ending in Enter as a scan', () => {
    const evs = type(new WedgeDetector(), '4006381333931', 8);
    expect(evs.at(-1)).toEqual({ type: 'scan', text: '4006381333931', startedAt: 1008, durationMs: 8 * 13, terminator: 'Enter' });
  });

  it('leaves human-speed typing alone', () => {
    const evs = type(new WedgeDetector(), '4006381333931', 120);
    expect(evs.some((e) => e.type === 'scan')).toBe(false);
  });

  it('takes a short bin label at scanner speed as a scan', () => {
    expect(type(new WedgeDetector(), 'A-01', 6).at(-1)).toMatchObject({ type: 'scan', text: 'A-01' });
  });

  it('needs the minimum length', () => {
    expect(type(new WedgeDetector(), 'ab1', 5).some((e) => e.type === 'scan')).toBe(false);
  });

  it('a slow key in the middle breaks the burst; only the fast tail can be a scan', () => {
    const d = new WedgeDetector();
    type(d, 'hello', 150, 0, null);
    const evs = type(d, 'BIN-A-01', 6, 2000);
    expect(evs.at(-1)).toMatchObject({ type: 'scan', text: 'BIN-A-01' });
  });

  it('ignores Shift inside a scan of upper-case text and turns the GS stand-in back into GS', () => {
    const d = new WedgeDetector({ maxGapMs: 30, minLength: 4, terminators: ['Tab'], gsSubstitute: '~' });
    let t = 0;
    for (const k of ['Shift', '0', '1', '0', '9', '5', '0', '6', '0', '0', '0', '1', '3', '4', '3', '5', '2', '1', '0', 'Shift', 'A', 'B', '~', '2', '1', 'X']) d.key(k, (t += 5));
    const ev = d.key('Tab', (t += 5));
    expect(ev).toMatchObject({ type: 'scan', text: '0109506000134352' + '10AB\x1d21X', terminator: 'Tab' });
  });

  it('reports a scanner without terminator after a pause', () => {
    const d = new WedgeDetector({ maxGapMs: 30, minLength: 6, terminators: [] });
    type(d, 'SO-10042', 4, 0, null);
    expect(d.idle(20)).toEqual({ type: 'none' });
    expect(d.idle(200)).toMatchObject({ type: 'scan', text: 'SO-10042', terminator: 'pause' });
  });

  it('never reports a scan for keys slower than the gap, whatever they are', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('a', '1', 'Enter', 'Tab', 'Shift', 'Backspace', '-'), fc.integer({ min: 36, max: 400 })), { maxLength: 60 }), (keys) => {
        const d = new WedgeDetector();
        let t = 0;
        for (const [k, gap] of keys) expect(d.key(k, (t += gap)).type).not.toBe('scan');
      }),
    );
  });
});
