/**
 * Exposes window.stockroom: call(method, input) and subscribe(event, fn), over the MessagePort to the core.
 * ipcRenderer itself is never exposed; the only IPC message accepted is the port hand-over from main.
 */
import { contextBridge, ipcRenderer } from 'electron';

type Pending = { resolve: (v: unknown) => void };
let port: MessagePort | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
const queue: unknown[] = [];
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('stockroom:port', (e) => {
  const [p] = e.ports;
  if (!p) return;
  port = p;
  port.onmessage = (m: MessageEvent) => {
    const data = m.data as { id?: number; result?: unknown; event?: string; payload?: unknown };
    if (data.id !== undefined) {
      pending.get(data.id)?.resolve(data.result);
      pending.delete(data.id);
    } else if (data.event) {
      for (const fn of listeners.get(data.event) ?? []) fn(data.payload);
    }
  };
  for (const msg of queue.splice(0)) port.postMessage(msg);
});

contextBridge.exposeInMainWorld('stockroom', {
  transport: 'messageport',
  call(method: string, input: unknown): Promise<unknown> {
    const id = nextId++;
    const msg = { id, method: String(method), input: input === undefined ? {} : JSON.parse(JSON.stringify(input)) };
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      if (port) port.postMessage(msg);
      else queue.push(msg);
    });
  },
  subscribe(event: string, fn: (payload: unknown) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set.delete(fn);
  },
});
