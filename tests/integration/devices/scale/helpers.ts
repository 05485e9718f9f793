import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import type { Scale, ScaleStatus, ScaleWeight } from '../../../../src/main/devices/scale';
import type { PortFactory, PortLike } from '../../../../src/main/devices/serial/serial-transport';
import { findSocat, PtyPair } from '../../../fakes/scale/pty-pair';

export const SOCAT = findSocat();
export const SKIP_REASON = SOCAT ? '' : ' [skipped: socat not installed — apt-get install socat]';
if (!SOCAT) console.warn('scale PTY integration tests skipped: socat is not installed');

export async function startPair(): Promise<{ pty: PtyPair; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'stockroom-scale-'));
  const pty = new PtyPair(dir);
  await pty.start();
  return {
    pty,
    cleanup: async () => {
      await pty.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The real serialport, counting how many separate reads the driver got (to prove frames were split). */
export function countingPorts(): { factory: PortFactory; reads: () => number } {
  let reads = 0;
  return {
    reads: () => reads,
    factory: (o) => {
      const p = new SerialPort({ ...o, autoOpen: false });
      p.on('data', () => reads++);
      return p as unknown as PortLike;
    },
  };
}

const LONG = 15_000;

export function waitStatus(scale: Scale, pred: (s: ScaleStatus) => boolean, timeoutMs = LONG): Promise<ScaleStatus> {
  if (pred(scale.status)) return Promise.resolve(scale.status);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      off();
      reject(new Error(`status never matched; last ${JSON.stringify(scale.status)}`));
    }, timeoutMs);
    const off = scale.on('status', (s) => {
      if (pred(s)) {
        clearTimeout(t);
        off();
        resolve(s);
      }
    });
  });
}

export function waitWeight(scale: Scale, pred: (w: ScaleWeight) => boolean, timeoutMs = LONG): Promise<ScaleWeight> {
  return new Promise((resolve, reject) => {
    let last: ScaleWeight | null = null;
    const t = setTimeout(() => {
      off();
      reject(new Error(`no matching weight; last ${JSON.stringify(last)}`));
    }, timeoutMs);
    const off = scale.on('weight', (w) => {
      last = w;
      if (pred(w)) {
        clearTimeout(t);
        off();
        resolve(w);
      }
    });
  });
}

export function collect(scale: Scale): ScaleWeight[] {
  const seen: ScaleWeight[] = [];
  scale.on('weight', (w) => seen.push(w));
  return seen;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
