import Papa from 'papaparse';
import { sql as raw, type RawBuilder } from 'kysely';
import type { Output, ParsedInput } from '../../shared/api';
import { ACCOUNTING_ROLES, accountingSettings, type AccountingRole, type AccountingSettings } from '../../shared/api/reports';
import { fail } from '../../shared/errors';
import { minorDigits } from '../../shared/money';
import { qb, type Sql } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { addDays } from '../planning/history/dates';

/**
 * Period-close accounting journals from the stock ledger, as import files for QuickBooks Online and Xero.
 *
 * Target layouts (the import templates of each tool):
 * - QuickBooks Online, Settings → Import data → Journal Entries: columns Journal No, Journal Date, Account Name,
 *   Debits, Credits, Description, Name. Account Name must match the chart of accounts (sub-accounts as
 *   "Parent:Sub"); lines sharing a Journal No form one entry, which must balance; A/P and A/R lines need a Name.
 *   Source: Intuit, "Import journal entries" (QuickBooks Online help, en-AU),
 *   https://quickbooks.intuit.com/learn-support/en-au/help-article/import-export-files/import-journal-entries-quickbooks-online/L4tQBwbs7_AU_en_AU
 *   Dates are written MM/DD/YYYY (the US company default; the help article leaves the format to the company's
 *   region — a company on dd/mm/yyyy must change it on the mapping screen).
 * - Xero, Accounting → Manual Journals → Import → Download template file: columns Narration, Date, Description,
 *   AccountCode, TaxRate, Amount, TrackingName1, TrackingOption1, TrackingName2, TrackingOption2. Lines sharing a
 *   Narration and Date form one draft journal; Amount positive = debit, negative = credit; Narration, Date,
 *   AccountCode, TaxRate and Amount are mandatory; dates dd/mm/yyyy; ≤ 300 lines per file.
 *   Source: Xero Central, "Enter multiple manual journals using an import template",
 *   https://help.xero.com/nz/ManualJournalsImport (and https://help.xero.com/int/ManualJournalsImport)
 *
 * What each journal is made of (movements and cost adjustments stamped in the period, UTC days; amounts are the
 * ledger's FIFO costs in integer minor units):
 * - Cost of goods: movements from stock to the customer → Dr COGS / Cr Inventory; customer returns back into stock
 *   (from the customer location, or 'found' adjustments on an RMA, as the KPI service books them) the reverse.
 * - Inventory receipts: movements from the supplier into stock → Dr Inventory / Cr GRNI (or Accounts payable, by the
 *   setting); returns to the supplier the reverse.
 * - Landed cost: cost adjustments recorded in the period → 'revalue' (share of units still in stock) Dr Inventory,
 *   'cogs' (share of units already gone) Dr COGS / Cr Landed cost clearing for the sum; refurbishment cost added to
 *   returned units when restocked → Dr Inventory / Cr Landed cost clearing.
 * - Shrinkage and write-offs: stock removed to the adjustment or scrap location → damage and expired Dr Write-off
 *   expense, theft, lost, count corrections and others Dr Shrinkage / Cr Inventory; stock added from there (found,
 *   count gains, reversals) → Dr Inventory / Cr Shrinkage.
 * "Stock" is every bin plus the in-transit and returns-limbo locations (their units keep their cost layers), so
 * transfers and returns inspection moves make no entry.
 *
 * Each journal is netted per account: one line per account (accounts payable: per supplier, the Name QuickBooks Online
 * asks for on A/P lines), on the side its net amount falls. Journals are ordered
 * by date then kind, lines by a fixed account order, so the same period always gives the same bytes (no "now").
 */

