import { labelFail } from './label-error';
import type { LabelLayout } from './layout';
import { renderHtml, renderSvg } from './render-svg';
import { renderZpl } from './render-zpl';

/** What every template returns: the same layout as ZPL for thermal printers and SVG/HTML for preview and OS printing. */
export interface RenderedLabel {
  template: string;
  zpl: string;
  svg: string;
  /** Full page for OS printing (DYMO/Brother via the Electron shell). */
  html: string;
  widthDots: number;
  heightDots: number;
  layout: LabelLayout;
  /**
   * Every page of a multi-label document (a packing slip that runs over): `layout` is the first one, `zpl` holds one
   * ^XA…^XZ format per page in order, `html` one printed page per label, `svg` previews the first page.
   */
  pages?: LabelLayout[];
}

export function finishLabel(layout: LabelLayout, copies = 1): RenderedLabel {
  if (!Number.isInteger(copies) || copies < 1 || copies > 9999) {
    labelFail('BAD_COPIES', 'copies', `Copies must be a whole number from 1 to 9999, not ${copies}`);
  }
  return {
    template: layout.template,
    zpl: renderZpl(layout, { copies }),
    svg: renderSvg(layout),
    html: renderHtml(layout),
    widthDots: layout.widthDots,
    heightDots: layout.heightDots,
    layout,
  };
}

/** A document printed on several labels of the same stock, in order. One page is exactly `finishLabel`. */
export function finishPages(pages: readonly LabelLayout[], copies = 1): RenderedLabel {
  const first = pages[0];
  if (!first) return labelFail('BAD_SIZE', 'size', 'Nothing to print');
  if (pages.length === 1) return finishLabel(first, copies);
  const single = finishLabel(first, copies);
  const body = pages.map((p) => `<div class="page">${renderSvg(p)}</div>`).join('');
  const wIn = Math.round((first.widthDots / first.dpi) * 1000) / 1000;
  const hIn = Math.round((first.heightDots / first.dpi) * 1000) / 1000;
  return {
    ...single,
    zpl: pages.map((p) => renderZpl(p, { copies })).join(''),
    html:
      `<!doctype html><html><head><meta charset="utf-8"><title>${first.template}</title>` +
      `<style>@page{size:${wIn}in ${hIn}in;margin:0}html,body{margin:0;padding:0}svg{display:block}.page{break-after:page}.page:last-child{break-after:auto}</style>` +
      `</head><body>${body}</body></html>`,
    pages: [...pages],
  };
}
