/**
 * A fake raw-9100 ZPL printer on 127.0.0.1. It records every byte received (per connection and in
 * total), answers `~HS` with a configurable host status (or stays silent, like a Zebra with its head
 * open), and can be stopped and started again on the same port to play an unplugged printer.
 */
import net from 'node:net';
import { formatHostStatus } from '../../../src/main/devices/printer/zpl-host-status';

export interface FakeZplPrinter {
  readonly port: number;
  /** Everything received, in arrival order, across connections. */
  received(): Buffer;
  /** Bytes per closed connection (one print job or query each). */
  connections(): Buffer[];
  /** ZPL formats received (`^XA…^XZ`), with the surrounding whitespace trimmed away. */
  formats(): string[];
  /** The ~HS answer; `null` = do not answer, as real printers do with the head open or media out. */
  setStatus(reply: string | null): void;
  /** Resolves once `n` connections have been closed by the client. */
  waitForConnections(n: number): Promise<void>;
  stop(): Promise<void>;
  /** Starts listening again on the same port. */
  start(): Promise<void>;
  clear(): void;
}

export async function startFakeZplPrinter(opts: { port?: number; status?: string | null } = {}): Promise<FakeZplPrinter> {
  let status: string | null = opts.status === undefined ? formatHostStatus() : opts.status;
  const chunks: Buffer[] = [];
  const closed: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  const waiters: Array<{ n: number; resolve: () => void }> = [];
  let server: net.Server | undefined;
  let port = opts.port ?? 0;

  const notify = (): void => {
    for (const w of [...waiters]) {
      if (closed.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  };

  const listen = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const srv = net.createServer((socket) => {
        sockets.add(socket);
        const mine: Buffer[] = [];
        let text = '';
        socket.on('data', (d: Buffer) => {
          chunks.push(d);
          mine.push(d);
          text += d.toString('latin1');
          // Answer each ~HS once, as soon as it arrives (a status query does not half-close first).
          while (text.includes('~HS')) {
            text = text.slice(text.indexOf('~HS') + 3);
            if (status !== null) socket.write(status, 'latin1');
          }
        });
        socket.on('error', () => undefined);
        socket.on('close', () => {
          sockets.delete(socket);
          closed.push(Buffer.concat(mine));
          notify();
        });
      });
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        port = (srv.address() as net.AddressInfo).port;
        server = srv;
        resolve();
      });
    });

  await listen();

  return {
    get port() {
      return port;
    },
    received: () => Buffer.concat(chunks),
    connections: () => [...closed],
    formats() {
      const text = Buffer.concat(chunks).toString('utf8');
      return [...text.matchAll(/\^XA[\s\S]*?\^XZ/g)].map((m) => m[0]);
    },
    setStatus(reply) {
      status = reply;
    },
    waitForConnections(n) {
      if (closed.length >= n) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ n, resolve }));
    },
    async stop() {
      const srv = server;
      server = undefined;
      if (!srv) return;
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => srv.close(() => resolve()));
    },
    start: listen,
    clear() {
      chunks.length = 0;
      closed.length = 0;
    },
  };
}
