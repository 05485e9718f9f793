/**
 * Tells a keyboard-wedge scanner from a person by keystroke timing. A scanner types a whole code with a few
 * milliseconds between keys and ends it with Enter or Tab; people are at least ten times slower. Pure logic:
 * the renderer feeds it key events and decides what to do with the text it reports.
 */
export interface WedgeOptions {
  /** Longest gap between two keys of one scan. */
  maxGapMs: number;
  /** Fewest characters a scan has (shorter bursts are typing). */
  minLength: number;
  /** Keys that end a scan; empty = the scanner sends no terminator and a pause ends the scan. */
  terminators: ReadonlyArray<'Enter' | 'Tab'>;
  /** A printable stand-in the scanner is set to send for GS (FNC1), e.g. "~" or "{GS}"; turned back into \x1D. */
  gsSubstitute?: string;
}

// Four characters: bin labels are often that short, and nobody types four keys 35 ms apart.
export const DEFAULT_WEDGE: WedgeOptions = { maxGapMs: 35, minLength: 4, terminators: ['Enter', 'Tab'] };

export type WedgeEvent =
  /** The first key of what may become a scan: the caller snapshots the focused field to undo it later. */
  | { type: 'start'; at: number }
  | { type: 'scan'; text: string; startedAt: number; durationMs: number; terminator: 'Enter' | 'Tab' | 'pause' }
  | { type: 'none' };

const NONE: WedgeEvent = { type: 'none' };

export class WedgeDetector {
  private buf = '';
  private first = 0;
  private last = -Infinity;

  constructor(private readonly opts: WedgeOptions = DEFAULT_WEDGE) {}

  /** Feed every keydown (key as in KeyboardEvent.key, t in ms). Modifier keys are ignored. */
  key(key: string, t: number): WedgeEvent {
    const fast = t - this.last <= this.opts.maxGapMs;
    if ((key === 'Enter' || key === 'Tab') && this.opts.terminators.includes(key)) {
      const ev = fast && this.buf.length >= this.opts.minLength ? this.emit(key, t) : NONE;
      this.reset();
      return ev;
    }
    if (key.length !== 1) {
      // Shift, Alt, … arrive inside scans of upper-case text; other named keys (arrows, Backspace) are a person.
      if (key === 'Shift' || key === 'Alt' || key === 'Control' || key === 'AltGraph') return NONE;
      this.reset();
      return NONE;
    }
    if (!fast) {
      this.buf = key;
      this.first = t;
      this.last = t;
      return { type: 'start', at: t };
    }
    this.buf += key;
    this.last = t;
    return NONE;
  }

  /** For scanners without a terminator: call after a pause; reports the burst if it was long enough. */
  idle(t: number): WedgeEvent {
    if (this.opts.terminators.length || !this.buf || t - this.last <= this.opts.maxGapMs) return NONE;
    const ev = this.buf.length >= this.opts.minLength ? this.emit('pause', this.last) : NONE;
    this.reset();
    return ev;
  }

  /** Characters of a burst in progress (to take back out of a text field when it turns out to be a scan). */
  get pending(): string {
    return this.buf;
  }

  private emit(terminator: 'Enter' | 'Tab' | 'pause', t: number): WedgeEvent {
    let text = this.buf;
    if (this.opts.gsSubstitute) text = text.split(this.opts.gsSubstitute).join('\x1d');
    return { type: 'scan', text, startedAt: this.first, durationMs: t - this.first, terminator };
  }

  private reset(): void {
    this.buf = '';
    this.last = -Infinity;
  }
}
