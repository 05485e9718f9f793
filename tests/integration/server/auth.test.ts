import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { printSigninCode } from '../../../src/main/server/signin-codes';
import { TestClock } from '../../helpers/core';
import { bearer, call, diskCounts, ok, seed, startTestHub, type TestHub } from './hub-fixture';

let hub: TestHub | undefined;
afterEach(async () => {
  await hub?.close();
  hub = undefined;
});

/** Follows nothing: the test sees the 303 and its cookie. */
const signin = (url: string) => fetch(url, { redirect: 'manual' });

const cookieOf = (res: Response): string => {
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0];
};

describe('sign-in and sessions', () => {
  it('a sign-in code works once: cookie HttpOnly, SameSite=Strict, Path=/, then 303 to /', async () => {
    hub = await startTestHub();
    // A link previewer's HEAD does not use the code up.
    expect((await fetch(hub.signinUrl, { method: 'HEAD', redirect: 'manual' })).status).toBe(405);
    const first = await signin(hub.signinUrl);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const set = first.headers.get('set-cookie') ?? '';
    expect(set).toMatch(/^stockroom_session=[A-Za-z0-9_-]{40,};/);
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Strict/);
    expect(set).toMatch(/; Path=\//);

    const again = await signin(hub.signinUrl);
    expect(again.status).toBe(403);
    expect(again.headers.get('set-cookie')).toBeNull();
    const page = await again.text();
    expect(page).toMatch(/invalid or has already been used/);
    expect(page).toMatch(/--print-signin/);
    expect(page).toMatch(/restart/i);

    const wrong = await signin(`${hub.url}/signin?code=guess`);
    expect(wrong.status).toBe(403);
    expect((await signin(`${hub.url}/signin`)).status).toBe(403);
  });

  it('the cookie session calls the API as the browser; writes are attributed to it', async () => {
    hub = await startTestHub();
    const cookie = cookieOf(await signin(hub.signinUrl));
    const s = await seed(hub);
    const r = await call(hub, 'stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 2 }, { Cookie: cookie, Origin: hub.url });
    expect(r.status).toBe(200);
    expect(r.body.value.movements[0]).toMatchObject({ actor: 'hub-user', device: 'browser', quantity: 2 });
    expect(diskCounts(hub.dbPath).movements).toBe(1);
  });

  it('a bearer token works until it is revoked', async () => {
    hub = await startTestHub();
    const token = hub.mintToken('handheld-1');
    expect((await call(hub, 'system.info', {}, bearer(token))).status).toBe(200);
    expect(hub.listTokens().map((t) => t.name)).toContain('handheld-1');
    expect(hub.revokeToken(token)).toBe(true);
    const r = await call(hub, 'system.info', {}, bearer(token));
    expect(r.status).toBe(401);
    expect(r.body.error?.code).toBe('UNAUTHORIZED');
    expect(hub.listTokens().map((t) => t.name)).not.toContain('handheld-1');
    // The other token is untouched.
    expect((await call(hub, 'system.info', {}, bearer(hub.token))).status).toBe(200);
  });

  it('sessions and device tokens survive a restart; tokens.json holds only hashes', async () => {
    hub = await startTestHub({ keepDataDir: true });
    const dataDir = hub.dataDir;
    const cookie = cookieOf(await signin(hub.signinUrl));
    const device = hub.token;
    const revoked = hub.mintToken('old-scanner');
    hub.revokeToken(revoked);
    await hub.close();

    const file = fs.readFileSync(path.join(dataDir, 'tokens.json'), 'utf8');
    expect(file).not.toContain(device);
    expect(file).not.toContain(cookie.split('=')[1]);
    expect(file).not.toContain('old-scanner');

    hub = await startTestHub({ dataDir, removeDataDir: true });
    expect((await call(hub, 'system.info', {}, { Cookie: cookie })).status).toBe(200);
    expect((await call(hub, 'system.info', {}, bearer(device))).status).toBe(200);
    expect((await call(hub, 'system.info', {}, bearer(revoked))).status).toBe(401);
  });

  it('a code printed by --print-signin for the running hub works once', async () => {
    hub = await startTestHub();
    const code = printSigninCode(hub.dataDir, new TestClock());
    expect((await signin(`${hub.url}/signin?code=${code}`)).status).toBe(303);
    expect((await signin(`${hub.url}/signin?code=${code}`)).status).toBe(403);
    expect(JSON.parse(fs.readFileSync(path.join(hub.dataDir, 'hub.json'), 'utf8')).url).toBe(hub.url);
  });

  it('a printed code expires after 15 minutes', async () => {
    hub = await startTestHub();
    // The hub runs on a TestClock (its default time); codes are printed as if some minutes earlier.
    const hubNow = new TestClock().now().getTime();
    const stale = printSigninCode(hub.dataDir, new TestClock(new Date(hubNow - 16 * 60_000)));
    const fresh = printSigninCode(hub.dataDir, new TestClock(new Date(hubNow - 14 * 60_000)));
    expect((await signin(`${hub.url}/signin?code=${stale}`)).status).toBe(403);
    expect((await signin(`${hub.url}/signin?code=${fresh}`)).status).toBe(303);
  });

  it('new sign-in links can be issued while running, each once', async () => {
    hub = await startTestHub();
    const a = hub.newSigninUrl();
    const b = hub.newSigninUrl();
    expect(a).not.toBe(b);
    expect((await signin(b)).status).toBe(303);
    expect((await signin(a)).status).toBe(303);
    expect((await signin(a)).status).toBe(403);
    expect(await ok(hub, 'system.info', {})).toMatchObject({ host: 'hub' });
  });
});
