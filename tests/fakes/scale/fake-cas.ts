import { FakeSerialScale } from './fake-serial-scale';

export type CasFormat = '18' | '22' | '10';

/** A CAS indicator in continuous-output mode: a line every `intervalMs`, commands ignored. */
export class FakeCasScale extends FakeSerialScale {
  format: CasFormat = '18';
  private timer: NodeJS.Timeout | null = null;

  line(): string {
    const l = this.load;
    const header = l.kind === 'overload' ? 'OL' : l.kind === 'underload' ? 'US' : l.motion ? 'US' : 'ST';
    const unit = l.kind === 'weight' ? l.unit.padStart(2) : 'kg';
    const data = l.kind === 'weight' ? signed(l.value) : l.kind === 'overload' ? '+ OL    ' : '- UL    ';
    switch (this.format) {
      case '18':
        return `${header},GS,${data}${unit}\r\n`;
      case '22':
        // device id 1 and a binary lamp byte, as the CAS 22-byte format sends them
        return `${header},GS,\x01\xb0,${data} ${unit}\r\n`;
      case '10':
        return `${data}\r\n`;
    }
  }

  startStreaming(intervalMs = 50): void {
    this.stopStreaming();
    this.timer = setInterval(() => void this.sendRaw(this.line()), intervalMs);
  }
  stopStreaming(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends one line through the response shaper (for split/garbage scripting). */
  sendLine(): Promise<void> {
    return this.respond(this.line());
  }

  override async close(): Promise<void> {
    this.stopStreaming();
    await super.close();
  }

  protected handleCommand(): void {
    // Continuous output: the indicator does not listen.
  }
}

/** "1.234" → "+  1.234" (8 characters, sign first). */
export function signed(value: string): string {
  const neg = value.startsWith('-');
  return (neg ? '-' : '+') + value.replace(/^[-+]/, '').padStart(7);
}
