import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseCliArgs, userDataDir } from '../../../src/main/server/cli-args';
import { allowedHosts } from '../../../src/main/server/request-guards';

describe('hub command line', () => {
  it('defaults to 127.0.0.1:8417 and the OS user-data folder', () => {
    const r = parseCliArgs([]);
    expect(r).toMatchObject({ ok: true, options: { port: 8417, host: '127.0.0.1', demo: false, dataDir: userDataDir() } });
  });

  it('reads --data, --port, --host, --demo in both spellings', () => {
    const r = parseCliArgs(['--data', 'x/y', '--port=0', '--host', '[::1]', '--demo']);
    expect(r).toEqual({ ok: true, options: { dataDir: path.resolve('x/y'), port: 0, host: '::1', demo: true, printSignin: false, help: false } });
  });

  it('refuses bad values and unknown options instead of ignoring them', () => {
    expect(parseCliArgs(['--port', 'abc'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--port', '70000'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--data'])).toMatchObject({ ok: false });
    expect(parseCliArgs(['--dmeo'])).toEqual({ ok: false, message: 'Unknown option "--dmeo"' });
  });

  it('finds the same folder as Electron userData on each OS', () => {
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Stockroom');
    expect(userDataDir('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Stockroom');
    expect(userDataDir('linux', {}, '/home/ann')).toBe('/home/ann/.config/Stockroom');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/ann')).toBe('/xdg/Stockroom');
  });

  it('allows loopback names and the --host address in Host, nothing else', () => {
    const a = allowedHosts('127.0.0.1', 8417);
    expect([...a].sort()).toEqual(['127.0.0.1:8417', '[::1]:8417', 'localhost:8417']);
    expect(allowedHosts('192.168.1.20', 9000).has('192.168.1.20:9000')).toBe(true);
    const any = allowedHosts('0.0.0.0', 9000);
    expect(any.has('0.0.0.0:9000')).toBe(false);
    expect(any.has('127.0.0.1:9000')).toBe(true);
  });
});
