import net from 'node:net';
import type { PrinterTransport } from './label-printer';
import { PrinterError, fromSystemError } from './printer-error';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing port: 9100 on Zebra and most network label printers. */
  port?: number;
  connectTimeoutMs?: number;
  /** Longest wait for a write to drain or a status reply to arrive. */
  ioTimeoutMs?: number;
}

/** One short TCP connection per job or query, as print servers do; nothing stays open between jobs. */
export function createTcpTransport(opts: TcpTransportOptions): PrinterTransport {
  const port = opts.port ?? 9100;
  const connectTimeoutMs = opts.connectTimeoutMs ?? 3000;
  const ioTimeoutMs = opts.ioTimeoutMs ?? 10_000;
  const description = `${opts.host}:${port}`;

  function connect(): Promise<net.Socket> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: opts.host, port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError('PRINTER_TIMEOUT', `No connection to ${description} within ${connectTimeoutMs} ms`));
      }, connectTimeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(socket);
      });
      socket.once('error', (e) => {
        clearTimeout(timer);
        socket.destroy();
        reject(fromSystemError(e, `Printer ${description}`));
      });
    });
  }

  return {
    description,
    async send(data) {
      const socket = await connect();
      await new Promise<void>((resolve, reject) => {
        let flushed = false;
        const timer = setTimeout(() => {
          socket.destroy();
          // Once the kernel has the bytes the job is the printer's; only an unflushed write is a failure.
          if (flushed) resolve();
          else reject(new PrinterError('PRINTER_TIMEOUT', `Sending to ${description} did not finish within ${ioTimeoutMs} ms`));
        }, ioTimeoutMs);
        socket.on('error', (e) => {
          clearTimeout(timer);
          socket.destroy();
          reject(fromSystemError(e, `Printer ${description}`));
        });
        // The printer may chat back (e.g. to ~ commands); we do not read replies to a print job.
        socket.on('data', () => undefined);
        socket.once('close', (hadError) => {
          clearTimeout(timer);
          if (!hadError) resolve();
        });
        socket.end(data, () => {
          flushed = true;
        });
      });
    },
    async request(query, isComplete) {
      const socket = await connect();
      return new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const finish = (err?: PrinterError): void => {
          clearTimeout(timer);
          socket.destroy();
          if (err) reject(err);
          else resolve(Buffer.concat(chunks));
        };
        const timer = setTimeout(
          () => finish(new PrinterError('PRINTER_NO_STATUS', `${description} did not answer within ${ioTimeoutMs} ms`)),
          ioTimeoutMs,
        );
        socket.on('data', (d: Buffer) => {
          chunks.push(d);
          if (isComplete(Buffer.concat(chunks))) finish();
        });
        socket.on('error', (e) => finish(fromSystemError(e, `Printer ${description}`)));
        socket.on('end', () => finish(new PrinterError('PRINTER_NO_STATUS', `${description} closed the connection without a full status reply`)));
        socket.write(query);
      });
    },
  };
}
