/**
 * Every template is rendered to an image both ways a label reaches paper — the ZPL through a ZPL
 * renderer (what a Zebra prints) and the preview's bwip-js symbols (what an OS printer prints) — and
 * each barcode is decoded back with ZXing. A label that would not scan fails here.
 * Preview PNGs/SVGs land in tests/artifacts/labels/ for a human look.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Dpi } from '../../../../src/main/devices/labels';
import {
  barcodesOf,
  decodePng,
  expectedDecode,
  inkCoverage,
  pngSize,
  renderBarcodePng,
  renderZplToPng,
} from '../../../fakes/printer/label-image';
import { sampleLabels } from './label-samples';

const ARTIFACTS = path.resolve(__dirname, '../../../artifacts/labels');

beforeAll(() => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
});

describe.each([203, 300] as Dpi[])('labels at %i dpi', (dpi) => {
  const labels = sampleLabels(dpi);

  it.each(Object.keys(labels))('%s: printed ZPL scans back to the same data', async (name) => {
    const label = labels[name]!;
    const png = await renderZplToPng(label.zpl, label.layout);
    fs.writeFileSync(path.join(ARTIFACTS, `${name}-${dpi}.png`), png);
    fs.writeFileSync(path.join(ARTIFACTS, `${name}-${dpi}.svg`), label.svg);
    fs.writeFileSync(path.join(ARTIFACTS, `${name}-${dpi}.zpl`), label.zpl);

    expect(pngSize(png)).toEqual({ width: label.widthDots, height: label.heightDots });
    // Not blank and not a black slab: text and bars were drawn.
    const ink = inkCoverage(png);
    expect(ink).toBeGreaterThan(0.01);
    expect(ink).toBeLessThan(0.5);

    const expected = barcodesOf(label.layout).map(expectedDecode);
    expect(expected.length).toBeGreaterThan(0);
    const decoded = await decodePng(png);
    // EAN-8 is the one symbology the ZPL renderer lacks (^B8); its bars are checked by the preview test.
    const printable = expected.filter((e) => e.format !== 'EAN8');
    for (const want of printable) expect(decoded).toContainEqual(want);
    // Nothing else on the label decodes as a barcode (e.g. a stray or duplicated symbol).
    expect(decoded.length).toBe(printable.length);
  });

  it.each(Object.keys(labels))('%s: preview (bwip-js) symbols scan back to the same data', async (name) => {
    for (const b of barcodesOf(labels[name]!.layout)) {
      const decoded = await decodePng(await renderBarcodePng(b));
      expect(decoded).toEqual([expectedDecode(b)]);
    }
  });
});

describe('decoder sanity', () => {
  it('a symbol with a wrong check digit does not decode as the intended data', async () => {
    // Guards the test above: if the decoder accepted anything, every label would "scan".
    const sample = sampleLabels(203)['item-ean13']!;
    const broken = sample.zpl.replace('^FD590123412345^FS', '^FD590123412346^FS');
    expect(broken).not.toBe(sample.zpl);
    const decoded = await decodePng(await renderZplToPng(broken, sample.layout));
    expect(decoded.map((d) => d.text)).not.toContain('5901234123457');
  });
});
