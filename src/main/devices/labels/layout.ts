import bwipjs from 'bwip-js/node';
import type { Gs1Encoded } from './gs1-element';
import { labelFail } from './label-error';
import type { DotSpace, Dpi } from './label-size';

/**
 * A label is laid out once, in printer dots, into this small element list; the ZPL and the SVG
 * are two renderings of the same list, so the preview shows what the printer will print.
 */
export type Align = 'left' | 'center' | 'right';

export interface TextElement {
  kind: 'text';
  x: number;
  y: number;
  /** Width of the box the line is aligned in. */
  width: number;
  /** Font cell height in dots (ZPL ^A0 height). */
  height: number;
  text: string;
  align: Align;
}

export interface BoxElement {
  kind: 'box';
  x: number;
  y: number;
  width: number;
  height: number;
  thickness: number;
}

export type Symbology = 'ean13' | 'upca' | 'ean8' | 'code128' | 'gs1-128' | 'gs1-datamatrix';

interface BarcodeBase {
  kind: 'barcode';
  /** Top-left of the bars (quiet zones lie outside and were reserved by the layout). */
  x: number;
  y: number;
  /** Module (narrow bar / matrix cell) size in dots. */
  module: number;
  /** Symbol size in dots, bars/cells only. */
  width: number;
  height: number;
}

export interface RetailBarcode extends BarcodeBase {
  symbology: 'ean13' | 'upca' | 'ean8';
  /** Full GTIN-13 / GTIN-12 / GTIN-8 including its check digit. */
  data: string;
}
export interface Code128Barcode extends BarcodeBase {
  symbology: 'code128';
  data: string;
}
export interface Gs1Barcode extends BarcodeBase {
  symbology: 'gs1-128' | 'gs1-datamatrix';
  gs1: Gs1Encoded;
}
export type BarcodeElement = RetailBarcode | Code128Barcode | Gs1Barcode;

export type LabelElement = TextElement | BoxElement | BarcodeElement;

export interface LabelLayout {
  /** Template name, for logs and preview titles. */
  template: string;
  dpi: Dpi;
  widthDots: number;
  heightDots: number;
  elements: LabelElement[];
}

/** bwip-js name and text for a barcode element: the SVG preview and the tests' decoder agree on it. */
export function bwipSpec(b: BarcodeElement): { bcid: string; text: string } {
  switch (b.symbology) {
    case 'ean13':
    case 'upca':
    case 'ean8':
      return { bcid: b.symbology, text: b.data };
    case 'code128':
      return { bcid: 'code128', text: b.data };
    case 'gs1-128':
      return { bcid: 'gs1-128', text: b.gs1.hri };
    case 'gs1-datamatrix':
      return { bcid: 'gs1datamatrix', text: b.gs1.hri };
  }
}

/** Quiet zone each side, in modules (EAN/UPC: the larger left one; Code 128: 10X; DataMatrix: 1X). */
export function quietZoneModules(s: Symbology): number {
  switch (s) {
    case 'ean13':
    case 'upca':
      return 11;
    case 'ean8':
      return 7;
    case 'code128':
    case 'gs1-128':
      return 10;
    case 'gs1-datamatrix':
      return 2;
  }
}

