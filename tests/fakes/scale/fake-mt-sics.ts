import { FakeSerialScale } from './fake-serial-scale';

/** A Mettler Toledo balance speaking MT-SICS level 0/1. */
export class FakeMtSicsScale extends FakeSerialScale {
  /** When set, every command is answered with this (e.g. 'EL') instead. */
  forceReply: string | null = null;

  static weightLine(kind: 'S' | 'D', value: string, unit: string): string {
    return `S ${kind} ${value.padStart(10)} ${unit}\r\n`;
  }

  protected handleCommand(command: string): void {
    if (this.forceReply) {
      void this.respond(`${this.forceReply}\r\n`);
      return;
    }
    const load = this.load;
    switch (command) {
      case 'S':
      case 'SI':
        if (load.kind === 'overload') void this.respond('S +\r\n');
        else if (load.kind === 'underload') void this.respond('S -\r\n');
        // S only answers with a stable value; a real balance times out with "S I" while in motion.
        else if (load.motion) void this.respond(command === 'S' ? 'S I\r\n' : FakeMtSicsScale.weightLine('D', load.value, load.unit));
        else void this.respond(FakeMtSicsScale.weightLine('S', load.value, load.unit));
        return;
      case 'Z':
      case 'ZI':
        if (load.kind !== 'weight') void this.respond(load.kind === 'overload' ? 'Z +\r\n' : 'Z -\r\n');
        else if (load.motion && command === 'Z') void this.respond('Z I\r\n');
        else {
          this.load = { ...load, value: zeroLike(load.value) };
          void this.respond('Z A\r\n');
        }
        return;
      case 'T':
      case 'TI':
        if (load.kind !== 'weight') void this.respond(load.kind === 'overload' ? 'T +\r\n' : 'T -\r\n');
        else if (load.motion && command === 'T') void this.respond('T I\r\n');
        else {
          void this.respond(`T S ${load.value.padStart(10)} ${load.unit}\r\n`);
          this.load = { ...load, value: zeroLike(load.value) };
        }
        return;
      default:
        void this.respond('ES\r\n');
    }
  }
}

/** "12.50" → "0.00": same resolution. */
export const zeroLike = (value: string): string => value.replace(/[1-9]/g, '0').replace(/^[-+]/, '');
