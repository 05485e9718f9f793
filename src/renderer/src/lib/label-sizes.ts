import { LABEL_SIZE_PRESETS, type LabelSizeInput, type LabelSizePreset } from '../../../shared/api/devices';

const fmt = (n: number): string => String(n);

/** "4 × 6 in", "62 × 29 mm": how label stock is named on the box. */
export function sizeText(s: { width: number; height: number; unit: 'mm' | 'in' }): string {
  return `${fmt(s.width)} × ${fmt(s.height)} ${s.unit}`;
}

export const PRESET_NAMES = Object.keys(LABEL_SIZE_PRESETS) as LabelSizePreset[];

/** A size as the value of a select: the preset name, or "mm:W:H" for explicit millimetres. */
export function sizeKey(s: LabelSizeInput | undefined): string {
  if (!s) return '';
  return 'preset' in s ? s.preset : `mm:${s.widthMm}:${s.heightMm}`;
}

export function sizeFromKey(key: string): LabelSizeInput | undefined {
  if (!key) return undefined;
  const m = /^mm:([\d.]+):([\d.]+)$/.exec(key);
  if (m) return { widthMm: Number(m[1]), heightMm: Number(m[2]) };
  return (PRESET_NAMES as string[]).includes(key) ? { preset: key as LabelSizePreset } : undefined;
}

export function sizeKeyText(key: string): string {
  const s = sizeFromKey(key);
  if (!s) return key;
  return 'preset' in s ? sizeText(LABEL_SIZE_PRESETS[s.preset]) : `${s.widthMm} × ${s.heightMm} mm`;
}
