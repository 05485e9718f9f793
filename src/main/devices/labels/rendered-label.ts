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
