import bwipjs from 'bwip-js/node';
import { bwipSpec, type BarcodeElement, type LabelElement, type LabelLayout, type TextElement } from './layout';

/**
 * SVG rendering of a layout, one SVG user unit per printer dot, for the on-screen preview and for
 * OS printing (DYMO/Brother through the Electron shell). Barcodes are drawn by bwip-js.
 */
export function renderSvg(layout: LabelLayout): string {
  const { widthDots: w, heightDots: h, dpi } = layout;
  const body = layout.elements.map(elementSvg).join('\n');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${round(w / dpi)}in" height="${round(h / dpi)}in" viewBox="0 0 ${w} ${h}">\n` +
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#fff"/>\n${body}\n</svg>\n`
  );
}

/** A print-ready HTML page holding the SVG at its physical size, for `webContents.print`/`printToPDF`. */
export function renderHtml(layout: LabelLayout, title = layout.template): string {
  const wIn = round(layout.widthDots / layout.dpi);
  const hIn = round(layout.heightDots / layout.dpi);
  return (
    `<!doctype html><html><head><meta charset="utf-8"><title>${escapeXml(title)}</title>` +
    `<style>@page{size:${wIn}in ${hIn}in;margin:0}html,body{margin:0;padding:0}svg{display:block}</style>` +
    `</head><body>${renderSvg(layout)}</body></html>`
  );
}

const round = (v: number): number => Math.round(v * 1000) / 1000;

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function elementSvg(e: LabelElement): string {
  switch (e.kind) {
    case 'text':
      return textSvg(e);
    case 'box': {
      const t = e.thickness;
      // ^GB draws its border inside the box; a thin box of thickness ≥ its height is a solid bar.
      if (t * 2 >= e.height || t * 2 >= e.width) return `<rect x="${e.x}" y="${e.y}" width="${e.width}" height="${e.height}" fill="#000"/>`;
      return `<rect x="${e.x + t / 2}" y="${e.y + t / 2}" width="${e.width - t}" height="${e.height - t}" fill="none" stroke="#000" stroke-width="${t}"/>`;
    }
    case 'barcode':
      return barcodeSvg(e);
  }
}

const ANCHOR: Record<TextElement['align'], string> = { left: 'start', center: 'middle', right: 'end' };

function textSvg(e: TextElement): string {
  const x = e.align === 'left' ? e.x : e.align === 'center' ? e.x + e.width / 2 : e.x + e.width;
  // ZPL places the top of the character cell at ^FO; SVG places the baseline, about 0.8 em lower.
  const baseline = e.y + Math.round(e.height * 0.82);
  return (
    `<text x="${x}" y="${baseline}" font-family="'Helvetica Neue', 'Arial Narrow', Arial, sans-serif" font-weight="bold" ` +
    `font-size="${e.height}" text-anchor="${ANCHOR[e.align]}">${escapeXml(e.text)}</text>`
  );
}

/** Where bwip-js starts the bars in its retail SVGs with text: room for the number system digit. */
const RETAIL_BAR_OFFSET: Record<'ean13' | 'upca' | 'ean8', number> = { ean13: 11, upca: 9, ean8: 0 };

export function barcodeSvg(b: BarcodeElement): string {
  const spec = bwipSpec(b);
  const retail = b.symbology === 'ean13' || b.symbology === 'upca' || b.symbology === 'ean8';
  const linear = b.symbology !== 'gs1-datamatrix';
  // bwip-js takes bar height in mm at 72 units/inch; one SVG unit per module keeps the scale uniform.
  const barHeightUnits = b.height / b.module;
  const svg = bwipjs.toSVG({
    bcid: spec.bcid,
    text: spec.text,
    scale: 1,
    ...(linear ? { height: (barHeightUnits * 25.4) / 72 } : {}),
    includetext: retail,
  });
  const m = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  const vbW = Number(m?.[1] ?? 0);
  const vbH = Number(m?.[2] ?? 0);
  const inner = svg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  let x = b.x;
  let width: number;
  let height: number;
  if (retail) {
    x -= RETAIL_BAR_OFFSET[b.symbology] * b.module;
    width = vbW * b.module;
    height = vbH * b.module;
  } else {
    width = b.width;
    height = b.height;
  }
  return `<svg x="${x}" y="${b.y}" width="${width}" height="${height}" viewBox="0 0 ${vbW} ${vbH}" preserveAspectRatio="none">${inner}</svg>`;
}
