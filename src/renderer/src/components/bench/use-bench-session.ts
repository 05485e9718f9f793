import { useCallback, useMemo, useRef, useState } from 'react';
import type { PrintJobInfo, PrintJobStatus } from '../../../../shared/api/devices';
import type { PackView } from '../../../../shared/api/orders';
import { call } from '../../api/client';
import { useEvent } from '../../hooks/use-event';
import { newIdempotencyKey } from '../../lib/idempotency';
import { playBenchSound } from './bench-sounds';
import { isOrderCode, stageOf, type BenchStage } from './bench-stage';

export interface Refusal {
  code: string;
  message: string;
  /** Changes on every refusal, so the same refusal twice still flashes again. */
  seq: number;
}

export interface ShipFields {
  carrier: string;
  service: string;
  trackingNumber: string;
}

export interface ShippedOrder {
  number: string;
  customerName: string;
  carrier: string;
  service: string;
  trackingNumber: string;
  weightGrams: number;
}

export interface LabelState {
  state: 'idle' | 'sending' | 'queued' | 'printing' | 'done' | 'failed';
  message: string;
  jobId: string | null;
}

export interface Tick {
  lineId: number;
  seq: number;
}

const CARRIER_KEY = 'stockroom-bench-carrier';
const remembered = (): ShipFields => {
  // Carrier and service rarely change from one parcel to the next at a bench; the tracking number always does.
  try {
    const saved = JSON.parse(localStorage.getItem(CARRIER_KEY) ?? 'null') as Partial<ShipFields> | null;
    return { carrier: saved?.carrier ?? '', service: saved?.service ?? '', trackingNumber: '' };
  } catch {
    return { carrier: '', service: '', trackingNumber: '' };
  }
};
const NO_LABEL: LabelState = { state: 'idle', message: '', jobId: null };

/**
 * The packing bench's state and actions over the orders API. Scans are handled one after another (a queue), because
 * a scanner can fire the next barcode before the previous answer came back and each scan must see the last view.
 * Every refusal changes nothing on the order, so it only sets the red banner and the buzz.
 */
