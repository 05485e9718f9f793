import type { Cset } from './ai-table';

/** GS1 AI encodable character set 82, in the order that gives each character its value for check pairs. */
export const CSET82 = '!"%&\'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz';
/** GS1 AI encodable character set 39. */
export const CSET39 = '#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Check characters of the alphanumeric check pair (GMN, AI 8013). */
export const CSET32 = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** base64url, used by the digital signature AI (8030). */
export const CSET64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const SETS: Record<Cset, string> = { N: '0123456789', X: CSET82, Y: CSET39, Z: CSET64 };

/** Index of the first character outside the AI data type's set, or -1. */
export function firstInvalidChar(cset: Cset, text: string): number {
  const allowed = SETS[cset];
  for (let i = 0; i < text.length; i++) if (!allowed.includes(text[i]!)) return i;
  return -1;
}

/** Shows a character in a message; control characters such as GS would otherwise be invisible. */
export function showChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
