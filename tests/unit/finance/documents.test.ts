import { describe, expect, it } from 'vitest';
import { dueDateOf, stateAsOf, totalsOf, type PaymentRow } from '../../../src/main/finance/documents';

const pay = (id: number, paid_date: string, amount_minor: number): PaymentRow => ({ id, paid_date, amount_minor, reference: null, actor: 't', created_at: 'x' });

describe('finance documents', () => {
  it('due date = document date + terms days, across month and year ends', () => {
    expect(dueDateOf('2026-01-31', 30)).toBe('2026-03-02');
    expect(dueDateOf('2025-12-15', 30)).toBe('2026-01-14');
    expect(dueDateOf('2024-02-01', 29)).toBe('2024-03-01'); // leap year
    expect(dueDateOf('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('state as of a day: only payments dated on or before it; overdue from the day after due', () => {
    const doc = { amount_minor: 1_000, due_date: '2026-03-31' };
    const pays = [pay(2, '2026-04-20', 600), pay(1, '2026-03-10', 400)];
    expect(stateAsOf(doc, pays, '2026-03-01')).toMatchObject({ paidMinor: 0, openMinor: 1_000, status: 'open', daysOverdue: 0, paidDate: null });
    expect(stateAsOf(doc, pays, '2026-03-31')).toMatchObject({ paidMinor: 400, openMinor: 600, status: 'open', daysOverdue: 0 });
    expect(stateAsOf(doc, pays, '2026-04-01')).toMatchObject({ status: 'overdue', daysOverdue: 1 });
    // Cleared 04-20, 20 days late; seen from any later day with the same figures.
    const paid = stateAsOf(doc, pays, '2026-12-31');
    expect(paid).toMatchObject({ paidMinor: 1_000, openMinor: 0, status: 'paid', paidDate: '2026-04-20', daysOverdue: 20 });
    expect(paid.payments.map((p) => p.paidOn)).toEqual(['2026-03-10', '2026-04-20']);
  });

  it('totals per currency, the base currency first, and aging buckets at their edges', () => {
    const row = (currency: string, openMinor: number, daysOverdue: number) => ({
      currency,
      amountMinor: openMinor + 100,
      paidMinor: 100,
      openMinor,
      status: openMinor === 0 ? ('paid' as const) : daysOverdue > 0 ? ('overdue' as const) : ('open' as const),
      daysOverdue,
    });
    const t = totalsOf([row('USD', 50, 0), row('GBP', 10, 0), row('GBP', 20, 30), row('GBP', 40, 31), row('GBP', 80, 90), row('GBP', 160, 91), row('GBP', 0, 12)], 'GBP');
    expect(t.map((x) => x.currency)).toEqual(['GBP', 'USD']);
    expect(t[0]).toMatchObject({ count: 6, amountMinor: 310 + 600, paidMinor: 600, openMinor: 310, overdueMinor: 300 });
    expect(t[0]!.aging.map((b) => [b.count, b.openMinor])).toEqual([
      [1, 10],
      [1, 20],
      [1, 40],
      [1, 80],
      [1, 160],
    ]);
    expect(t[1]).toMatchObject({ count: 1, openMinor: 50, overdueMinor: 0 });
  });
});