/** Symbol size in modules, measured by bwip-js' encoder (so no encoder of our own). */
export function measureModules(spec: { bcid: string; text: string }): { cols: number; rows: number } {
  type Raw = Array<{ sbs: number[] } | { pixx: number; pixy: number }>;
  let raw: Raw;
  try {
    raw = bwipjs.raw({ bcid: spec.bcid, text: spec.text }) as Raw;
  } catch (e) {
    // bwip-js lints GS1 data too; anything reaching here passed our own validation, so report it plainly.
    return labelFail('BAD_CODE', 'barcode', `Cannot encode "${spec.text}" as ${spec.bcid}: ${String(e)}`);
  }
  const first = raw[0]!;
  if ('sbs' in first) return { cols: first.sbs.reduce((a: number, b: number) => a + b, 0), rows: 1 };
  return { cols: first.pixx, rows: first.pixy };
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type BarcodeInput =
  | { symbology: 'ean13' | 'upca' | 'ean8'; data: string }
  | { symbology: 'code128'; data: string }
  | { symbology: 'gs1-128' | 'gs1-datamatrix'; gs1: Gs1Encoded };

/**
 * Places a barcode in a box: the largest module (up to maxModuleMm) whose symbol plus quiet zones fits,
 * centred horizontally. Fails with BARCODE_DOES_NOT_FIT below minModuleMm, because such a label would
 * print but not scan reliably.
 */
export function placeBarcode(
  s: DotSpace,
  input: BarcodeInput,
  box: Box,
  opts: { maxModuleMm: number; minModuleMm?: number; field: string; align?: Align },
): BarcodeElement {
  const probe = { ...input, kind: 'barcode', x: 0, y: 0, module: 1, width: 0, height: 0 } as BarcodeElement;
  const { cols, rows } = measureModules(bwipSpec(probe));
  const quiet = quietZoneModules(input.symbology);
  const minModule = Math.max(1, Math.ceil((opts.minModuleMm ?? 0.18) * (s.dpi / 25.4)));
  const maxModule = Math.max(minModule, Math.floor(opts.maxModuleMm * (s.dpi / 25.4)));
  const isMatrix = input.symbology === 'gs1-datamatrix';
  let module = 0;
  for (let m = maxModule; m >= minModule; m--) {
    const fitsWidth = (cols + 2 * quiet) * m <= box.width;
    const fitsHeight = !isMatrix || (rows + 2 * quiet) * m <= box.height;
    if (fitsWidth && fitsHeight) {
      module = m;
      break;
    }
  }
  if (module === 0) {
    labelFail('BARCODE_DOES_NOT_FIT', opts.field, `The ${input.symbology} barcode (${cols} modules) does not fit a ${box.width}-dot-wide area at a scannable size; use a larger label or shorter data`);
  }
  const width = cols * module;
  const height = isMatrix ? rows * module : box.height;
  const align = opts.align ?? 'center';
  const free = box.width - width;
  const x = box.x + (align === 'left' ? quiet * module : align === 'right' ? free - quiet * module : Math.round(free / 2));
  const y = isMatrix ? box.y + quiet * module : box.y;
  return { ...input, kind: 'barcode', x, y, module, width, height } as BarcodeElement;
}

/**
 * Average advance of ZPL font 0 (a bold condensed sans) as a share of its height; a little generous
 * so that wrapped lines never run past their box on the printer.
 */
const CHAR_WIDTH = 0.56;

export const textWidth = (text: string, height: number): number => Math.ceil(text.length * height * CHAR_WIDTH);

/** Word-wraps into at most maxLines lines; the last line is cut with "..." if the text is longer. */
export function wrapText(text: string, width: number, height: number, maxLines: number): string[] {
  const perLine = Math.max(1, Math.floor(width / (height * CHAR_WIDTH)));
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    let word = words[i]!;
    while (word.length > perLine) {
      // A single word longer than the line is hard-broken rather than overflowing the label.
      if (current) {
        lines.push(current);
        current = '';
      }
      lines.push(word.slice(0, perLine));
      word = word.slice(perLine);
    }
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= perLine) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = last.length + 3 <= perLine ? `${last}...` : `${last.slice(0, Math.max(0, perLine - 3))}...`;
  return kept;
}

/** The biggest font (≤ maxHeight) at which `text` fits on one line of `width`. */
export function fitOneLine(text: string, width: number, maxHeight: number, minHeight: number): number {
  const h = Math.floor(width / (Math.max(1, text.length) * CHAR_WIDTH));
  return Math.max(minHeight, Math.min(maxHeight, h));
}

/** Text lines stacked from `y`; returns the elements and the y below the last line. */
export function textBlock(
  lines: readonly string[],
  at: { x: number; y: number; width: number },
  height: number,
  align: Align = 'left',
  lineGap = Math.round(height * 0.2),
): { elements: TextElement[]; bottom: number } {
  const elements: TextElement[] = [];
  let y = at.y;
  for (const text of lines) {
    elements.push({ kind: 'text', x: at.x, y, width: at.width, height, text, align });
    y += height + lineGap;
  }
  return { elements, bottom: y - (lines.length ? lineGap : 0) };
}

/** Free text printed on a label: printable, one line, no control characters that would corrupt the ZPL. */
export function checkText(value: string, field: string, maxLength: number, required = true): string {
  const v = value.trim();
  if (required && !v) labelFail('BAD_TEXT', field, `${field} is required`);
  if (v.length > maxLength) labelFail('BAD_TEXT', field, `${field} has ${v.length} characters; at most ${maxLength} fit on the label`);
  if (/[\x00-\x1f\x7f]/.test(v)) labelFail('BAD_TEXT', field, `${field} contains control characters`);
  return v;
}

/**
 * Data for a plain Code 128 (SKU, bin, tracking number). Printable ASCII only, and not `^`, `~`
 * (ZPL command prefixes) or `>` (the ZPL Code 128 invocation prefix), so the bytes sent to the
 * printer encode exactly this text.
 */
export function checkCode128(value: string, field: string, maxLength = 40): string {
  if (!value) labelFail('BAD_CODE', field, `${field} is required`);
  if (value.length > maxLength) labelFail('BAD_CODE', field, `${field} has ${value.length} characters; at most ${maxLength} fit in a barcode here`);
  if (!/^[\x20-\x7e]+$/.test(value) || /[\^~>]/.test(value)) {
    labelFail('BAD_CODE', field, `${field} "${value}" must be printable ASCII without ^ ~ >`);
  }
  return value;
}

/** What a scanner reads from a barcode element (GS1: element string with GS separators, no AIM id). */
export function scanText(b: BarcodeElement): string {
  switch (b.symbology) {
    case 'ean13':
    case 'upca':
    case 'ean8':
    case 'code128':
      return b.data;
    case 'gs1-128':
    case 'gs1-datamatrix':
      return b.gs1.scanData;
  }
}
