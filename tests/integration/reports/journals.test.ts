import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMinor } from '../../../src/main/reports/journals';
import { seedPurchasing, type Seed } from '../purchasing/setup';

/**
 * A known March through the API (pence, FIFO):
 *   03-02 PO receipt ALPHA 10 @ 500 → A-01                       receipts 5 000
 *   03-03 stock.receive MUG-1 10 @ 250 → A-01                      receipts 2 500
 *   03-05 sale ALPHA 4 (4 @ 500)                                   COGS 2 000
 *   03-10 freight 10.00 on the PO, 6 of its 10 units in stock     landed: 600 to stock (6 @ 600), 400 to COGS
 *   03-12 sale MUG-1 3 (3 @ 250)                                   COGS 750
 *   03-15 damage ALPHA −1 (1 @ 600)                                write-off 600
 *   03-16 theft MUG-1 −1 (1 @ 250)                                 shrinkage 250
 *   03-17 found MUG-1 +2 @ 250                                     count gain 500
 *   04-01 sale MUG-1 1                                             outside the period
 * Journals (Dr + / Cr −):
 *   COGS:      COGS +2 750, Inventory −2 750
 *   Receipts:  Inventory +7 500, GRNI −7 500
 *   Landed:    Inventory +600, COGS +400, Landed cost clearing −1 000
 *   Shrinkage: Inventory −350 (−600 −250 +500), Shrinkage −250 (+250 −500), Write-off +600
 *   Σ debits = Σ credits = 2 750 + 7 500 + 1 000 + 600 = 11 850; Inventory net +5 000 = the 03-31 valuation.
 */
