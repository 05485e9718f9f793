import { SerialPort } from 'serialport';
import type { PtyPair } from './pty-pair';

export type FakeLoad = { kind: 'weight'; value: string; unit: string; motion: boolean } | { kind: 'overload' } | { kind: 'underload' };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The device end of a PTY pair, opened with serialport like the real port would be. Subclasses speak one
 * protocol; this base holds the scripted state and the write queue. Every write goes through one queue so a
 * frame split into pieces is never interleaved with another frame (as on a real UART).
 */
export abstract class FakeSerialScale {
  load: FakeLoad = { kind: 'weight', value: '0.00', unit: 'g', motion: false };
  /** Commands received from the driver, in order. */
  readonly received: string[] = [];
  /** Reshapes the next response (e.g. into pieces); reset after use. */
  private shapeNext: ((frame: Buffer) => Buffer[]) | null = null;
  private port: SerialPort | null = null;
  private queue: Promise<void> = Promise.resolve();
  private inbox = '';
  /** Delay between pieces of a split frame, long enough for the driver to see separate reads. */
  pieceGapMs = 40;

  constructor(readonly pty: PtyPair) {}

  async open(): Promise<void> {
    const port = new SerialPort({ path: this.pty.b, baudRate: 9600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    // socat being killed closes this end too; that is the scenario, not a failure.
    port.on('error', () => {});
    port.on('close', () => {
      if (this.port === port) this.port = null;
    });
    port.on('data', (d: Buffer) => this.onBytes(d));
    this.port = port;
  }

  setWeight(value: string, unit: string, motion = false): void {
    this.load = { kind: 'weight', value, unit, motion };
  }
  setMotion(motion: boolean): void {
    if (this.load.kind === 'weight') this.load = { ...this.load, motion };
  }
  setOverload(): void {
    this.load = { kind: 'overload' };
  }
  setUnderload(): void {
    this.load = { kind: 'underload' };
  }

  /** The next response is cut at these byte offsets and written piece by piece. */
  splitNextResponse(offsets: number[]): void {
    this.shapeNext = (frame) => {
      const cuts = [0, ...offsets.filter((o) => o > 0 && o < frame.length), frame.length];
      return cuts.slice(1).map((end, i) => frame.subarray(cuts[i], end));
    };
  }
  /** The next response is preceded by these bytes. */
  garbageBeforeNextResponse(garbage: Buffer): void {
    this.shapeNext = (frame) => [garbage, frame];
  }

  /** Writes bytes as they are (for garbage, unsolicited frames, several frames in one write). */
  sendRaw(bytes: Buffer | string): Promise<void> {
    return this.enqueue([Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'latin1')]);
  }

  /** Kills socat: both ends of the pair disappear mid-read. */
  async vanish(): Promise<void> {
    // A write may be stuck waiting for drain (that is what a dying line looks like): vanish anyway, as a cable pull would.
    await Promise.race([this.queue.catch(() => undefined), sleep(300)]);
    const p = this.port;
    this.port = null;
    await this.pty.stop();
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }

  /** Starts socat again with the same link names and reopens the device end. */
  async comeBack(): Promise<void> {
    await this.pty.start();
    this.inbox = '';
    await this.open();
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    const p = this.port;
    this.port = null;
    if (p?.isOpen) await new Promise<void>((r) => p.close(() => r()));
  }

  /** Sends a protocol response, through the one-shot shaper if set. */
  protected respond(frame: Buffer | string): Promise<void> {
    const bytes = Buffer.isBuffer(frame) ? frame : Buffer.from(frame, 'latin1');
    const shape = this.shapeNext;
    this.shapeNext = null;
    return this.enqueue(shape ? shape(bytes) : [bytes]);
  }

  protected abstract handleCommand(command: string): void;

  private onBytes(d: Buffer): void {
    this.inbox += d.toString('latin1');
    // MT-SICS ends commands with CR LF, SCP-01 with CR: accept either.
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.inbox);
      if (!m) break;
      const cmd = this.inbox.slice(0, m.index);
      this.inbox = this.inbox.slice(m.index + m[0].length);
      if (cmd === '') continue;
      this.received.push(cmd);
      this.handleCommand(cmd);
    }
  }

  private enqueue(pieces: Buffer[]): Promise<void> {
    const job = this.queue.then(async () => {
      for (let i = 0; i < pieces.length; i++) {
        const p = this.port;
        if (!p) return; // vanished: bytes go nowhere, as on a dead line
        await new Promise<void>((resolve) => {
          // The write callback, not drain: tcdrain on a PTY whose peer is gone blocks a libuv pool thread for good.
          p.write(pieces[i]!, () => resolve());
        });
        if (i < pieces.length - 1) await sleep(this.pieceGapMs);
      }
    });
    this.queue = job.catch(() => undefined);
    return job;
  }
}
