import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Where socat is, or null (tests skip with a reason then). */
export function findSocat(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v socat'], { encoding: 'utf8' });
  const path = r.status === 0 ? r.stdout.trim() : '';
  return path || null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A pseudo-terminal pair from socat: `a` for the driver, `b` for the fake device. Killing socat makes both
 * ends vanish mid-read, just like unplugging a USB-serial adapter; start() again recreates the same link names.
 */
export class PtyPair {
  readonly a: string;
  readonly b: string;
  private proc: ChildProcess | null = null;

  constructor(
    readonly dir: string,
    private readonly socat = findSocat() ?? 'socat',
  ) {
    this.a = join(dir, 'a');
    this.b = join(dir, 'b');
  }

  get running(): boolean {
    return this.proc !== null;
  }

  async start(timeoutMs = 10_000): Promise<void> {
    if (this.proc) throw new Error('socat already running');
    // Stale links from a socat that died hard would make us "see" the pair before it exists.
    rmSync(this.a, { force: true });
    rmSync(this.b, { force: true });
    const proc = spawn(this.socat, ['-d', '-d', `pty,raw,echo=0,link=${this.a}`, `pty,raw,echo=0,link=${this.b}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let log = '';
    proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
    let exited: number | null | undefined;
    proc.on('exit', (code) => (exited = code));
    this.proc = proc;
    const deadline = Date.now() + timeoutMs;
    while (!(existsSync(this.a) && existsSync(this.b))) {
      if (exited !== undefined) {
        this.proc = null;
        throw new Error(`socat exited (${exited}): ${log}`);
      }
      if (Date.now() > deadline) {
        await this.stop();
        throw new Error(`socat links did not appear within ${timeoutMs} ms: ${log}`);
      }
      await sleep(20);
    }
  }

  /** Kills socat (by its pid) and waits until it is gone and the links are removed. */
  async stop(): Promise<void> {
    const proc = this.proc;
    this.proc = null;
    if (proc && proc.exitCode === null && proc.signalCode === null) {
      const gone = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
      await gone;
      clearTimeout(t);
    }
    rmSync(this.a, { force: true });
    rmSync(this.b, { force: true });
  }
}
