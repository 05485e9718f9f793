import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn as nodeSpawn } from 'node:child_process';
import fs from 'node:fs/promises';
import type { PrinterTransport } from './label-printer';
import { PrinterError, fromSystemError } from './printer-error';

/**
 * A USB label printer through the Linux usblp driver (`/dev/usb/lp0`) or any other write-only device
 * node (a FreeBSD `/dev/ulpt0`, a parallel port). Plain fs writes: serialport cannot open usblp
 * ("Inappropriate ioctl"). The user needs write access to the node (group `lp` on most distributions).
 */
export function createDeviceFileTransport(path: string): PrinterTransport {
  return {
    description: path,
    async send(data) {
      let handle: fs.FileHandle | undefined;
      try {
        // Append, never truncate: harmless on a device and keeps earlier jobs when the path is a file.
        handle = await fs.open(path, 'a');
        await handle.write(data);
      } catch (e) {
        throw fromSystemError(e, `Printer device ${path}`);
      } finally {
        await handle?.close().catch(() => undefined);
      }
    },
  };
}

export type SpawnFn = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

/**
 * A CUPS (or LPRng) queue in raw mode: `lp -d QUEUE -o raw`, job bytes on stdin. Set the queue up once
 * with e.g. `lpadmin -p zebra -E -v socket://PRINTER:9100` or `-v usb://Zebra/...`, no driver, so CUPS
 * passes the ZPL through untouched. One-way: no status. `spawn` is injectable for tests.
 */
export function createCupsRawTransport(queue: string, opts: { spawn?: SpawnFn; lpPath?: string } = {}): PrinterTransport {
  if (!/^[\w.-]+$/.test(queue)) throw new PrinterError('PRINTER_SPOOLER_FAILED', `"${queue}" is not a valid CUPS queue name`);
  const spawn = opts.spawn ?? (nodeSpawn as SpawnFn);
  const lp = opts.lpPath ?? 'lp';
  return {
    description: `cups:${queue}`,
    send(data) {
      return new Promise<void>((resolve, reject) => {
        // No shell: the queue name is an argument, never interpolated into a command line.
        const child = spawn(lp, ['-d', queue, '-o', 'raw'], { stdio: ['pipe', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr?.on('data', (d: Buffer) => {
          stderr += d.toString();
        });
        child.once('error', (e: NodeJS.ErrnoException) => {
          reject(new PrinterError('PRINTER_SPOOLER_FAILED', e.code === 'ENOENT' ? `"${lp}" is not installed (CUPS client missing)` : `lp failed: ${e.message}`, { cause: e }));
        });
        child.once('close', (code) => {
          if (code === 0) resolve();
          else reject(new PrinterError('PRINTER_SPOOLER_FAILED', `lp -d ${queue} exited with ${String(code)}: ${stderr.trim()}`));
        });
        // EPIPE if lp died first; its exit code carries the real reason.
        child.stdin?.on('error', () => undefined);
        child.stdin?.end(data);
      });
    },
  };
}
