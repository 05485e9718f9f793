import type { ScanResult } from '../../../shared/api/devices';

/**
 * Keyboard-wedge scans of this window, after the core parsed them, handed to whichever page wants scans. A page that
 * consumes scans also tells the wedge listener to take a burst back out of the focused field: with nobody listening,
 * the burst stays where it was typed, which is how the keyboard-first forms (Receiving, Stock moves) read a scanner.
 */
type Consumer = (scan: ScanResult) => void;

const consumers = new Set<Consumer>();

export function consumeScans(fn: Consumer): () => void {
  consumers.add(fn);
  return () => {
    consumers.delete(fn);
  };
}

/**
 * Pages whose own API call parses the code (the packing bench: orders.packScan) take the raw text at once instead of
 * waiting for scan.submit's answer: one round trip instead of two between the scan and the packer's feedback.
 */
type RawConsumer = (raw: string) => void;
const rawConsumers = new Set<RawConsumer>();

export function consumeRawScans(fn: RawConsumer): () => void {
  rawConsumers.add(fn);
  return () => {
    rawConsumers.delete(fn);
  };
}

/** Hands the raw text to raw consumers; false when there are none. */
export function publishRawScan(raw: string): boolean {
  for (const fn of [...rawConsumers]) fn(raw);
  return rawConsumers.size > 0;
}

export const hasScanConsumer = (): boolean => consumers.size > 0 || rawConsumers.size > 0;

/** Hands a scan to every consumer; false when nobody took it (the caller then shows it as a toast). */
export function publishScan(scan: ScanResult): boolean {
  for (const fn of [...consumers]) fn(scan);
  return consumers.size > 0;
}
