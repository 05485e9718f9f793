import { Badge, Group } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import '../components/bench/bench.css';
import { BenchDone } from '../components/bench/bench-done';
import { BenchEntry, quantityOf, typedCode } from '../components/bench/bench-entry';
import { BenchKeys, type BenchKey } from '../components/bench/bench-keys';
import { BenchLines } from '../components/bench/bench-lines';
import { BenchRefusal } from '../components/bench/bench-refusal';
import { BenchShipPanel } from '../components/bench/bench-ship-panel';
import { BenchStageBar } from '../components/bench/bench-stage-bar';
import { BenchWeighPanel } from '../components/bench/bench-weigh-panel';
import { useBenchSession } from '../components/bench/use-bench-session';
import type { BenchStage } from '../components/bench/bench-stage';
import { useDevicesStatus } from '../hooks/use-devices-status';
import { consumeRawScans } from '../lib/scan-bus';

/** Longer than a scanner's key gap (the wedge default allows 35 ms), far shorter than a person's reach for the trigger. */
const SETTLE_MS = 100;

/** The scan pipeline shows GS (FNC1) as ␝ for display; the order workflow parses the real character. */
const codeOf = (raw: string): string => raw.replace(/\u241d/g, '\u001d');

function keysFor(stage: BenchStage, canOverride: boolean, hasPacked: boolean): BenchKey[] {
  const undo: BenchKey = { key: 'F2', label: 'Undo last', enabled: hasPacked };
  const esc: BenchKey = { key: 'Esc', label: 'Close order', enabled: true };
  switch (stage) {
    case 'waiting':
    case 'done':
      return [
        { key: 'Scan', label: 'Order or tote', enabled: true },
        { key: 'Enter', label: 'Open the typed order', enabled: true },
      ];
    case 'packing':
      return [{ key: 'Scan', label: 'Item', enabled: true }, { key: '0–9', label: 'Quantity ×N, then scan', enabled: true }, undo, esc];
    case 'weighing':
      return [{ key: 'F4', label: 'Weigh', enabled: true }, { key: 'F6', label: 'Override with a reason', enabled: canOverride }, undo, esc];
    case 'ship':
      return [
        { key: 'F8', label: 'Print label', enabled: true },
        { key: 'F9', label: 'Ship', enabled: true },
        { key: 'F4', label: 'Weigh again', enabled: true },
        undo,
        esc,
      ];
    default: {
      const never: never = stage;
      return never;
    }
  }
}

/**
 * The packing bench: scan an order, scan its items, weigh, label, ship, keyboard and scanner only. The page takes
 * every scan from the scan bus (so the app-wide scan toast stays quiet here) and every action is on a key shown on screen.
 */
