import { describe, expect, it } from 'vitest';
import type { KpiResultDto } from '../../../src/shared/api';
import { formatKpi, formatKpiInput, friendlyReason } from '../../../src/renderer/src/components/dashboard/kpi-format';
import { addDays, presetPeriod } from '../../../src/renderer/src/components/dashboard/period-picker';
import { formatCell } from '../../../src/renderer/src/components/reports/report-table';

// The renderer formats with the runtime's locale; these tests pin the digits and units, not the separators.
const digits = (s: string) => s.replace(/[^\d.,×%d—-]/g, '');

describe('dashboard and report formatting', () => {
  it('shows each KPI unit its own way, and a gap for a KPI without value', () => {
    expect(digits(formatKpi(10.960982, 'ratio'))).toMatch(/^10[.,]96×$/);
    expect(digits(formatKpi(33.2999, 'days'))).toMatch(/^33[.,]3d$/);
    expect(digits(formatKpi(93.947, 'percent'))).toMatch(/^93[.,]9%$/);
    expect(formatKpi(0, 'count')).toBe('0');
    expect(formatKpi(null, 'ratio')).toBe('—');
    expect(formatKpi(Number.POSITIVE_INFINITY, 'days')).toBe('—');
  });

  it('formats money inputs (the *Minor keys and shrinkage values) in the currency, others as numbers', () => {
    expect(formatKpiInput('inventoryTurnover', 'cogsMinor', 123456, 'GBP')).toEqual({ label: 'Cost of goods sold', text: '£1,234.56' });
    expect(formatKpiInput('shrinkage', 'recorded', 1000, 'GBP').text).toBe('£10.00');
    // An average of daily closes is fractional minor units: shown to the penny.
    expect(formatKpiInput('gmroi', 'averageInventoryMinor', 9985715.18, 'GBP').text).toBe('£99,857.15');
    expect(formatKpiInput('sellThrough', 'unitsSold', 1092037, 'GBP').label).toBe('Units sold (net of returns)');
    expect(formatKpiInput('daysSalesOutstanding', 'receivablesMinor', null, 'GBP').text).toBe('not known');
  });

  it('turns the engine reasons into what the tile says', () => {
    const kpi = (key: KpiResultDto['key'], reason: string): KpiResultDto => ({ key, label: key, value: null, unit: 'percent', formula: '', inputs: {}, reason });
    expect(friendlyReason(kpi('fillRate', 'unitsOrdered is zero: division by zero'))).toBe('No sales orders in the period');
    expect(friendlyReason(kpi('daysSalesOutstanding', 'receivablesMinor is not known: receivables come from sales invoices'))).toBe('Receivables come from sales invoices');
    expect(friendlyReason(kpi('cashConversionCycle', 'dio is not known (cogsMinor is zero: division by zero)'))).toBe('Nothing sold in the period');
    expect(friendlyReason(kpi('stockoutDays', 'no day in the period has known stock'))).toBe('No day in the period has known stock');
  });

  it('formats report cells by column type', () => {
    expect(formatCell(11875609, 'money', 'GBP')).toBe('£118,756.09');
    expect(formatCell(-250, 'money', 'GBP')).toMatch(/^-£2\.50$|^£-2\.50$/);
    expect(formatCell(null, 'money', 'GBP')).toBe('');
    expect(digits(formatCell(42.25, 'percent', 'GBP'))).toMatch(/^42[.,]3%$|^42[.,]2%$/);
    expect(formatCell('SKU-1', 'text', 'GBP')).toBe('SKU-1');
  });

  it('presets end today and count their days inclusively', () => {
    const p = presetPeriod('30d', '2026-03-31');
    expect(p).toEqual({ preset: '30d', from: '2026-03-02', to: '2026-03-31' });
    expect(presetPeriod('12m', '2026-03-31').from).toBe(addDays('2026-03-31', -364));
    expect(presetPeriod('quarter', '2026-03-31').from).toBe('2025-12-31');
  });
});
