/**
 * Splits a byte stream into frames at a delimiter. Serial reads arrive in arbitrary pieces: one frame may
 * span several reads and one read may hold several frames, so bytes are buffered until the delimiter shows up.
 * A stream that never sends the delimiter (wrong baud rate, wrong protocol) must not grow memory forever:
 * past `maxFrameBytes` the buffer is dropped and reported as an overflow so the caller can count it as garbage.
 */
export interface Framer {
  push(chunk: Buffer): { frames: Buffer[]; overflows: number };
  reset(): void;
}

export interface FramerOptions {
  delimiter: Buffer;
  /** Bytes removed from the end of each frame if present (e.g. CR before LF). */
  trimTrailing?: Buffer;
  maxFrameBytes?: number;
}

export function createFramer(options: FramerOptions): Framer {
  const max = options.maxFrameBytes ?? 256;
  let buf = Buffer.alloc(0);
  return {
    push(chunk) {
      buf = buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([buf, chunk]);
      const frames: Buffer[] = [];
      let overflows = 0;
      for (;;) {
        const at = buf.indexOf(options.delimiter);
        if (at < 0) break;
        let frame = buf.subarray(0, at);
        buf = buf.subarray(at + options.delimiter.length);
        const trim = options.trimTrailing;
        if (trim && frame.length >= trim.length && frame.subarray(frame.length - trim.length).equals(trim)) {
          frame = frame.subarray(0, frame.length - trim.length);
        }
        if (frame.length > max) overflows++;
        else frames.push(Buffer.from(frame));
      }
      if (buf.length > max) {
        overflows++;
        buf = Buffer.alloc(0);
      }
      return { frames, overflows };
    },
    reset() {
      buf = Buffer.alloc(0);
    },
  };
}

/** CR LF (or bare LF) terminated ASCII lines, as MT-SICS and CAS send them. */
export const lineFramer = (maxFrameBytes = 128): Framer =>
  createFramer({ delimiter: Buffer.from('\n'), trimTrailing: Buffer.from('\r'), maxFrameBytes });