describe('reports.journal: period-close accounting journals', () => {
  let s: Seed;
  const at = (iso: string) => (s.c.clock.t = new Date(iso));

  beforeEach(() => {
    s = seedPurchasing();
    const { c } = s;
    at('2026-03-01T09:00:00.000Z');
    const po = c.ok('purchasing.orders.createDraft', { supplierId: s.supplier.id, warehouseId: s.wh.id, lines: [{ itemId: s.a.id, quantity: 10, unitCostMinor: 500 }] });
    c.ok('purchasing.orders.send', { id: po.id });
    at('2026-03-02T10:00:00.000Z');
    c.ok('purchasing.receive', { poId: po.id, lines: [{ lineId: po.lines[0].id, quantity: 10, binId: s.a1.id }], idempotencyKey: 'rcv-j' });
    at('2026-03-03T10:00:00.000Z');
    c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 10, unitCostMinor: 250 });
    at('2026-03-05T10:00:00.000Z');
    c.ok('stock.issue', { itemId: s.a.id, locationId: s.a1.id, quantity: 4 });
    at('2026-03-10T10:00:00.000Z');
    const { charge } = c.ok('purchasing.addCharge', { poId: po.id, kind: 'freight', amountMinor: 1000, basis: 'value' });
    expect([charge.toStockMinor, charge.toCogsMinor]).toEqual([600, 400]);
    at('2026-03-12T10:00:00.000Z');
    c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 3 });
    at('2026-03-15T10:00:00.000Z');
    c.ok('stock.adjust', { itemId: s.a.id, locationId: s.a1.id, quantity: -1, reason: 'damage' });
    at('2026-03-16T10:00:00.000Z');
    c.ok('stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: -1, reason: 'theft' });
    at('2026-03-17T10:00:00.000Z');
    c.ok('stock.adjust', { itemId: s.mug.id, locationId: s.a1.id, quantity: 2, reason: 'found', unitCostMinor: 250 });
    at('2026-04-01T10:00:00.000Z');
    c.ok('stock.issue', { itemId: s.mug.id, locationId: s.a1.id, quantity: 1 });
    at('2026-04-02T09:00:00.000Z');
  });
  afterEach(() => s.c.close());

  const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true });
  /** Pence from "1234.56" by digits, no floats. */
  const pence = (v: string) => {
    if (v === '') return 0;
    const m = /^(-?)(\d+)\.(\d{2})$/.exec(v);
    if (!m) throw new Error(`not a 2-decimal amount: ${v}`);
    return (m[1] ? -1 : 1) * (Number(m[2]) * 100 + Number(m[3]));
  };

  it('QuickBooks Online: the import layout, balanced journals, hand-computed amounts per account', () => {
    const out = s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'qbo' });
    expect(out.filename).toBe('stockroom-journal-qbo-2026-03-01-to-2026-03-31.csv');
    expect(out.totals).toEqual({ debits: 11850, credits: 11850 });
    const p = parse(out.csv);
    expect(p.errors).toEqual([]);
    const [header, ...rows] = p.data;
    // Intuit, "Import journal entries" (QuickBooks Online → Settings → Import data → Journal Entries): Journal No.,
    // Journal Date, Account Name, Description, Debits, Credits, and Name for A/P and A/R lines; columns are matched on
    // the mapping screen, lines sharing a journal number form one entry that must balance.
    // https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU
    expect(header).toEqual(['Journal No', 'Journal Date', 'Account Name', 'Debits', 'Credits', 'Description', 'Name']);
    for (const r of rows) expect(r).toHaveLength(7);
    // One line per account and journal; every journal balances on its own.
    const byJournal = new Map<string, number>();
    for (const r of rows) byJournal.set(r[0]!, (byJournal.get(r[0]!) ?? 0) + pence(r[3]!) - pence(r[4]!));
    expect([...byJournal.keys()]).toEqual(['SR-20260331-1', 'SR-20260331-2', 'SR-20260331-3', 'SR-20260331-4']);
    for (const v of byJournal.values()) expect(v).toBe(0);
    expect(rows.every((r) => r[1] === '03/31/2026')).toBe(true);
    const lines = rows.map((r) => [r[0], r[2], r[3], r[4]]);
    expect(lines).toEqual([
      ['SR-20260331-1', 'Inventory Asset', '', '27.50'],
      ['SR-20260331-1', 'Cost of Goods Sold', '27.50', ''],
      ['SR-20260331-2', 'Inventory Asset', '75.00', ''],
      ['SR-20260331-2', 'Goods Received Not Invoiced', '', '75.00'],
      ['SR-20260331-3', 'Inventory Asset', '6.00', ''],
      ['SR-20260331-3', 'Cost of Goods Sold', '4.00', ''],
      ['SR-20260331-3', 'Landed Cost Clearing', '', '10.00'],
      ['SR-20260331-4', 'Inventory Asset', '', '3.50'],
      ['SR-20260331-4', 'Inventory Shrinkage', '', '2.50'],
      ['SR-20260331-4', 'Inventory Write-offs', '6.00', ''],
    ]);
    const debits = rows.reduce((t, r) => t + pence(r[3]!), 0);
    const credits = rows.reduce((t, r) => t + pence(r[4]!), 0);
    expect([debits, credits]).toEqual([11850, 11850]);
    // Inventory's net movement is the stock value at the close (nothing was held before March).
    const inventory = rows.filter((r) => r[2] === 'Inventory Asset').reduce((t, r) => t + pence(r[3]!) - pence(r[4]!), 0);
    expect(inventory).toBe(5000);
    expect(s.c.ok('reports.valuation', { asOf: '2026-03-31' }).valueMinor).toBe(5000);
  });

  it('Xero: the manual journal template layout, signed amounts, account codes, balanced', () => {
    const out = s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'xero' });
    const [header, ...rows] = parse(out.csv).data;
    // Xero Central, "Enter multiple manual journals using an import template": the template's columns in this order;
    // Narration, Date (dd/mm/yyyy), AccountCode, TaxRate and Amount mandatory; positive = debit, negative = credit;
    // rows with the same Narration and Date form one journal; at most 300 lines a file.
    // https://help.xero.com/nz/ManualJournalsImport
    expect(header).toEqual(['Narration', 'Date', 'Description', 'AccountCode', 'TaxRate', 'Amount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2']);
    const sumBy = (f: (r: string[]) => string) => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(f(r), (m.get(f(r)) ?? 0) + pence(r[5]!));
      return Object.fromEntries(m);
    };
    // Each journal (narration + date) sums to zero.
    for (const v of Object.values(sumBy((r) => `${r[0]}|${r[1]}`))) expect(v).toBe(0);
    expect(Object.keys(sumBy((r) => r[0]!))).toHaveLength(4);
    expect(rows.every((r) => r[1] === '31/03/2026' && r[4] === 'No VAT')).toBe(true);
    // Net per account code over the period: Inventory 630, COGS 310, GRNI 815, clearing 816, shrinkage 317, write-off 318.
    expect(sumBy((r) => r[3]!)).toEqual({ '630': 5000, '310': 3150, '815': -7500, '816': -1000, '317': -250, '318': 600 });
    expect(rows.filter((r) => pence(r[5]!) > 0).reduce((t, r) => t + pence(r[5]!), 0)).toBe(11850);
    expect(out.totals).toEqual({ debits: 11850, credits: 11850 });
  });

  it('the same period exported twice gives byte-identical files, even after the clock moves', () => {
    for (const format of ['qbo', 'xero'] as const) {
      const a = s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format });
      s.c.clock.advance(86_400_000);
      const b = s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format });
      expect(b.csv).toBe(a.csv);
      expect(b.filename).toBe(a.filename);
      expect(Buffer.from(a.csv).equals(Buffer.from(b.csv))).toBe(true);
    }
  });

  it('per day: one set of journals per day, each balanced, the same totals', () => {
    const out = s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'qbo', perDay: true });
    const [, ...rows] = parse(out.csv).data;
    // Days are not netted against each other: 5 000 + 2 500 + 2 000 + 1 000 + 750 + 600 + 250 + 500.
    expect(out.totals).toEqual({ debits: 12600, credits: 12600 });
    const byNo = new Map<string, { date: string; net: number }>();
    for (const r of rows) {
      const j = byNo.get(r[0]!) ?? { date: r[1]!, net: 0 };
      expect(r[1]).toBe(j.date);
      j.net += pence(r[3]!) - pence(r[4]!);
      byNo.set(r[0]!, j);
    }
    for (const j of byNo.values()) expect(j.net).toBe(0);
    // 03-02 receipt, 03-03 receipt, 03-05 sale, 03-10 landed, 03-12 sale, 03-15, 03-16, 03-17 adjustments.
    expect([...byNo.values()].map((j) => j.date)).toEqual(['03/02/2026', '03/03/2026', '03/05/2026', '03/10/2026', '03/12/2026', '03/15/2026', '03/16/2026', '03/17/2026']);
  });

  it('the account mapping: defaults, partial updates kept, used by the export', () => {
    const d = s.c.ok('reports.accounting.get', {});
    expect(d.accounts.inventory).toEqual({ name: 'Inventory Asset', code: '630' });
    expect(d.receiptCredit).toBe('grni');
    const u = s.c.ok('reports.accounting.update', { accounts: { cogs: { name: 'Cost of sales:Goods', code: '5000' } }, receiptCredit: 'accountsPayable', journalPrefix: 'INV' });
    expect(u.accounts.cogs).toEqual({ name: 'Cost of sales:Goods', code: '5000' });
    expect(u.accounts.inventory).toEqual(d.accounts.inventory);
    expect(s.c.ok('reports.accounting.get', {})).toEqual(u);
    // QuickBooks Online wants a supplier Name on A/P lines: the 03-03 receipt without a PO has none → refused, nothing made.
    const refused = s.c.call('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'qbo' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect([refused.error.code, refused.error.fields]).toEqual(['VALIDATION', { format: 'A/P lines without a supplier' }]);
    // Xero manual journals have no contact column: the same period exports, A/P (800) credited 75.00 in all, the
    // supplier's part named in its description.
    const [, ...xero] = parse(s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-31', format: 'xero' }).csv).data;
    expect(xero.filter((r) => r[3] === '800').map((r) => [r[2], r[5]])).toEqual([
      ['Inventory receipts: Accounts Payable (A/P)', '-25.00'],
      ['Inventory receipts: Accounts Payable (A/P) — Acme Imports Ltd', '-50.00'],
    ]);
    expect(xero.some((r) => r[3] === '5000')).toBe(true);
    // A period with only the PO receipt (03-02): the A/P line names the PO's supplier.
    const [, ...rows] = parse(s.c.ok('reports.journal', { from: '2026-03-01', to: '2026-03-02', format: 'qbo' }).csv).data;
    expect(rows.map((r) => [r[2], r[3], r[4], r[6]])).toEqual([
      ['Inventory Asset', '50.00', '', ''],
      ['Accounts Payable (A/P)', '', '50.00', 'Acme Imports Ltd'],
    ]);
    expect(rows.every((r) => r[0]!.startsWith('INV-20260302-'))).toBe(true);
    const [, ...cogs] = parse(s.c.ok('reports.journal', { from: '2026-03-05', to: '2026-03-05', format: 'qbo' }).csv).data;
    expect(cogs.some((r) => r[2] === 'Cost of sales:Goods')).toBe(true);
  });

  it('an empty period gives a header-only file with zero totals; a reversed period is refused', () => {
    const out = s.c.ok('reports.journal', { from: '2026-02-01', to: '2026-02-28', format: 'xero' });
    expect(out.totals).toEqual({ debits: 0, credits: 0 });
    expect(parse(out.csv).data).toHaveLength(1);
    const r = s.c.call('reports.journal', { from: '2026-03-31', to: '2026-03-01', format: 'qbo' });
    expect(r.ok).toBe(false);
  });

  it('Xero: more than 300 lines (its import limit) is refused, naming the field; nothing else changes', () => {
    // 160 days with one receipt each: 160 daily receipt journals of 2 lines = 320 lines.
    for (let d = 0; d < 160; d++) {
      at(new Date(Date.UTC(2026, 4, 1 + d, 9)).toISOString());
      s.c.ok('stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 1, unitCostMinor: 250 });
    }
    const r = s.c.call('reports.journal', { from: '2026-05-01', to: '2026-10-31', format: 'xero', perDay: true });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('VALIDATION');
      expect(r.error.message).toContain('at most 300');
      expect(r.error.fields).toEqual({ perDay: '320 lines, Xero takes 300' });
    }
    // The same period netted per account fits; QuickBooks has no such limit.
    expect(parse(s.c.ok('reports.journal', { from: '2026-05-01', to: '2026-10-31', format: 'xero' }).csv).data).toHaveLength(3);
    expect(parse(s.c.ok('reports.journal', { from: '2026-05-01', to: '2026-10-31', format: 'qbo', perDay: true }).csv).data).toHaveLength(321);
  });

  it('formats minor units with two decimals from the digits', () => {
    expect([0, 5, 99, 100, 123456, -7, -123456, 9007199254740991].map(formatMinor)).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '1.00',
      '1234.56',
      '-0.07',
      '-1234.56',
      '90071992547409.91',
    ]);
  });
});