export const DEFAULT_ACCOUNTING: AccountingSettings = {
  accounts: {
    inventory: { name: 'Inventory Asset', code: '630' },
    cogs: { name: 'Cost of Goods Sold', code: '310' },
    grni: { name: 'Goods Received Not Invoiced', code: '815' },
    accountsPayable: { name: 'Accounts Payable (A/P)', code: '800' },
    landedCostClearing: { name: 'Landed Cost Clearing', code: '816' },
    shrinkage: { name: 'Inventory Shrinkage', code: '317' },
    writeOff: { name: 'Inventory Write-offs', code: '318' },
  },
  receiptCredit: 'grni',
  xeroTaxRate: 'No VAT',
  journalPrefix: 'SR',
};

const KEY = 'accounting';

export function getAccounting(sql: Sql): AccountingSettings {
  const row = sql.one(qb.selectFrom('settings').select('value').where('key', '=', KEY));
  if (!row) return structuredClone(DEFAULT_ACCOUNTING);
  const stored = JSON.parse(row.value) as Partial<AccountingSettings>;
  return accountingSettings.parse({ ...DEFAULT_ACCOUNTING, ...stored, accounts: { ...DEFAULT_ACCOUNTING.accounts, ...(stored.accounts ?? {}) } });
}

export function updateAccounting(sql: Sql, patch: ParsedInput<'reports.accounting.update'>): AccountingSettings {
  const cur = getAccounting(sql);
  const accounts = { ...cur.accounts };
  for (const r of ACCOUNTING_ROLES) {
    const a = patch.accounts?.[r];
    if (a) accounts[r] = a;
  }
  const next = accountingSettings.parse({
    accounts,
    receiptCredit: patch.receiptCredit ?? cur.receiptCredit,
    xeroTaxRate: patch.xeroTaxRate ?? cur.xeroTaxRate,
    journalPrefix: patch.journalPrefix ?? cur.journalPrefix,
  });
  const value = JSON.stringify(next);
  sql.run(qb.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })));
  return next;
}

/** Integer minor units → "1234.56" (two decimals, by string digits, never a float). */
export const formatMinor = (minor: number): string => formatMinorDigits(minor, 2);

