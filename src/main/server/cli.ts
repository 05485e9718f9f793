/**
 * `npm run serve`: the hub as a plain Node process (out/main/server.js). Never imports electron.
 * Prints one `Stockroom hub: <sign-in link>` line, like Jupyter, which scripts (tests/e2e/hub.ts) parse.
 */
import fs from 'node:fs';
import path from 'node:path';
import { systemClock } from '../core/context';
import { parseCliArgs, USAGE } from './cli-args';
import { HUB_FILE, startHub } from './hub';
import { hostForUrl } from './request-guards';
import { printSigninCode } from './signin-codes';

async function main(): Promise<number> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${USAGE}`);
    return 2;
  }
  const o = parsed.options;
  if (o.help) {
    console.log(USAGE);
    return 0;
  }

  if (o.printSignin) {
    const code = printSigninCode(o.dataDir, systemClock);
    let url = `http://${hostForUrl(o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host)}:${o.port}`;
    try {
      url = (JSON.parse(fs.readFileSync(path.join(o.dataDir, HUB_FILE), 'utf8')) as { url: string }).url;
    } catch {
      console.error(`No hub seems to be running on ${o.dataDir}; the link works once one is (within 15 minutes).`);
    }
    console.log(`Stockroom hub: ${url}/signin?code=${code}`);
    return 0;
  }

  // Bundled to out/main/server.js; the web UI is built next to it in out/renderer.
  const rendererDir = path.join(__dirname, '../renderer');
  const hub = await startHub({ dataDir: o.dataDir, port: o.port, host: o.host, demo: o.demo, rendererDir });
  console.log(`Stockroom hub: ${hub.signinUrl}`);
  console.log(`Database: ${hub.dbPath}`);
  if (hub.demo?.seeded) console.log(`Demo: seeded ${hub.demo.items} items and ${hub.demo.movements} movements in ${(hub.demo.ms / 1000).toFixed(1)} s`);
  else if (hub.demo) console.log(`Demo: not seeded (${hub.demo.reason ?? 'unknown reason'})`);
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) console.log(`Web UI not built (${rendererDir}); the API works. Run "npx electron-vite build".`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: closing the hub`);
    hub.close().then(
      () => process.exit(0),
      (e) => {
        console.error('Closing failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  return -1;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e) => {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE') console.error(`The port is in use (${err.message}). Another hub running? Use --port N, or --port 0 for any free port.`);
    else console.error('The hub could not start:', err.code ?? '', err.message);
    process.exit(1);
  },
);
