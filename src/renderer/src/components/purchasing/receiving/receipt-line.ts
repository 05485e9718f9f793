import type { PoLine } from '../../../../../shared/api';

/** One line of the receipt being built: what goes into which bin, before it is posted. */
export interface ReceiptLine {
  /** PO line, bin, lot and expiry: scans of the same thing into the same bin add up on one line. */
  key: string;
  lineId: number;
  sku: string;
  name: string;
  binId: number;
  binCode: string;
  lot: string | null;
  expiry: string | null;
  quantity: number;
}

export const receiptKey = (l: Pick<ReceiptLine, 'lineId' | 'binId' | 'lot' | 'expiry'>): string => `${l.lineId}|${l.binId}|${l.lot ?? ''}|${l.expiry ?? ''}`;

/** Adds a line to the receipt, summing it into an identical one. */
export function addToReceipt(lines: ReceiptLine[], add: Omit<ReceiptLine, 'key'>): ReceiptLine[] {
  const key = receiptKey(add);
  const same = lines.find((l) => l.key === key);
  if (same) return lines.map((l) => (l.key === key ? { ...l, quantity: l.quantity + add.quantity } : l));
  return [...lines, { ...add, key }];
}

/** Units of each PO line in the receipt being built. */
export function inReceipt(lines: ReceiptLine[]): Map<number, number> {
  const m = new Map<number, number>();
  for (const l of lines) m.set(l.lineId, (m.get(l.lineId) ?? 0) + l.quantity);
  return m;
}

/** PO lines the receipt would take past what is still expected: each needs the clerk's explicit yes and a reason. */
export function overReceipts(poLines: PoLine[], lines: ReceiptLine[]): { line: PoLine; expected: number; receiving: number }[] {
  const sums = inReceipt(lines);
  return poLines.flatMap((line) => {
    const receiving = sums.get(line.id) ?? 0;
    return receiving > line.outstanding ? [{ line, expected: line.outstanding, receiving }] : [];
  });
}
