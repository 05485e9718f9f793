import type { PrintJobInfo, PrinterStationStatus, ScaleStatus, ScaleWeight, ScanResult, ScannerStatus } from './api/devices';

/** Events the core pushes to every window and hub client. */
export interface Events {
  'stock.changed': { itemIds: number[]; operationId: number };
  'catalog.changed': { itemIds: number[] };
  'locations.changed': Record<string, never>;
  /** Orders changed (created, allocated, picked, packed, shipped…): fetch them again. */
  'orders.changed': { orderIds: number[] };
  /** Demand history or planning parameters changed (an import, a recompute, new settings): fetch planning data again. */
  'planning.changed': { reason: 'import' | 'recompute' | 'settings'; runId: number | null };
  /** A sales invoice or supplier bill was raised or paid: fetch receivables / payables again. */
  'finance.changed': { kind: 'invoice' | 'bill'; ids: number[] };
  /** A sales channel's configuration, listings, queue or status changed (after a sync cycle, test, refresh, reconciliation or edit): fetch channels.* again. */
  'channels.changed': { channelIds: number[]; reason: 'config' | 'sync' | 'test' | 'listings' | 'reconcile' | 'status' };
  /** A scan from any scanner (keyboard wedge, HID or typed), after parsing and catalog look-up. */
  scan: ScanResult;
  /** A scale reading, emitted when it changes (polled scales repeat themselves); the answer to scale.read comes as scale.command. */
  'scale.weight': ScaleWeight;
  'scale.status': ScaleStatus;
  /** The outcome of scale.zero / scale.tare / scale.read, matched by requestId. */
  'scale.command': { requestId: string; command: 'zero' | 'tare' | 'read'; ok: boolean; weight: ScaleWeight | null; error: { code: string; message: string } | null };
  'scanner.status': ScannerStatus;
  'printer.status': PrinterStationStatus;
  /** A print job was queued or changed state. */
  'printer.job': PrintJobInfo;
  /** The device configuration or the detected hardware changed: fetch devices.list / devices.status again. */
  'devices.changed': { reason: 'config' | 'inventory' };
}
export type EventName = keyof Events;
export type Unsubscribe = () => void;

export interface EventBus {
  emit<E extends EventName>(name: E, payload: Events[E]): void;
  on<E extends EventName>(name: E, fn: (payload: Events[E]) => void): Unsubscribe;
  onAny(fn: (name: EventName, payload: unknown) => void): Unsubscribe;
}

export function createEventBus(): EventBus {
  const byName = new Map<EventName, Set<(p: unknown) => void>>();
  const any = new Set<(n: EventName, p: unknown) => void>();
  return {
    emit(name, payload) {
      for (const fn of byName.get(name) ?? []) fn(payload);
      for (const fn of any) fn(name, payload);
    },
    on(name, fn) {
      let set = byName.get(name);
      if (!set) byName.set(name, (set = new Set()));
      const f = fn as (p: unknown) => void;
      set.add(f);
      return () => set.delete(f);
    },
    onAny(fn) {
      any.add(fn);
      return () => any.delete(fn);
    },
  };
}
