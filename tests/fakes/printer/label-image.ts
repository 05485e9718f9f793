/**
 * Test-only imaging: ZPL → PNG with zpl-renderer-js (zebrash compiled to WASM, runs offline), barcode
 * PNGs with bwip-js, and decoding with zxing-wasm (ZXing-C++), whose .wasm is loaded from node_modules
 * so nothing is fetched from the network.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import bwipjs from 'bwip-js/node';
import { PNG } from 'pngjs';
import { ready } from 'zpl-renderer-js';
import { prepareZXingModule, readBarcodes, type ReadResult } from 'zxing-wasm/reader';
import { bwipSpec, scanText, type BarcodeElement, type LabelLayout } from '../../../src/main/devices/labels/layout';

const require = createRequire(import.meta.url);
let prepared = false;
function prepareDecoder(): void {
  if (prepared) return;
  const wasm = readFileSync(require.resolve('zxing-wasm/reader/zxing_reader.wasm'));
  prepareZXingModule({ overrides: { wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer } });
  prepared = true;
}

const DOTS_PER_MM = { 203: 8, 300: 12 } as const;

/** Renders ZPL the way a printer of this density would, one PNG pixel per dot. */
export async function renderZplToPng(zpl: string, layout: Pick<LabelLayout, 'dpi' | 'widthDots' | 'heightDots'>): Promise<Buffer> {
  const { api } = await ready;
  const dpmm = DOTS_PER_MM[layout.dpi];
  const b64 = await api.zplToBase64Async(zpl, layout.widthDots / dpmm, layout.heightDots / dpmm, dpmm);
  return Buffer.from(b64, 'base64');
}

export interface Decoded {
  format: string;
  text: string;
  symbologyIdentifier: string;
}

export async function decodePng(png: Buffer): Promise<Decoded[]> {
  prepareDecoder();
  const results: ReadResult[] = await readBarcodes(new Uint8Array(png), {
    tryHarder: true,
    maxNumberOfSymbols: 8,
    // Plain: GS1 separators come back as GS (0x1D), exactly as a scanner transmits them.
    textMode: 'Plain',
    formats: ['EAN13', 'UPCA', 'EAN8', 'Code128', 'DataMatrix'],
  });
  return results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text, symbologyIdentifier: r.symbologyIdentifier }));
}

/** The ZXing format name and AIM identifier a correct symbol of this element decodes with. */
export function expectedDecode(b: BarcodeElement): Decoded {
  switch (b.symbology) {
    case 'ean13':
      return { format: 'EAN13', text: scanText(b), symbologyIdentifier: ']E0' };
    case 'upca':
      // A UPC-A symbol is the EAN-13 symbol with a leading 0; ZXing-C++ reports it in that 13-digit form.
      return { format: 'EAN13', text: `0${scanText(b)}`, symbologyIdentifier: ']E0' };
    case 'ean8':
      return { format: 'EAN8', text: scanText(b), symbologyIdentifier: ']E4' };
    case 'code128':
      return { format: 'Code128', text: scanText(b), symbologyIdentifier: ']C0' };
    case 'gs1-128':
      return { format: 'Code128', text: scanText(b), symbologyIdentifier: ']C1' };
    case 'gs1-datamatrix':
      return { format: 'DataMatrix', text: scanText(b), symbologyIdentifier: ']d2' };
  }
}

export const barcodesOf = (layout: LabelLayout): BarcodeElement[] => layout.elements.filter((e): e is BarcodeElement => e.kind === 'barcode');

/** The same symbol as the SVG preview draws it (bwip-js), rasterised alone with a quiet zone. */
export async function renderBarcodePng(b: BarcodeElement): Promise<Buffer> {
  const spec = bwipSpec(b);
  const linear = b.symbology !== 'gs1-datamatrix';
  return bwipjs.toBuffer({ bcid: spec.bcid, text: spec.text, scale: 3, ...(linear ? { height: 12 } : {}), padding: 10, backgroundcolor: 'FFFFFF' });
}

/** Share of black pixels in a PNG: a cheap check that a rendered label is not blank or solid. */
export function inkCoverage(png: Buffer): number {
  const img = PNG.sync.read(png);
  let black = 0;
  for (let i = 0; i < img.data.length; i += 4) if (img.data[i]! < 128) black++;
  return black / (img.width * img.height);
}

export function pngSize(png: Buffer): { width: number; height: number } {
  const img = PNG.sync.read(png);
  return { width: img.width, height: img.height };
}
