import { app, BrowserWindow, MessageChannelMain, net, protocol, session, shell, utilityProcess, type UtilityProcess } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronSqliteBinding } from './native';

const SCHEME = 'stockroom';
const APP_ORIGIN = `${SCHEME}://app`;
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

const argv = process.argv.slice(1);
const argValue = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
};
const dataDir = argValue('--data') ?? app.getPath('userData');
const demo = argv.includes('--demo');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererDir = path.join(__dirname, '../renderer');

let core: UtilityProcess | null = null;

function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.origin === APP_ORIGIN) return true;
    return devUrl !== undefined && u.origin === new URL(devUrl).origin;
  } catch {
    return false;
  }
}

function startCore(): UtilityProcess {
  const child = utilityProcess.fork(path.join(__dirname, 'core-host.js'), [], { serviceName: 'Stockroom core', stdio: 'inherit' });
  child.postMessage({
    type: 'init',
    file: path.join(dataDir, 'stockroom.db'),
    nativeBinding: electronSqliteBinding({ packaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() }),
    demo,
  });
  child.on('message', (m: { type: string; message?: string; id?: number; job?: OsPrintJob }) => {
    if (m.type === 'fatal') {
      console.error('Stockroom core could not start:', m.message);
    } else if (m.type === 'osPrint' && m.id !== undefined && m.job) {
      const id = m.id;
      printThroughOs(m.job).then(
        () => child.postMessage({ type: 'osPrinted', id }),
        (e: Error) => child.postMessage({ type: 'osPrinted', id, error: e.message }),
      );
    }
  });
  child.on('exit', (code) => {
    if (code !== 0) console.error(`Stockroom core exited with code ${code}`);
  });
  return child;
}

interface OsPrintJob {
  deviceName: string;
  payload: { type: 'html'; html: string; widthMicrons: number; heightMicrons: number } | { type: 'pdf'; pdfBase64: string; widthMicrons: number; heightMicrons: number };
}

/** Labels for DYMO/Brother-style printers go through the OS driver: a hidden, script-less window prints them silently. */
async function printThroughOs(job: OsPrintJob): Promise<void> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, plugins: job.payload.type === 'pdf' },
  });
  try {
    const url =
      job.payload.type === 'html'
        ? `data:text/html;charset=utf-8,${encodeURIComponent(job.payload.html)}`
        : `data:application/pdf;base64,${job.payload.pdfBase64}`;
    await win.loadURL(url);
    await new Promise<void>((resolve, reject) =>
      win.webContents.print(
        {
          silent: true,
          deviceName: job.deviceName,
          printBackground: true,
          margins: { marginType: 'none' },
          pageSize: { width: job.payload.widthMicrons, height: job.payload.heightMicrons },
        },
        (ok, reason) => (ok ? resolve() : reject(new Error(`The OS printer ${job.deviceName} refused the label: ${reason}`))),
      ),
    );
  } finally {
    win.destroy();
  }
}

function connectWindow(win: BrowserWindow): void {
  if (!core) return;
  const { port1, port2 } = new MessageChannelMain();
  core.postMessage({ type: 'connect', ctx: { actor: 'desktop', device: `desktop-${process.platform}` } }, [port1]);
  win.webContents.postMessage('stockroom:port', null, [port2]);
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Stockroom',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.cjs'),
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // A fresh port on every load (also after a reload), so the renderer always has a live line to the core.
  win.webContents.on('did-finish-load', () => connectWindow(win));
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
  return win;
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-redirect', (e, url) => {
      if (!isAppUrl(url)) e.preventDefault();
    });
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to documentation open in the user's browser, never inside the app.
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function serveApp(): void {
  protocol.handle(SCHEME, async (req) => {
    const u = new URL(req.url);
    if (u.host !== 'app') return new Response('Not found', { status: 404 });
    const rel = decodeURIComponent(u.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep)) return new Response('Forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

const gotLock = app.requestSingleInstanceLock();
if (!gotLock) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  void app.whenReady().then(() => {
    harden();
    serveApp();
    core = startCore();
    createWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) createWindow();
    });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', () => core?.postMessage({ type: 'shutdown' }));
}
