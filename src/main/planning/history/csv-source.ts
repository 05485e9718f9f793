import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fail } from '../../../shared/errors';

export interface CsvText {
  text: string;
  /** sha256 of the (unzipped) bytes: the same export always hashes the same, whatever the file is called. */
  hash: string;
  fileName: string | null;
}

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The CSV text, from the request or from a file the core reads itself (the desktop's file picker and the hub pass a
 * path, so a 47 MB export does not travel through IPC or HTTP). Gzip is detected by its magic bytes, not the name.
 * Held in memory as one string: the router is synchronous, and papaparse walks a string row by row without building
 * the whole table, so memory stays at the text plus the per-day aggregates.
 */
export function readCsv(input: { csv?: string; path?: string }): CsvText {
  let bytes: Buffer;
  let fileName: string | null = null;
  if (input.path !== undefined) {
    fileName = path.basename(input.path);
    let raw: Buffer;
    try {
      raw = fs.readFileSync(input.path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return fail(code === 'ENOENT' ? 'NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read ${input.path}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`, {
        path: code === 'ENOENT' ? 'File not found' : 'File cannot be read',
      });
    }
    if (raw[0] === GZIP_MAGIC[0] && raw[1] === GZIP_MAGIC[1]) {
      try {
        bytes = zlib.gunzipSync(raw);
      } catch (e) {
        return fail('FILE_UNREADABLE', `${fileName} looks gzipped but cannot be unpacked: ${(e as Error).message}`, { path: 'Corrupt gzip file' });
      }
    } else {
      bytes = raw;
    }
  } else {
    bytes = Buffer.from(input.csv ?? '', 'utf8');
  }
  const hash = createHash('sha256').update(bytes).digest('hex');
  let text = bytes.toString('utf8');
  // A spreadsheet's UTF-8 byte-order mark would otherwise become part of the first header name.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text, hash, fileName };
}
