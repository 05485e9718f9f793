import { weightFromMantissa, weightValueString, type MassUnit } from '../../../../shared/units';
import type { RawReading } from '../protocols/decoded';

/**
 * USB HID POS scales (usage page 0x8D) send a "scale data report": [reportId, status, unit, exponent (int8),
 * weight LSB, weight MSB]; weight = (MSB<<8 | LSB) × 10^exponent in `unit`. hidapi puts the report id in byte 0.
 * Report id 3 is the usual one; some scales use 4 for the same layout.
 */
export const HID_SCALE_USAGE_PAGE = 0x8d;

export const HID_SCALE_STATUS = {
  1: 'fault',
  2: 'stable-at-zero',
  3: 'in-motion',
  4: 'stable',
  5: 'under-zero',
  6: 'over-weight',
  7: 'requires-calibration',
  8: 'requires-rezeroing',
} as const;
export type HidScaleStatus = (typeof HID_SCALE_STATUS)[keyof typeof HID_SCALE_STATUS];

/** Unit codes; taels (5) differ by country (37.5–50 g), so they have no exact conversion and are refused. */
export const HID_SCALE_UNITS: Record<number, MassUnit | 'tael'> = {
  1: 'mg',
  2: 'g',
  3: 'kg',
  4: 'ct',
  5: 'tael',
  6: 'gr',
  7: 'dwt',
  8: 't',
  9: 'ton',
  10: 'ozt',
  11: 'oz',
  12: 'lb',
};

export interface HidScaleReport {
  reportId: number;
  status: HidScaleStatus;
  unit: MassUnit | 'tael' | null;
  unitCode: number;
  exponent: number;
  mantissa: number;
}

export type HidParse = { ok: true; report: HidScaleReport } | { ok: false; reason: string };

export function parseHidScaleReport(data: ArrayLike<number>): HidParse {
  if (data.length < 6) return { ok: false, reason: `report too short (${data.length} bytes)` };
  const reportId = data[0]!;
  if (reportId !== 3 && reportId !== 4) return { ok: false, reason: `not a scale data report (id ${reportId})` };
  const statusCode = data[1]!;
  const status = (HID_SCALE_STATUS as Record<number, HidScaleStatus>)[statusCode];
  if (!status) return { ok: false, reason: `unknown scale status ${statusCode}` };
  const unitCode = data[2]!;
  const raw = data[3]!;
  const exponent = raw > 127 ? raw - 256 : raw; // signed int8: 0xFF = 10^-1
  const mantissa = data[4]! | (data[5]! << 8);
  return { ok: true, report: { reportId, status, unit: HID_SCALE_UNITS[unitCode] ?? null, unitCode, exponent, mantissa } };
}

/** Maps a report to the protocol-neutral reading the scale core checks. */
export function hidReportToReading(r: HidScaleReport): RawReading | { bad: string } {
  const unitText = r.unit ?? `unit#${r.unitCode}`;
  switch (r.status) {
    case 'fault':
      return { valueText: null, unitText, condition: 'fault', message: 'scale reports a fault' };
    case 'requires-calibration':
      return { valueText: null, unitText, condition: 'fault', message: 'scale requires calibration' };
    case 'requires-rezeroing':
      return { valueText: null, unitText, condition: 'fault', message: 'scale requires re-zeroing' };
    case 'under-zero':
      return { valueText: null, unitText, condition: 'underload' };
    case 'over-weight':
      return { valueText: null, unitText, condition: 'overload' };
    case 'stable-at-zero':
    case 'in-motion':
    case 'stable': {
      if (r.unit === null) return { bad: `unknown unit code ${r.unitCode}` };
      if (r.unit === 'tael') return { bad: 'unit taels has no exact conversion' };
      if (r.exponent < -9 || r.exponent > 9) return { bad: `impossible exponent ${r.exponent}` };
      const value = weightValueString(weightFromMantissa(r.mantissa, r.exponent, r.unit));
      const condition = r.status === 'stable-at-zero' ? 'zero' : r.status === 'in-motion' ? 'motion' : 'stable';
      return { valueText: value, unitText: r.unit, condition };
    }
  }
}

export const hex = (data: ArrayLike<number>): string => Array.from(data, (b) => b.toString(16).padStart(2, '0')).join(' ');
