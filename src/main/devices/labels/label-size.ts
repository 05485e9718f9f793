import { labelFail } from './label-error';

/** Thermal heads come in these two densities on the printers we support (8 and 12 dots/mm). */
export type Dpi = 203 | 300;

export interface LabelSize {
  width: number;
  height: number;
  unit: 'mm' | 'in';
}

export interface LabelOptions {
  size: LabelSize;
  dpi: Dpi;
}

export interface DotSpace {
  dpi: Dpi;
  widthDots: number;
  heightDots: number;
  /** Millimetres → dots, rounded: layouts are written in mm so one template serves both densities. */
  mm(v: number): number;
}

// Zebra's own sizing uses these per-millimetre densities (4 in at 203 dpi = 812 dots).
const DOTS_PER_INCH: Record<Dpi, number> = { 203: 203, 300: 300 };

export function dotSpace(options: LabelOptions): DotSpace {
  const { size, dpi } = options;
  if (dpi !== 203 && dpi !== 300) labelFail('BAD_SIZE', 'dpi', `DPI must be 203 or 300, not ${String(dpi)}`);
  const perUnit = size.unit === 'in' ? DOTS_PER_INCH[dpi] : DOTS_PER_INCH[dpi] / 25.4;
  if (!(size.width > 0) || !(size.height > 0)) labelFail('BAD_SIZE', 'size', 'Label width and height must be positive');
  const widthDots = Math.round(size.width * perUnit);
  const heightDots = Math.round(size.height * perUnit);
  // 4.09 in is the widest common desktop/industrial head at 203 dpi; 8.5 in covers wide industrial heads.
  if (widthDots > 8.5 * dpi || heightDots > 40 * dpi) labelFail('BAD_SIZE', 'size', 'Label is larger than any supported printer');
  const perMm = DOTS_PER_INCH[dpi] / 25.4;
  return { dpi, widthDots, heightDots, mm: (v) => Math.round(v * perMm) };
}

export const inches = (width: number, height: number): LabelSize => ({ width, height, unit: 'in' });
export const millimetres = (width: number, height: number): LabelSize => ({ width, height, unit: 'mm' });
