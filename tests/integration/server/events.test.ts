import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ok, seed, startTestHub, type TestHub } from './hub-fixture';

let hub: TestHub;
let s: Awaited<ReturnType<typeof seed>>;
beforeAll(async () => {
  hub = await startTestHub({ heartbeatMs: 200 });
  s = await seed(hub);
});
afterAll(() => hub?.close());

const wsUrl = () => `${hub.url.replace('http:', 'ws:')}/api/events`;

/** Opens a socket; resolves when open, or rejects with the HTTP status of a refused upgrade. */
function open(headers: Record<string, string>, path = '/api/events'): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${hub.url.replace('http:', 'ws:')}${path}`, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

const nextMessage = (ws: WebSocket, match: (m: { event: string; payload: any }) => boolean, timeoutMs = 5000) =>
  new Promise<{ event: string; payload: any }>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no matching event')), timeoutMs);
    const on = (data: WebSocket.RawData) => {
      const m = JSON.parse(data.toString()) as { event: string; payload: any };
      if (match(m)) {
        clearTimeout(t);
        ws.off('message', on);
        resolve(m);
      }
    };
    ws.on('message', on);
  });

describe('/api/events', () => {
  it('pushes stock.changed after a stock.receive, to a bearer client and to a cookie client', async () => {
    const signed = await fetch(hub.newSigninUrl(), { redirect: 'manual' });
    const cookie = (signed.headers.get('set-cookie') ?? '').split(';')[0];
    const a = await open({ Authorization: `Bearer ${hub.token}` });
    const b = await open({ Cookie: cookie, Origin: hub.url });
    try {
      const got = Promise.all([a, b].map((ws) => nextMessage(ws, (m) => m.event === 'stock.changed')));
      const r = await ok(hub, 'stock.receive', { itemId: s.mug.id, locationId: s.a1.id, quantity: 4 });
      for (const m of await got) expect(m.payload).toEqual({ itemIds: [s.mug.id], operationId: r.operationId });
    } finally {
      a.close();
      b.close();
    }
  });

  it('pushes catalog.changed too', async () => {
    const ws = await open({ Authorization: `Bearer ${hub.token}` });
    try {
      const got = nextMessage(ws, (m) => m.event === 'catalog.changed');
      const item = await ok(hub, 'catalog.create', { sku: 'TEA-9', name: 'Tea' });
      expect((await got).payload).toEqual({ itemIds: [item.id] });
    } finally {
      ws.close();
    }
  });

  it('refuses the upgrade from a foreign Origin (403), without a session (401), with ?token= (401)', async () => {
    await expect(open({ Authorization: `Bearer ${hub.token}`, Origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open({ Authorization: `Bearer ${hub.token}`, 'Sec-Fetch-Site': 'cross-site' })).rejects.toThrow('HTTP 403');
    await expect(open({})).rejects.toThrow('HTTP 401');
    await expect(open({}, `/api/events?token=${hub.token}`)).rejects.toThrow('HTTP 401');
    await expect(open({ Authorization: `Bearer ${hub.token}` }, '/api/other')).rejects.toThrow('HTTP 404');
  });

  it('answers the heartbeat ping and stays open', async () => {
    const ws = await open({ Authorization: `Bearer ${hub.token}` });
    try {
      const pinged = await new Promise<boolean>((resolve) => {
        ws.once('ping', () => resolve(true));
        setTimeout(() => resolve(false), 2000);
      });
      expect(pinged).toBe(true);
      // ws answers pings itself; after several periods the hub still has not dropped us.
      await new Promise((r) => setTimeout(r, 700));
      expect(ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      ws.close();
    }
  });

  it('closes the sockets of a revoked token', async () => {
    const token = hub.mintToken('to-revoke');
    const ws = await open({ Authorization: `Bearer ${token}` });
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    hub.revokeToken(token);
    expect(await closed).toBe(4401);
    expect(wsUrl()).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/api\/events$/);
  });
});
