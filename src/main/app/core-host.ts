/**
 * Runs inside Electron's utilityProcess: hosts the core and answers each renderer over its own MessagePort.
 * Imports nothing from electron; talks to main through process.parentPort.
 */
import { createCore, type Core } from '../core/core';
import { maybeSeedDemo } from '../demo';
import { PrinterError, type OsPrintFn } from '../devices/printer';
import type { CallContext } from '../core/context';

interface PortLike {
  on(event: 'message', fn: (e: { data: unknown }) => void): void;
  on(event: 'close', fn: () => void): void;
  postMessage(msg: unknown): void;
  start(): void;
}
interface ParentPortLike {
  on(event: 'message', fn: (e: { data: unknown; ports: PortLike[] }) => void): void;
  postMessage(msg: unknown): void;
}

const parentPort = (process as unknown as { parentPort: ParentPortLike }).parentPort;
let core: Core | null = null;
const ports = new Set<PortLike>();

// OS printing (DYMO, Brother… through their drivers) needs Electron's main process: ask it, wait for its answer.
let nextPrint = 1;
const printing = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
const osPrint: OsPrintFn = (job) =>
  new Promise<void>((resolve, reject) => {
    const id = nextPrint++;
    printing.set(id, { resolve, reject });
    parentPort.postMessage({ type: 'osPrint', id, job });
  });

parentPort.on('message', (e) => {
  const msg = e.data as { type: string; file?: string; nativeBinding?: string; demo?: boolean; ctx?: CallContext };
  switch (msg.type) {
    case 'init': {
      try {
        core = createCore({ file: msg.file!, nativeBinding: msg.nativeBinding, host: 'desktop', demo: msg.demo, osPrint });
        core.bus.onAny((event, payload) => {
          for (const p of ports) p.postMessage({ event, payload });
        });
        // --demo fills an empty ledger with a living warehouse; a ledger that has data is left alone.
        const demo = msg.demo ? maybeSeedDemo(core) : null;
        core.planningScheduler.start();
        core.channels.scheduler.start();
        parentPort.postMessage({ type: 'ready', schemaVersion: core.migration.to, backup: core.migration.backup, demo: demo && { seeded: demo.seeded, reason: demo.reason } });
      } catch (err) {
        const e2 = err as { code?: string; message: string };
        parentPort.postMessage({ type: 'fatal', code: e2.code ?? 'INTERNAL', message: e2.message });
      }
      return;
    }
    case 'connect': {
      const port = e.ports[0];
      const ctx: CallContext = msg.ctx ?? { actor: 'desktop', device: 'desktop' };
      ports.add(port);
      port.on('message', (m) => {
        const { id, method, input } = m.data as { id: number; method: string; input: unknown };
        const result = core
          ? core.router.call(method, input, ctx)
          : { ok: false, error: { code: 'INTERNAL', message: 'The core is not ready' } };
        port.postMessage({ id, result });
      });
      port.on('close', () => ports.delete(port));
      port.start();
      return;
    }
    case 'osPrinted': {
      const m = e.data as { id: number; error?: string };
      const p = printing.get(m.id);
      printing.delete(m.id);
      if (m.error) p?.reject(new PrinterError('PRINTER_OFFLINE', m.error));
      else p?.resolve();
      return;
    }
    case 'shutdown':
      core?.close();
      process.exit(0);
  }
});
