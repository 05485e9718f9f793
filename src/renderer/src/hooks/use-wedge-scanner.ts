import { useEffect } from 'react';
import { wedgeOptions, type ScannerConfig } from '../../../shared/api/devices';
import { DEFAULT_WEDGE, WedgeDetector, type WedgeOptions } from '../../../shared/wedge-detector';
import { call } from '../api/client';
import { fieldChanged, restoreField, snapshotFocusedField, type FieldSnapshot } from '../lib/field-snapshot';
import { hasScanConsumer, publishRawScan, publishScan } from '../lib/scan-bus';
import { showScanFailure, showScanToast } from '../lib/scan-toast';
import { useApi } from './use-api';
import { useEvent } from './use-event';

/** The station's wedge settings; null = no keyboard-wedge scanner here (none, or a HID scanner the core reads itself). */
function optionsFor(scanner: ScannerConfig | undefined): WedgeOptions | null {
  if (!scanner) return DEFAULT_WEDGE; // not loaded (yet): a wedge scanner works out of the box
  return scanner.kind === 'wedge' ? wedgeOptions(scanner) : null;
}

/** Keys that cannot be part of a scan: they end any burst in progress. */
const BREAK = 'Unidentified';

/**
 * Keyboard-wedge scanning for the whole window. Every keydown is watched in the capture phase (before any field or
 * shortcut sees it) and fed to the timing detector. Keys are never held back: people type into fields as usual.
 * Only when a burst ends like a scan (terminator at scanner speed) does this step in:
 * - a page consumes scans: the burst is taken back out of the focused field, the terminator is swallowed, and the
 *   parsed scan goes to the page;
 * - nobody consumes scans and the burst went into a field: it stays there with its terminator, as the keyboard-first
 *   forms expect from a scanner; the core still records the scan;
 * - nobody consumes scans and no field took it: the terminator is swallowed (it would press the focused button) and
 *   the parsed scan is shown as a toast.
 */
export function useWedgeScanner(): void {
  const config = useApi('devices.config', {});
  useEvent('devices.changed', (e) => {
    if (e.reason === 'config') config.reload();
  });
  const options = optionsFor(config.data?.scanner);
  const key = options ? JSON.stringify(options) : null;

  useEffect(() => {
    if (key === null) return;
    const opts = JSON.parse(key) as WedgeOptions;
    const detector = new WedgeDetector(opts);
    let snapshot: FieldSnapshot | null = null;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;

    const handle = (text: string, terminator: KeyboardEvent | null): void => {
      const landed = fieldChanged(snapshot) ? snapshot : null;
      snapshot = null;
      const consumed = hasScanConsumer();
      if (consumed || !landed) {
        if (landed) restoreField(landed);
        // The scanner's Enter/Tab must not submit a form, press a button or move focus.
        terminator?.preventDefault();
        terminator?.stopPropagation();
      }
      const toast = !consumed && !landed;
      // A page that parses the code itself gets it now; scan.submit still records the scan (recent scans, events).
      const tookRaw = publishRawScan(text);
      void call('scan.submit', { raw: text, source: 'wedge' }).then((r) => {
        if (tookRaw) return;
        if (!r.ok) return showScanFailure(r.error.message);
        if (!publishScan(r.value) && toast) showScanToast(r.value);
      });
    };

    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.isComposing) return;
      // Held-down keys and shortcuts are a person; AltGr arrives as Ctrl+Alt and does type characters.
      const shortcut = (e.ctrlKey || e.metaKey) && !(e.ctrlKey && e.altKey);
      const ev = detector.key(e.repeat || shortcut ? BREAK : e.key, e.timeStamp);
      if (ev.type === 'start') snapshot = snapshotFocusedField();
      else if (ev.type === 'scan') handle(ev.text, e);
      if (opts.terminators.length === 0) {
        // Without a terminator a pause ends the scan; ask the detector once the gap is surely over.
        clearTimeout(idleTimer);
        idleTimer = setTimeout(() => {
          const idle = detector.idle(performance.now());
          if (idle.type === 'scan') handle(idle.text, null);
        }, opts.maxGapMs + 10);
      }
    };

    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      clearTimeout(idleTimer);
    };
  }, [key]);
}