export function BenchPage() {
  const s = useBenchSession();
  const devices = useDevicesStatus();
  const [entry, setEntry] = useState('');
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const [manualGrams, setManualGrams] = useState('');
  const entryRef = useRef<HTMLInputElement>(null);
  const manualRef = useRef<HTMLInputElement>(null);
  const reasonRef = useRef<HTMLInputElement>(null);
  const trackingRef = useRef<HTMLInputElement>(null);
  const scaleConnected = devices.status?.scale.state === 'connected';
  const live = scaleConnected ? devices.weight : null;

  // Scans read the latest state through refs: the bus subscription is made once, not on every render.
  const latest = useRef({ s, stage: s.stage });
  latest.current = { s, stage: s.stage };
  /**
   * The entry as the person left it. A scan's answer can come back while the next scan's keys are already landing in
   * the field (a fast packer, a busy machine), so the live value may hold half a barcode. A value only counts once
   * it has stood still longer than a scanner's key gap; the wedge listener puts the field back after each burst.
   */
  const settled = useRef('');
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const changeEntry = (v: string): void => {
    setEntry(v);
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => (settled.current = v), SETTLE_MS);
  };
  const clearEntry = (): void => {
    clearTimeout(settleTimer.current);
    settled.current = '';
    setEntry('');
  };
  useEffect(() => () => clearTimeout(settleTimer.current), []);

  useEffect(
    () =>
      consumeRawScans((raw) => {
        const { s: session, stage } = latest.current;
        const qty = stage === 'packing' ? quantityOf(settled.current) : 1;
        void session.scan(codeOf(raw), qty).then((ok) => {
          // The quantity is for one scan: the next one counts one again (a refused scan keeps it for the retry).
          // An order scan replaces whatever was in the order field; under load a stray key of the burst was seen
          // left behind there, which would otherwise become the next item's quantity.
          if (ok || stage !== 'packing') clearEntry();
        });
      }),
    [],
  );

  // Each stage puts the keyboard where it is needed next.
  useEffect(() => {
    const focus = (el: HTMLInputElement | null) => el?.focus();
    switch (s.stage) {
      case 'waiting':
      case 'done':
      case 'packing':
        focus(entryRef.current);
        return;
      case 'weighing':
        if (overriding) focus(reasonRef.current);
        else if (!scaleConnected) focus(manualRef.current);
        else (document.activeElement as HTMLElement | null)?.blur();
        return;
      case 'ship':
        if (!s.fields.trackingNumber) focus(trackingRef.current);
        return;
      default:
        return;
    }
    // Tracking is read only when the stage is entered: typing in it must not move focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [s.stage, overriding, scaleConnected]);

  useEffect(() => {
    if (s.stage !== 'weighing') setOverriding(false);
    if (s.stage === 'waiting' || s.stage === 'done') setManualGrams('');
  }, [s.stage]);

  const weigh = (): void => {
    if (scaleConnected) {
      if (!live || live.milligrams === null) return s.refuse('NO_WEIGHT', 'The scale has no reading yet: put the parcel on it');
      if (!live.stable) return s.refuse('NOT_STABLE', 'The scale is still settling: wait for a stable weight, then F4');
      const grams = Math.round(live.milligrams / 1000);
      if (grams <= 0) return s.refuse('NO_WEIGHT', 'The scale reads zero: put the parcel on it');
      void s.weigh(grams);
      return;
    }
    const grams = Number(manualGrams);
    if (!grams) {
      manualRef.current?.focus();
      return s.refuse('NO_WEIGHT', 'No scale connected: type the parcel weight in grams, then F4');
    }
    void s.weigh(grams);
  };

  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    const stage = s.stage;
    const open = s.view !== null;
    switch (e.key) {
      case 'F2':
        if (open) void s.undo();
        break;
      case 'F4':
        if (stage === 'weighing' || stage === 'ship') weigh();
        break;
      case 'F6':
        if (stage === 'weighing' && s.view?.weight.status === 'mismatch') setOverriding(true);
        break;
      case 'F8':
        if (stage === 'ship') void s.printLabel();
        break;
      case 'F9':
        if (stage === 'ship') void s.ship();
        break;
      case 'Escape':
        if (overriding) setOverriding(false);
        else if (s.refusal) s.dismiss();
        else if (open) s.close();
        break;
      case '*':
        // "×N": jump to the quantity from wherever the focus went.
        if (stage !== 'packing' || document.activeElement === entryRef.current) return;
        entryRef.current?.focus();
        entryRef.current?.select();
        break;
      default:
        return;
    }
    e.preventDefault();
  };
  useEffect(() => {
    const handler = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', handler);
    return () => window.removeEventListener('keydown', handler);
  }, []);

  const submitEntry = (): void => {
    const typed = entry.trim();
    if (!typed) return;
    if (s.stage === 'packing') {
      const t = typedCode(typed);
      if (!t) return s.refuse('SCAN_NEXT', `Quantity ${typed} set: now scan the item`);
      void s.scan(t.code, t.quantity).then((ok) => ok && clearEntry());
      return;
    }
    void s.scan(typed, 1).then((ok) => ok && clearEntry());
  };

  const overrideNow = (): void => {
    void s.override(reason.trim()).then(() => {
      setReason('');
      setOverriding(false);
    });
  };

  const hasPacked = s.view?.lines.some((l) => l.packed > 0) ?? false;
  const printer = devices.status?.printer;
  return (
    <div className="bench" data-testid="bench" data-stage={s.stage}>
      <Group justify="flex-end" gap="xs">
        <Badge size="lg" variant="dot" color={scaleConnected ? 'teal' : 'gray'} data-testid="bench-scale-status">
          Scale: {devices.status ? devices.status.scale.state.replace('-', ' ') : '…'}
        </Badge>
        <Badge size="lg" variant="dot" color={printer?.state === 'ready' ? 'teal' : printer?.state === 'not-configured' ? 'gray' : 'orange'}>
          Printer: {printer ? printer.state.replace('-', ' ') : '…'}
        </Badge>
      </Group>
      <BenchStageBar stage={s.stage} view={s.view} shippedNumber={s.shipped?.number ?? null} />
      <BenchRefusal refusal={s.refusal} />
      {/* Once shipped, the done panel says it all; the notice would repeat it. */}
      {!s.refusal && s.stage !== 'done' ? (
        <div className="bench-notice" data-testid="bench-notice">
          {s.notice}
        </div>
      ) : null}
      {s.stage === 'done' && s.shipped ? <BenchDone shipped={s.shipped} /> : null}
      {s.stage === 'waiting' || s.stage === 'done' || s.stage === 'packing' ? (
        <BenchEntry stage={s.stage} value={entry} setValue={changeEntry} inputRef={entryRef} onEnter={submitEntry} />
      ) : null}
      {s.view && s.stage === 'weighing' ? (
        <BenchWeighPanel
          view={s.view}
          live={live}
          scaleConnected={scaleConnected}
          manualGrams={manualGrams}
          setManualGrams={setManualGrams}
          manualRef={manualRef}
          overriding={overriding}
          reason={reason}
          setReason={setReason}
          reasonRef={reasonRef}
          onOverride={overrideNow}
        />
      ) : null}
      {s.view && s.stage === 'ship' ? <BenchShipPanel view={s.view} fields={s.fields} setFields={s.setFields} label={s.label} trackingRef={trackingRef} /> : null}
      {s.view ? <BenchLines view={s.view} tick={s.tick} /> : null}
      <BenchKeys keys={keysFor(s.stage, s.view?.weight.status === 'mismatch', hasPacked)} />
    </div>
  );
}