export function useBenchSession() {
  const [view, setViewState] = useState<PackView | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [notice, setNotice] = useState('');
  const [tick, setTick] = useState<Tick | null>(null);
  const [shipped, setShipped] = useState<ShippedOrder | null>(null);
  const [fields, setFields] = useState<ShipFields>(remembered);
  const [label, setLabel] = useState<LabelState>(NO_LABEL);
  const [busy, setBusy] = useState(false);
  const viewRef = useRef<PackView | null>(null);
  const fieldsRef = useRef(fields);
  fieldsRef.current = fields;
  const queue = useRef<Promise<void>>(Promise.resolve());
  /** Lines ticked in this session, newest last: "undo last" takes back the newest. */
  const packedLines = useRef<number[]>([]);
  const shipKey = useRef(newIdempotencyKey());
  const seq = useRef(0);
  const jobEvents = useRef(new Map<string, PrintJobInfo>());

  const setView = useCallback((v: PackView | null) => {
    viewRef.current = v;
    setViewState(v);
  }, []);

  const refuse = useCallback((code: string, message: string) => {
    setRefusal({ code, message, seq: ++seq.current });
    playBenchSound('refused');
  }, []);

  const good = useCallback((message: string) => {
    setRefusal(null);
    setNotice(message);
  }, []);

  const enqueue = useCallback((task: () => Promise<void>): Promise<void> => {
    const next = queue.current.then(task, task);
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const open = useCallback(
    async (code: string) => {
      const r = await call('orders.packSession', { code });
      if (!r.ok) return refuse(r.error.code, r.error.message);
      packedLines.current = [];
      shipKey.current = newIdempotencyKey();
      setShipped(null);
      setLabel(NO_LABEL);
      setFields((f) => ({ ...f, trackingNumber: '' }));
      setTick(null);
      setView(r.value);
      good(r.value.message);
      playBenchSound('good');
    },
    [good, refuse, setView],
  );

  /** A scan or a typed code: an order/tote opens it, anything else is an item for the open order. Resolves true when accepted. */
  const scan = useCallback(
    (code: string, quantity: number): Promise<boolean> => {
      let accepted = false;
      return enqueue(async () => {
        const v = viewRef.current;
        if (!v || isOrderCode(code)) {
          await open(code);
          accepted = viewRef.current !== v && viewRef.current !== null;
          return;
        }
        if (stageOf(v, false) === 'ship' && !/^\d{8,14}$/.test(code)) {
          // At the label step the packer scans the carrier's tracking barcode (not a product GTIN) into its field.
          setFields((f) => ({ ...f, trackingNumber: code }));
          good(`Tracking number ${code}`);
          accepted = true;
          return;
        }
        const r = await call('orders.packScan', { orderId: v.orderId, code, ...(quantity > 1 && { quantity }) });
        if (!r.ok) return refuse(r.error.code, r.error.message);
        accepted = true;
        const before = new Map(v.lines.map((l) => [l.lineId, l.packed]));
        const changed = r.value.lines.find((l) => l.packed !== before.get(l.lineId));
        if (changed) {
          packedLines.current.push(changed.lineId);
          setTick({ lineId: changed.lineId, seq: ++seq.current });
        }
        setView(r.value);
        good(r.value.message);
        playBenchSound(r.value.complete ? 'done' : 'good');
      }).then(() => accepted);
    },
    [enqueue, good, open, refuse],
  );

  const undo = useCallback(
    () =>
      enqueue(async () => {
        const v = viewRef.current;
        if (!v) return;
        // A reopened order has no local history: take back from the last line that has anything packed.
        const lineId = packedLines.current.at(-1) ?? [...v.lines].reverse().find((l) => l.packed > 0)?.lineId;
        if (lineId === undefined) return refuse('NOTHING_TO_UNDO', 'Nothing packed yet: nothing to undo');
        const r = await call('orders.packUndo', { orderId: v.orderId, lineId });
        if (!r.ok) return refuse(r.error.code, r.error.message);
        packedLines.current.pop();
        setTick({ lineId, seq: ++seq.current });
        setView(r.value);
        good(r.value.message);
      }),
    [enqueue, good, refuse],
  );

  const weigh = useCallback(
    (grams: number) =>
      enqueue(async () => {
        const v = viewRef.current;
        if (!v) return;
        const r = await call('orders.weigh', { orderId: v.orderId, grams });
        if (!r.ok) return refuse(r.error.code, r.error.message);
        setView({ ...v, weight: r.value });
        if (r.value.status === 'ok') {
          good(r.value.message);
          playBenchSound('good');
        } else refuse('WEIGHT_MISMATCH', r.value.message);
      }),
    [enqueue, good, refuse, setView],
  );

  const override = useCallback(
    (reason: string) =>
      enqueue(async () => {
        const v = viewRef.current;
        if (!v) return;
        const r = await call('orders.overrideWeight', { orderId: v.orderId, reason });
        if (!r.ok) return refuse(r.error.code, r.error.message);
        setView({ ...v, weight: r.value });
        good(r.value.message);
      }),
    [enqueue, good, refuse, setView],
  );

  /** The weight on the label and the shipment: the weighing, else (weighing not required) the expected weight. */
  const parcelGrams = (v: PackView): number | null => v.weight.measuredGrams ?? v.weight.expectedGrams;

  const printLabel = useCallback(
    () =>
      enqueue(async () => {
        const v = viewRef.current;
        if (!v) return;
        const f = fieldsRef.current;
        const grams = parcelGrams(v);
        const input = {
          orderId: v.orderId,
          ...(f.carrier.trim() && { carrier: f.carrier.trim() }),
          ...(f.service.trim() && { service: f.service.trim() }),
          ...(f.trackingNumber.trim() && { trackingNumber: f.trackingNumber.trim() }),
          ...(grams !== null && { weightGrams: grams }),
        };
        const data = await call('orders.labelData', input);
        if (!data.ok) return refuse(data.error.code, data.error.message);
        if (!data.value.shipping) return refuse('LABEL_INCOMPLETE', `The label needs: ${data.value.missing.join(', ')}`);
        setLabel({ state: 'sending', message: 'Sending the label…', jobId: null });
        const job = await call('labels.print', { template: 'shipping', data: data.value.shipping, copies: 1 });
        if (!job.ok) {
          setLabel({ state: 'failed', message: job.error.message, jobId: null });
          return refuse(job.error.code, `Label not printed: ${job.error.message}`);
        }
        // The job's events can overtake the answer to labels.print: start from the newest status seen for it.
        const seen = jobEvents.current.get(job.value.id) ?? job.value;
        setLabel({ state: labelState(seen.status), message: labelMessage(seen.status, seen.lastError?.message ?? null), jobId: job.value.id });
        // Then the packing slip, as its own job on the same printer (it may run over several labels).
        const slip = await call('labels.print', { template: 'packing-slip', data: data.value.packingSlip, copies: 1 });
        if (!slip.ok) return refuse(slip.error.code, `Shipping label queued (job ${job.value.id}); packing slip not printed: ${slip.error.message}`);
        good(`Label and packing slip for ${v.number} queued (jobs ${job.value.id} and ${slip.value.id})`);
      }),
    [enqueue, good, refuse],
  );

  useEvent('printer.job', (job) => {
    jobEvents.current.set(job.id, job);
    if (jobEvents.current.size > 50) jobEvents.current.delete(jobEvents.current.keys().next().value!);
    setLabel((l) => (l.jobId !== job.id ? l : { ...l, state: labelState(job.status), message: labelMessage(job.status, job.lastError?.message ?? null) }));
  });

  const ship = useCallback(
    () =>
      enqueue(async () => {
        const v = viewRef.current;
        if (!v) return;
        const f = fieldsRef.current;
        const grams = parcelGrams(v);
        const missing = [!f.carrier.trim() && 'carrier', !f.service.trim() && 'service', !f.trackingNumber.trim() && 'tracking number'].filter(Boolean);
        if (missing.length) return refuse('SHIP_FIELDS', `Before shipping, fill in the ${missing.join(', ')}`);
        if (grams === null) return refuse('NOT_WEIGHED', 'Weigh the parcel first (F4)');
        setBusy(true);
        const input = { orderId: v.orderId, carrier: f.carrier.trim(), service: f.service.trim(), trackingNumber: f.trackingNumber.trim(), weightGrams: grams, idempotencyKey: shipKey.current };
        const r = await call('orders.ship', input);
        setBusy(false);
        if (!r.ok) return refuse(r.error.code, r.error.message);
        localStorage.setItem(CARRIER_KEY, JSON.stringify({ carrier: input.carrier, service: input.service }));
        setShipped({ number: v.number, customerName: v.customerName, carrier: input.carrier, service: input.service, trackingNumber: input.trackingNumber, weightGrams: grams });
        setFields((x) => ({ ...x, trackingNumber: '' }));
        setLabel(NO_LABEL);
        setView(null);
        good(`${v.number} shipped with ${input.carrier} ${input.trackingNumber}`);
        playBenchSound('done');
      }),
    [enqueue, good, refuse, setView],
  );

  const close = useCallback(() => {
    setView(null);
    setRefusal(null);
    setShipped(null);
    setLabel(NO_LABEL);
    setNotice('');
  }, [setView]);

  const stage: BenchStage = stageOf(view, shipped !== null);
  return useMemo(
    () => ({ view, stage, refusal, notice, tick, shipped, fields, setFields, label, busy, scan, undo, weigh, override, printLabel, ship, close, refuse, dismiss: () => setRefusal(null) }),
    [view, stage, refusal, notice, tick, shipped, fields, label, busy, scan, undo, weigh, override, printLabel, ship, close, refuse],
  );
}

export type BenchSession = ReturnType<typeof useBenchSession>;

function labelState(status: PrintJobStatus): LabelState['state'] {
  switch (status) {
    case 'done':
      return 'done';
    case 'failed':
    case 'cancelled':
      return 'failed';
    case 'printing':
      return 'printing';
    case 'queued':
      return 'queued';
    default: {
      const never: never = status;
      return never;
    }
  }
}

function labelMessage(status: string, error: string | null): string {
  switch (status) {
    case 'done':
      return 'Label printed';
    case 'printing':
      return 'Printing…';
    case 'queued':
      return 'Label queued for the printer';
    case 'failed':
      return `Label failed: ${error ?? 'printer error'}`;
    case 'cancelled':
      return 'Label cancelled';
    default:
      return status;
  }
}
