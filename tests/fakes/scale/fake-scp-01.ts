import { FakeSerialScale } from './fake-serial-scale';

const ETX = '\x03';

/** An NCI / Avery Weigh-Tronix indicator speaking SCP-01. */
export class FakeScp01Scale extends FakeSerialScale {
  /** Extra status bits to force (e.g. 0x04 in byte 1 = RAM error). */
  faultBits: [number, number] = [0, 0];

  status(): string {
    const l = this.load;
    let b1 = 0x30 | this.faultBits[0];
    let b2 = 0x30 | this.faultBits[1];
    if (l.kind === 'weight') {
      if (l.motion) b1 |= 0x01;
      if (/^[-+]?[0.]+$/.test(l.value)) b1 |= 0x02;
    } else if (l.kind === 'underload') b2 |= 0x01;
    else b2 |= 0x02;
    return String.fromCharCode(b1, b2);
  }

  weightFrame(): string {
    const l = this.load;
    // Over/under capacity blanks the digits on these indicators; the status bytes carry the news.
    const field = l.kind === 'weight' ? `${formatNci(l.value)}${l.unit}` : l.kind === 'overload' ? '^^^^^^^lb' : '_______lb';
    return `\n${field}\r\n${this.status()}\r${ETX}`;
  }

  protected handleCommand(command: string): void {
    switch (command) {
      case 'W':
        void this.respond(this.weightFrame());
        return;
      case 'Z':
        if (this.load.kind === 'weight' && !this.load.motion) this.load = { ...this.load, value: this.load.value.replace(/[1-9]/g, '0').replace(/^-/, '') };
        void this.respond(`\n${this.status()}\r${ETX}`);
        return;
      case 'S':
        void this.respond(`\n${this.status()}\r${ETX}`);
        return;
      default:
        void this.respond(`\n?\r${ETX}`);
    }
  }
}

/** "1.25" → "0001.25" (zero-padded to 7 characters, sign kept in front). */
export function formatNci(value: string): string {
  const neg = value.startsWith('-');
  const body = value.replace(/^[-+]/, '');
  return (neg ? '-' : '') + body.padStart(neg ? 6 : 7, '0');
}
