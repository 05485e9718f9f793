/**
 * Starts the real hub (the built out/main/server.js, as `npm run serve` does) for Playwright tests.
 * The build must exist: run `npx electron-vite build` before `playwright test`.
 *
 *   const hub = await startTestHub();
 *   await page.goto(hub.signinUrl);   // signs the browser in (one-time code), lands on /
 *   …
 *   await hub.close();
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface E2eHub {
  /** http://127.0.0.1:PORT */
  url: string;
  /** One-time sign-in link: the first page.goto signs that browser context in; a second use is refused. */
  signinUrl: string;
  /** Another one-time link (for a second browser context), made by `server.js --print-signin` like a user would. */
  newSigninUrl(): Promise<string>;
  dataDir: string;
  /** Everything the hub printed, for a failing test's report. */
  output(): string;
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('../../out/main/server.js', import.meta.url));
const SIGNIN_LINE = /^Stockroom hub: (http:\/\/[^\s/]+)(\/signin\?code=\S+)$/m;
// Seeding the demo year happens before the hub listens, and takes a while on a busy CI machine.
const START_TIMEOUT_MS = 30_000;
const DEMO_START_TIMEOUT_MS = 180_000;

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(t);
      resolve(true);
    });
  });
}

export async function startTestHub(opts: { demo?: boolean; dataDir?: string } = {}): Promise<E2eHub> {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run "npx electron-vite build" before the e2e tests`);
  const ownDir = opts.dataDir === undefined;
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'stockroom-e2e-'));
  const args = [SERVER, '--data', dataDir, '--port', '0', ...(opts.demo ? ['--demo'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));

  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets the hub close the database cleanly; SIGKILL only if it hangs.
      child.kill('SIGTERM');
      if (!(await waitExit(child, 5000))) {
        child.kill('SIGKILL');
        await waitExit(child, 2000);
      }
    }
    if (ownDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const limit = opts.demo ? DEMO_START_TIMEOUT_MS : START_TIMEOUT_MS;
    const m = await new Promise<RegExpExecArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`The hub did not print its sign-in line within ${limit} ms:\n${out}`)), limit);
      const check = () => {
        const hit = SIGNIN_LINE.exec(out);
        if (hit) {
          clearTimeout(timer);
          child.stdout!.off('data', check);
          resolve(hit);
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`The hub exited (${code ?? signal}) before it was ready:\n${out}`));
      });
    });
    const newSigninUrl = () =>
      new Promise<string>((resolve, reject) =>
        execFile(process.execPath, [SERVER, '--data', dataDir, '--print-signin'], (err, stdout) => {
          const hit = SIGNIN_LINE.exec(stdout);
          if (err || !hit) reject(err ?? new Error(`--print-signin printed no link: ${stdout}`));
          else resolve(hit[1] + hit[2]);
        }),
      );
    return { url: m[1], signinUrl: m[1] + m[2], newSigninUrl, dataDir, output: () => out, close };
  } catch (e) {
    await close();
    throw e;
  }
}
