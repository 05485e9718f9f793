import type { KpiResultDto } from '../../../../shared/api';
import { formatMoney } from '../../../../shared/money';

const one = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const two = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const whole = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** A KPI value as a tile shows it: ratios to 2 decimals with ×, days and percent to 1 decimal. */
export function formatKpi(value: number | null, unit: KpiResultDto['unit']): string {
  if (value === null || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'ratio':
      return `${two.format(value)}×`;
    case 'days':
      return `${one.format(value)} d`;
    case 'percent':
      return `${one.format(value)} %`;
    case 'count':
      return whole.format(value);
  }
}

/** What each input of a KPI is, in words (keys as the KPI engine names them). */
const INPUT_LABELS: Record<string, string> = {
  cogsMinor: 'Cost of goods sold',
  averageInventoryMinor: 'Average inventory (mean of daily closes)',
  revenueMinor: 'Revenue',
  grossMarginMinor: 'Gross margin',
  unitsSold: 'Units sold (net of returns)',
  unitsReceived: 'Units received',
  days: 'Days in period',
  receivablesMinor: 'Average receivables',
  payablesMinor: 'Average payables',
  dio: 'DIO (days)',
  dso: 'DSO (days)',
  dpo: 'DPO (days)',
  holdingRatePct: 'Holding rate (% a year)',
  fixedAnnualCostMinor: 'Fixed annual costs',
  annualHoldingCostMinor: 'Annual holding cost',
  recorded: 'Recorded (close + losses, at cost)',
  actual: 'Actual (close, at cost)',
  unitsShipped: 'Units shipped',
  unitsOrdered: 'Units ordered',
  daysKnown: 'Days with known stock',
  daysAtOrBelowZero: 'Days closing at or below zero',
  linesAccurate: 'Count lines matching the record',
  linesCounted: 'Count lines counted',
};

/** Inputs in money: the *Minor keys, and shrinkage's recorded and actual values (at cost). */
const isMoney = (kpi: KpiResultDto['key'], key: string): boolean => key.endsWith('Minor') || (kpi === 'shrinkage' && (key === 'recorded' || key === 'actual'));

export function formatKpiInput(kpi: KpiResultDto['key'], key: string, value: number | null, currency: string): { label: string; text: string } {
  const label = INPUT_LABELS[key] ?? key;
  if (value === null) return { label, text: 'not known' };
  if (isMoney(kpi, key)) return { label, text: formatMoney(Math.round(value), currency) };
  return { label, text: Number.isInteger(value) ? whole.format(value) : two.format(value) };
}

/** Short tile names (the engine's labels are the long ones). */
export const KPI_SHORT: Partial<Record<KpiResultDto['key'], string>> = {
  inventoryTurnover: 'Turnover',
  daysInventoryOutstanding: 'Days inventory (DIO)',
  daysSalesOutstanding: 'Days sales (DSO)',
  daysPayableOutstanding: 'Days payable (DPO)',
  cashConversionCycle: 'Cash conversion cycle',
  inventoryRecordAccuracy: 'Record accuracy',
};

/** Whether a rising value is good news (for the sparkline's colour); null = neither. */
export const HIGHER_IS_BETTER: Partial<Record<KpiResultDto['key'], boolean>> = {
  inventoryTurnover: true,
  daysInventoryOutstanding: false,
  sellThrough: true,
  daysSalesOutstanding: false,
  daysPayableOutstanding: true,
  cashConversionCycle: false,
  gmroi: true,
  carryingCost: false,
  shrinkage: false,
  fillRate: true,
  stockoutDays: false,
  inventoryRecordAccuracy: true,
};

/** Why a KPI has no value, in the words of the tile (the popover keeps the engine's exact reason). */
const ZERO_REASONS: Partial<Record<KpiResultDto['key'], string>> = {
  inventoryTurnover: 'No stock held in the period',
  gmroi: 'No stock held in the period',
  carryingCost: 'No stock held in the period',
  daysInventoryOutstanding: 'Nothing sold in the period',
  daysPayableOutstanding: 'Nothing sold in the period',
  daysSalesOutstanding: 'No revenue in the period',
  cashConversionCycle: 'Nothing sold in the period',
  sellThrough: 'Nothing received in the period',
  shrinkage: 'No stock at the close',
  fillRate: 'No sales orders in the period',
  inventoryRecordAccuracy: 'No cycle counts posted in the period',
};

export function friendlyReason(kpi: KpiResultDto): string {
  const r = kpi.reason ?? '';
  if (r.includes('is zero')) return ZERO_REASONS[kpi.key] ?? r;
  let why = r.includes(': ') ? r.slice(r.indexOf(': ') + 2) : r;
  // The cash conversion cycle quotes the reason of the KPI it misses in brackets: "dio is not known (…: why)".
  if (why.endsWith(')') && why.split('(').length < why.split(')').length) why = why.slice(0, -1);
  return why.charAt(0).toUpperCase() + why.slice(1);
}
