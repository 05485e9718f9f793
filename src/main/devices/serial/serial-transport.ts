import fs from 'node:fs';
import { EventEmitter } from 'node:events';
import { SerialPort } from 'serialport';

export interface SerialOptions {
  path: string;
  baudRate: number;
  dataBits?: 5 | 6 | 7 | 8;
  parity?: 'none' | 'even' | 'odd' | 'mark' | 'space';
  stopBits?: 1 | 1.5 | 2;
  /** Delay between attempts to (re)open the port, ms (default 2000). */
  reconnectMs?: number;
  /** How often an open port's device path is checked for having vanished, ms (default 500). */
  presenceMs?: number;
}

export type TransportState = 'connected' | 'disconnected';

export interface TransportStatus {
  state: TransportState;
  message: string;
}

/** The subset of serialport's SerialPort the transport needs; injectable so tests can use SerialPortMock. */
export interface PortLike {
  readonly isOpen: boolean;
  open(cb: (err: Error | null) => void): void;
  write(data: Buffer, cb: (err: Error | null | undefined) => void): boolean;
  drain(cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
  on(event: 'data', fn: (data: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  on(event: 'close', fn: (err?: Error | null) => void): unknown;
  removeAllListeners(): unknown;
}

export type PortFactory = (options: Required<Omit<SerialOptions, 'reconnectMs' | 'presenceMs'>>) => PortLike;

export class SerialTransportError extends Error {
  constructor(
    readonly code: 'NOT_CONNECTED' | 'TRANSPORT' | 'CLOSED',
    message: string,
  ) {
    super(message);
    this.name = 'SerialTransportError';
  }
}

export interface SerialTransport {
  on(event: 'data', fn: (data: Buffer) => void): () => void;
  on(event: 'status', fn: (status: TransportStatus) => void): () => void;
  readonly status: TransportStatus;
  write(data: Buffer): Promise<void>;
  close(): Promise<void>;
}

const defaultFactory: PortFactory = (o) =>
  new SerialPort({ path: o.path, baudRate: o.baudRate, dataBits: o.dataBits, parity: o.parity, stopBits: o.stopBits, autoOpen: false }) as unknown as PortLike;

/**
 * A serial port that keeps itself open. USB-serial adapters vanish when unplugged and PTYs when their peer
 * dies; both surface as 'close' (with `disconnected`) or an open failure. Either way we report disconnected
 * and retry every `reconnectMs` until the path opens again, so the scale driver above never handles replugging.
 */
/** true/false for device paths that live in the file system (Linux, macOS); null where they do not (Windows COM ports). */
const defaultPathExists = (p: string): boolean | null => (p.startsWith('/') ? fs.existsSync(p) : null);

export function createSerialTransport(options: SerialOptions, deps: { createPort?: PortFactory; pathExists?: (p: string) => boolean | null } = {}): SerialTransport {
  const factory = deps.createPort ?? defaultFactory;
  const reconnectMs = options.reconnectMs ?? 2000;
  const portOptions = {
    path: options.path,
    baudRate: options.baudRate,
    dataBits: options.dataBits ?? 8,
    parity: options.parity ?? 'none',
    stopBits: options.stopBits ?? 1,
  } as const;
  const emitter = new EventEmitter();
  let status: TransportStatus = { state: 'disconnected', message: `opening ${options.path}` };
  let port: PortLike | null = null;
  let timer: NodeJS.Timeout | null = null;
  let presence: NodeJS.Timeout | null = null;
  let closed = false;
  // An unplugged USB-serial adapter takes its device node with it (a PTY its link), but the open descriptor does not
  // always report the hang-up (a read-only stream may never error). Watching the path makes the loss certain.
  const pathExists = deps.pathExists ?? defaultPathExists;
  const presenceMs = options.presenceMs ?? 500;

  const setStatus = (next: TransportStatus): void => {
    const changed = next.state !== status.state;
    status = next;
    // Retries that fail the same way are not news; only transitions are.
    if (changed) emitter.emit('status', status);
  };

  const scheduleRetry = (): void => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      attempt();
    }, reconnectMs);
  };

  const stopPresence = (): void => {
    if (presence) clearInterval(presence);
    presence = null;
  };

  const dropPort = (message: string): void => {
    stopPresence();
    const p = port;
    port = null;
    if (p) {
      p.removeAllListeners();
      // Keep a no-op error listener: a late error from a dead port must not become an uncaught exception.
      p.on('error', () => {});
      if (p.isOpen) p.close(() => {});
    }
    setStatus({ state: 'disconnected', message });
    scheduleRetry();
  };

  const attempt = (): void => {
    if (closed) return;
    let p: PortLike;
    try {
      p = factory(portOptions);
    } catch (err) {
      setStatus({ state: 'disconnected', message: `cannot open ${options.path}: ${errorText(err)}` });
      scheduleRetry();
      return;
    }
    port = p;
    p.on('data', (data) => {
      if (port === p) emitter.emit('data', data);
    });
    p.on('error', (err) => {
      if (port === p && !p.isOpen) dropPort(`${options.path}: ${err.message}`);
    });
    p.on('close', (err) => {
      if (port === p) dropPort(err ? `${options.path} vanished: ${err.message}` : `${options.path} closed`);
    });
    p.open((err) => {
      if (port !== p) {
        // close() ran while we were opening: do not leak the descriptor.
        if (!err) p.close(() => {});
        return;
      }
      if (err) {
        port = null;
        p.removeAllListeners();
        p.on('error', () => {});
        setStatus({ state: 'disconnected', message: `cannot open ${options.path}: ${err.message}` });
        scheduleRetry();
        return;
      }
      setStatus({ state: 'connected', message: `${options.path} open at ${options.baudRate} baud` });
      // Only a path that is there while open can vanish (mock ports and Windows COM names have no file).
      if (pathExists(options.path) === true) {
        stopPresence();
        presence = setInterval(() => {
          if (port === p && pathExists(options.path) === false) dropPort(`${options.path} vanished`);
        }, presenceMs);
        presence.unref?.();
      }
    });
  };

  // Open on the next tick so callers can subscribe to the first status change.
  timer = setTimeout(() => {
    timer = null;
    attempt();
  }, 0);

  return {
    on(event: 'data' | 'status', fn: ((d: Buffer) => void) | ((s: TransportStatus) => void)) {
      const f = fn as (arg: unknown) => void;
      emitter.on(event, f);
      return () => emitter.off(event, f);
    },
    get status() {
      return status;
    },
    write(data) {
      const p = port;
      if (closed) return Promise.reject(new SerialTransportError('CLOSED', 'transport closed'));
      if (!p || !p.isOpen || status.state !== 'connected') {
        return Promise.reject(new SerialTransportError('NOT_CONNECTED', `${options.path} is not open`));
      }
      // Resolve when the bytes are handed to the OS, not on drain: tcdrain blocks a libuv pool thread until the line
      // empties, and a line that died mid-write would hold that thread (and starve every later drain/open) for good.
      return new Promise<void>((resolve, reject) => {
        p.write(data, (err) => (err ? reject(new SerialTransportError('TRANSPORT', err.message)) : resolve()));
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      stopPresence();
      if (timer) clearTimeout(timer);
      timer = null;
      const p = port;
      port = null;
      if (p) {
        p.removeAllListeners();
        p.on('error', () => {});
        if (p.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
      }
      if (status.state !== 'disconnected') setStatus({ state: 'disconnected', message: 'closed' });
      emitter.removeAllListeners();
    },
  };
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));
