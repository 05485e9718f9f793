import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.webmanifest': 'application/manifest+json',
};

export const contentTypeOf = (file: string): string => CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/** The file under root a URL path names, or null if it would escape root (../, encoded or not) or is malformed. */
export function resolveStatic(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  const rootAbs = path.resolve(root);
  return file === rootAbs || file.startsWith(rootAbs + path.sep) ? file : null;
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, size: number, immutable: boolean): void {
  res.writeHead(200, {
    'Content-Type': contentTypeOf(file),
    'Content-Length': size,
    // Vite puts a content hash in every asset name, so assets never change; index.html must be re-read to pick up a new build.
    'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  fs.createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

const statFile = (file: string): fs.Stats | null => {
  try {
    const s = fs.statSync(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
};

/**
 * Serves the built renderer. Unknown paths get index.html so the client-side router can show deep links
 * (/items/42); a missing hashed asset is a real 404, never HTML posing as JavaScript.
 */
export function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Method not allowed');
    return;
  }
  const file = resolveStatic(root, urlPath);
  const hit = file && urlPath !== '/' && urlPath !== '/index.html' ? statFile(file) : null;
  if (file && hit) return sendFile(req, res, file, hit.size, urlPath.startsWith('/assets/'));
  if (urlPath.startsWith('/assets/') || file === null) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Not found');
    return;
  }
  const index = path.join(root, 'index.html');
  let html: string;
  try {
    html = fs.readFileSync(index, 'utf8');
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(`The web UI is not built (no ${index}). Run "npx electron-vite build", then restart the hub.`);
    return;
  }
  // The build links its assets relatively (./assets/…, as the desktop app protocol needs); on a deep link such as
  // /items/42 that would resolve to /items/assets/…, so the page gets a base of "/".
  const body = Buffer.from(html.replace(/<head>/i, '<head>\n    <base href="/" />'));
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length, 'Cache-Control': 'no-cache' });
  res.end(req.method === 'HEAD' ? undefined : body);
}
