import { ZPL_DATAMATRIX_ESCAPE } from './gs1-element';
import type { BarcodeElement, LabelElement, LabelLayout, TextElement } from './layout';

/**
 * ZPL II rendering of a layout. One command group per line: printers ignore CR/LF between commands,
 * and a line per element keeps captured jobs readable in logs and test diffs.
 */
export function renderZpl(layout: LabelLayout, opts: { copies?: number } = {}): string {
  const copies = opts.copies ?? 1;
  const lines = [
    '^XA',
    // UTF-8 field data (names and addresses are not ASCII everywhere).
    '^CI28',
    `^PW${layout.widthDots}`,
    `^LL${layout.heightDots}`,
    '^LH0,0',
    ...layout.elements.map(elementZpl),
  ];
  if (copies !== 1) lines.push(`^PQ${copies}`);
  lines.push('^XZ');
  return lines.join('\n') + '\n';
}

function elementZpl(e: LabelElement): string {
  switch (e.kind) {
    case 'text':
      return textZpl(e);
    case 'box':
      return `^FO${e.x},${e.y}^GB${e.width},${e.height},${e.thickness}^FS`;
    case 'barcode':
      return barcodeZpl(e);
  }
}

const JUSTIFY: Record<TextElement['align'], string> = { left: 'L', center: 'C', right: 'R' };

/**
 * `^FH` hex-escapes what would otherwise end or corrupt the field: ^ and ~ start commands, and _
 * is the ^FH escape itself. Non-ASCII goes as its UTF-8 bytes (under ^CI28).
 */
export function zplFieldText(text: string): { fh: boolean; data: string } {
  let fh = false;
  let data = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '^' || ch === '~' || ch === '_' || code > 0x7e) {
      fh = true;
      for (const byte of Buffer.from(ch, 'utf8')) data += `_${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    } else data += ch;
  }
  return { fh, data };
}

function textZpl(e: TextElement): string {
  const { fh, data } = zplFieldText(e.text);
  // ^FB with one line gives printer-side alignment inside the box, so centring is exact on the device.
  return `^FO${e.x},${e.y}^A0N,${e.height},${e.height}^FB${e.width},1,0,${JUSTIFY[e.align]}${fh ? '^FH' : ''}^FD${data}^FS`;
}

function barcodeZpl(b: BarcodeElement): string {
  const at = `^FO${b.x},${b.y}`;
  switch (b.symbology) {
    case 'ean13':
      // ^BE takes the 12 data digits and computes the check digit itself.
      return `${at}^BY${b.module}^BEN,${b.height},Y,N^FD${b.data.slice(0, 12)}^FS`;
    case 'upca':
      // A UPC-A symbol is the EAN-13 symbol of "0" + its 12 digits: same bars, read as UPC-A by every
      // scanner. ^BE is used because it renders identically on every firmware we can verify against.
      return `${at}^BY${b.module}^BEN,${b.height},Y,N^FD0${b.data.slice(0, 11)}^FS`;
    case 'ean8':
      return `${at}^BY${b.module}^B8N,${b.height},Y,N^FD${b.data.slice(0, 7)}^FS`;
    case 'code128':
      // Mode A: the printer picks subsets (digits pack into subset C). The text line is our own element.
      return `${at}^BY${b.module}^BCN,${b.height},N,N,N,A^FD${b.data}^FS`;
    case 'gs1-128':
      // Mode D: GS1-128, leading FNC1 added by the printer, parentheses stripped, >8 = FNC1 separator.
      return `${at}^BY${b.module}^BCN,${b.height},N,N,N,D^FD${b.gs1.zplCode128}^FS`;
    case 'gs1-datamatrix':
      // ECC 200 with an explicit escape character: the default differs between firmware versions.
      return `${at}^BXN,${b.module},200,,,,${ZPL_DATAMATRIX_ESCAPE}^FD${b.gs1.zplDataMatrix}^FS`;
  }
}
