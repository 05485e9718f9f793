import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FakeServer {
  /** The port (the one asked for, else the one the first listen got: a restart keeps it). */
  readonly port: number;
  readonly running: boolean;
  /** Listens on 127.0.0.1 at the port. */
  listen(): Promise<void>;
  /** Closes the server and cuts its open connections, as a shop going down would. */
  stop(): Promise<void>;
}

/**
 * The HTTP side of a fake shop: a server on 127.0.0.1 that can be stopped and started again on the same port.
 * `handle` answers a request; when it throws, `onError` finishes the answer (it may have begun).
 */
export function fakeServer(opts: {
  port?: number;
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>;
  onError: (res: http.ServerResponse, e: unknown) => void;
  keepAliveTimeout?: number;
}): FakeServer {
  let server: http.Server | undefined;
  let port = opts.port ?? 0;
  const sockets = new Set<Socket>();
  return {
    get port() {
      return port;
    },
    get running() {
      return server !== undefined;
    },
    listen: () =>
      new Promise((resolve, reject) => {
        const srv = http.createServer((req, res) => {
          opts.handle(req, res).catch((e: unknown) => opts.onError(res, e));
        });
        if (opts.keepAliveTimeout !== undefined) srv.keepAliveTimeout = opts.keepAliveTimeout;
        srv.on('connection', (s) => {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
        });
        srv.once('error', reject);
        srv.listen(port, '127.0.0.1', () => {
          port = (srv.address() as AddressInfo).port;
          server = srv;
          resolve();
        });
      }),
    stop: () =>
      new Promise((resolve) => {
        const srv = server;
        server = undefined;
        if (!srv) return resolve();
        for (const s of sockets) s.destroy();
        srv.close(() => resolve());
      }),
  };
}

/** A request's body as UTF-8 text. */
export const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