/** Integer minor units → a decimal string with the currency's minor digits (2 → "1234.56", 0 → "123456"). */
export function formatMinorDigits(minor: number, decimals: number): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`amount ${minor} is not an integer number of minor units`);
  const neg = minor < 0;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  if (decimals === 0) return `${neg ? '-' : ''}${digits}`;
  return `${neg ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

export type JournalKind = 'cogs' | 'receipts' | 'landed' | 'shrinkage';
const KINDS: { kind: JournalKind; title: string }[] = [
  { kind: 'cogs', title: 'Cost of goods sold' },
  { kind: 'receipts', title: 'Inventory receipts' },
  { kind: 'landed', title: 'Landed cost' },
  { kind: 'shrinkage', title: 'Shrinkage and write-offs' },
];
/** Line order within a journal. */
const ROLE_ORDER: AccountingRole[] = ['inventory', 'cogs', 'grni', 'accountsPayable', 'landedCostClearing', 'shrinkage', 'writeOff'];

export interface JournalLine {
  role: AccountingRole;
  /** Positive = debit, negative = credit, minor units. */
  amountMinor: number;
  /** Accounts payable lines: the supplier (QuickBooks Online asks for a Name on A/P lines); '' when not known. */
  name?: string;
}
export interface Journal {
  kind: JournalKind;
  /** YYYY-MM-DD: the day (per-day) or the period's last day. */
  date: string;
  lines: JournalLine[];
}

const compiled = <R>(q: RawBuilder<R>) => ({ compile: () => q.compile(qb) });
const WRITE_OFF_REASONS = new Set(['damage', 'expired']);

/** The period's journals, netted per account (and per day when asked), in a fixed order; each checked to balance. */
export function buildJournals(env: LedgerEnv, from: string, to: string, perDay: boolean, cfg: AccountingSettings): Journal[] {
  const end = addDays(to, 1);
  const stock = raw<boolean>`(l.kind = 'bin' OR l.virtual_kind IN ('in_transit', 'returns_limbo'))`;
  return collect(env, from, end, to, perDay, cfg, stock);
}

function collect(env: LedgerEnv, from: string, end: string, to: string, perDay: boolean, cfg: AccountingSettings, stock: RawBuilder<boolean>): Journal[] {
  const day = perDay ? raw<string>`substr(m.created_at, 1, 10)` : raw<string>`${to}`;
  // The supplier of a receipt: through its PO receipt line ('' for stock received without a PO).
  const party = raw<string>`coalesce((SELECT s.name FROM po_receipt_lines prl JOIN po_receipts r ON r.id = prl.receipt_id
    JOIN purchase_orders p ON p.id = r.po_id JOIN suppliers s ON s.id = p.supplier_id WHERE prl.movement_id = m.id), '')`;
  const moves = env.sql.all(
    compiled(raw<{ day: string; dir: string; other: string; reason: string; rma: number; party: string; amount: number | null }>`
      SELECT ${day} AS day, 'out' AS dir, t.virtual_kind AS other, m.reason AS reason, 0 AS rma, '' AS party, SUM(m.total_cost_minor) AS amount
      FROM movements m JOIN locations l ON l.id = m.from_location_id JOIN locations t ON t.id = m.to_location_id
      WHERE ${stock} AND t.kind = 'virtual' AND t.virtual_kind NOT IN ('in_transit', 'returns_limbo')
        AND m.created_at >= ${from} AND m.created_at < ${end}
      GROUP BY 1, 2, 3, 4, 5, 6
      UNION ALL
      SELECT ${day} AS day, 'in' AS dir, f.virtual_kind AS other, m.reason AS reason,
             CASE WHEN m.reason = 'found' AND m.doc_ref LIKE 'RMA-%' THEN 1 ELSE 0 END AS rma,
             CASE WHEN f.virtual_kind = 'supplier' THEN ${party} ELSE '' END AS party, SUM(m.total_cost_minor) AS amount
      FROM movements m JOIN locations l ON l.id = m.to_location_id JOIN locations f ON f.id = m.from_location_id
      WHERE ${stock} AND f.kind = 'virtual' AND f.virtual_kind NOT IN ('in_transit', 'returns_limbo')
        AND m.created_at >= ${from} AND m.created_at < ${end}
      GROUP BY 1, 2, 3, 4, 5, 6
      ORDER BY 1, 2, 3, 4, 5, 6`),
  );
  const adjDay = perDay ? raw<string>`substr(a.created_at, 1, 10)` : raw<string>`${to}`;
  const adjs = env.sql.all(
    compiled(raw<{ day: string; kind: string; amount: number | null }>`
      SELECT ${adjDay} AS day, a.kind AS kind, SUM(a.amount_minor) AS amount
      FROM cost_adjustments a
      WHERE a.created_at >= ${from} AND a.created_at < ${end}
      GROUP BY 1, 2 ORDER BY 1, 2`),
  );

  // Lines are kept per account and, on accounts payable, per supplier: "role|name".
  const journals = new Map<string, Map<string, number>>();
  const post = (d: string, kind: JournalKind, dr: AccountingRole, cr: AccountingRole, amount: number, name = '') => {
    if (amount === 0) return;
    const line = (r: AccountingRole) => `${r}|${r === 'accountsPayable' ? name : ''}`;
    const k = `${d}|${kind}`;
    let j = journals.get(k);
    if (!j) journals.set(k, (j = new Map()));
    j.set(line(dr), (j.get(line(dr)) ?? 0) + amount);
    j.set(line(cr), (j.get(line(cr)) ?? 0) - amount);
  };
  const payable: AccountingRole = cfg.receiptCredit;
  for (const m of moves) {
    const amount = Number(m.amount ?? 0);
    if (m.dir === 'out') {
      if (m.other === 'customer') post(m.day, 'cogs', 'cogs', 'inventory', amount);
      else if (m.other === 'supplier') post(m.day, 'receipts', payable, 'inventory', amount);
      else post(m.day, 'shrinkage', WRITE_OFF_REASONS.has(m.reason) ? 'writeOff' : 'shrinkage', 'inventory', amount);
    } else {
      if (m.other === 'customer' || m.rma === 1) post(m.day, 'cogs', 'inventory', 'cogs', amount);
      else if (m.other === 'supplier') post(m.day, 'receipts', 'inventory', payable, amount, m.party);
      else post(m.day, 'shrinkage', 'inventory', 'shrinkage', amount);
    }
  }
  for (const a of adjs) post(a.day, 'landed', a.kind === 'revalue' ? 'inventory' : 'cogs', 'landedCostClearing', Number(a.amount ?? 0));
  // Refurbishment work added to returned units' cost when they are restocked: a cost capitalised into stock like a
  // landed cost (to bring the goods to a saleable condition), cleared against the repairer's bill the same way.
  const refurbDay = perDay ? raw<string>`substr(r.created_at, 1, 10)` : raw<string>`${to}`;
  const refurbs = env.sql.all(
    compiled(raw<{ day: string; amount: number | null }>`
      SELECT ${refurbDay} AS day, SUM(r.added_cost_minor) AS amount
      FROM return_steps r
      WHERE r.kind = 'refurbished' AND r.added_cost_minor != 0 AND r.created_at >= ${from} AND r.created_at < ${end}
      GROUP BY 1 ORDER BY 1`),
  );
  for (const r of refurbs) post(r.day, 'landed', 'inventory', 'landedCostClearing', Number(r.amount ?? 0));

  const out: Journal[] = [];
  const keys = [...journals.keys()].sort((a, b) => {
    const [da, ka] = a.split('|');
    const [db, kb] = b.split('|');
    return da! < db! ? -1 : da! > db! ? 1 : KINDS.findIndex((x) => x.kind === ka) - KINDS.findIndex((x) => x.kind === kb);
  });
  for (const k of keys) {
    const [date, kind] = k.split('|') as [string, JournalKind];
    const net = journals.get(k)!;
    const lines = [...net.entries()]
      .filter(([, amount]) => amount !== 0)
      .map(([key, amountMinor]) => {
        const [role, name] = key.split('|') as [AccountingRole, string];
        return { role, amountMinor, ...(role === 'accountsPayable' && { name }) };
      })
      .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || ((a.name ?? '') < (b.name ?? '') ? -1 : (a.name ?? '') > (b.name ?? '') ? 1 : 0));
    if (lines.length === 0) continue;
    out.push({ kind, date, lines });
  }
  for (const j of out) assertBalanced(j);
  return out;
}

function assertBalanced(j: Journal): void {
  const dr = j.lines.reduce((s, l) => s + Math.max(l.amountMinor, 0), 0);
  const cr = j.lines.reduce((s, l) => s + Math.max(-l.amountMinor, 0), 0);
  if (dr !== cr)
    fail('INTERNAL', `The ${j.kind} journal of ${j.date} does not balance (debits ${formatMinor(dr)}, credits ${formatMinor(cr)}): it was not exported`, undefined, {
      kind: j.kind,
      date: j.date,
      debits: dr,
      credits: cr,
    });
}

export const QBO_COLUMNS = ['Journal No', 'Journal Date', 'Account Name', 'Debits', 'Credits', 'Description', 'Name'] as const;
/** Xero: "You can import up to 300 lines in one template file" (help.xero.com/nz/ManualJournalsImport). */
export const XERO_MAX_LINES = 300;
export const XERO_COLUMNS = ['Narration', 'Date', 'Description', 'AccountCode', 'TaxRate', 'Amount', 'TrackingName1', 'TrackingOption1', 'TrackingName2', 'TrackingOption2'] as const;

const [Y, M, D] = [0, 1, 2];
const mdy = (iso: string) => {
  const p = iso.split('-');
  return `${p[M]}/${p[D]}/${p[Y]}`;
};
const dmy = (iso: string) => {
  const p = iso.split('-');
  return `${p[D]}/${p[M]}/${p[Y]}`;
};

/** The import file of the period's journals, its name and its totals; refused if anything does not balance. */
export function exportJournal(env: LedgerEnv, input: ParsedInput<'reports.journal'>): Output<'reports.journal'> {
  const cfg = getAccounting(env.sql);
  // Amounts in the company currency's minor digits (¥ has none: 1500 minor units are "1500", not "15.00").
  const digits = minorDigits(env.settings.get().currency);
  const formatMinor = (minor: number): string => formatMinorDigits(minor, digits);
  const journals = buildJournals(env, input.from, input.to, input.perDay, cfg);
  const period = input.from === input.to ? input.from : `${input.from} to ${input.to}`;
  const title = (k: JournalKind) => KINDS.find((x) => x.kind === k)!.title;
  let debits = 0;
  let credits = 0;
  const rows: string[][] = [];
  journals.forEach((j, n) => {
    const narration = `Stockroom ${title(j.kind).toLowerCase()} ${j.date === input.to && !input.perDay ? period : j.date}`;
    const no = `${cfg.journalPrefix}-${input.to.replaceAll('-', '')}-${n + 1}`;
    for (const l of j.lines) {
      const acct = cfg.accounts[l.role];
      if (l.amountMinor > 0) debits += l.amountMinor;
      else credits -= l.amountMinor;
      const desc = `${title(j.kind)}: ${acct.name}${l.name ? ` — ${l.name}` : ''}`;
      if (input.format === 'qbo')
        rows.push([no, mdy(j.date), acct.name, l.amountMinor > 0 ? formatMinor(l.amountMinor) : '', l.amountMinor < 0 ? formatMinor(-l.amountMinor) : '', `${narration} — ${desc}`, l.name ?? '']);
      else rows.push([narration, dmy(j.date), desc, acct.code, cfg.xeroTaxRate, formatMinor(l.amountMinor), '', '', '', '']);
    }
  });
  // QuickBooks Online asks for a supplier (Name) on every A/P line (cited above): without one the import fails.
  const unnamed = input.format === 'qbo' ? journals.flatMap((j) => j.lines).filter((l) => l.role === 'accountsPayable' && !l.name) : [];
  if (unnamed.length)
    fail(
      'VALIDATION',
      `QuickBooks Online needs a supplier on every Accounts Payable line, and stock received without a purchase order (or returned to a supplier) in ${period} has none: credit receipts to goods received not invoiced in the account mapping, or export for Xero`,
      { format: 'A/P lines without a supplier' },
    );
  // Xero's manual journal import takes at most 300 lines a file (cited above); a file it would reject is not made.
  if (input.format === 'xero' && rows.length > XERO_MAX_LINES)
    fail(
      'VALIDATION',
      `Xero imports at most ${XERO_MAX_LINES} journal lines a file; the ${input.perDay ? 'daily ' : ''}journals of ${period} make ${rows.length}: export a shorter period${input.perDay ? ' or one journal per kind for the period' : ''}`,
      input.perDay ? { perDay: `${rows.length} lines, Xero takes ${XERO_MAX_LINES}` } : { to: `${rows.length} lines, Xero takes ${XERO_MAX_LINES}` },
    );
  if (debits !== credits) fail('INTERNAL', `The journals of ${period} do not balance (debits ${formatMinor(debits)}, credits ${formatMinor(credits)}): nothing was exported`);
  const fields = input.format === 'qbo' ? [...QBO_COLUMNS] : [...XERO_COLUMNS];
  const csv = Papa.unparse({ fields, data: rows }, { newline: '\r\n', quotes: false });
  const filename = `stockroom-journal-${input.format}-${input.from}-to-${input.to}${input.perDay ? '-daily' : ''}.csv`;
  return { csv: csv + '\r\n', filename, totals: { debits, credits } };
}
