import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bearer, call, diskCounts, ok, rawRequest, seed, startTestHub, type TestHub } from './hub-fixture';

let hub: TestHub;
let s: Awaited<ReturnType<typeof seed>>;
let before: ReturnType<typeof diskCounts>;

beforeAll(async () => {
  hub = await startTestHub();
  s = await seed(hub);
});
afterAll(() => hub?.close());
beforeEach(() => {
  before = diskCounts(hub.dbPath);
});

const receive = () => ({ itemId: s.mug.id, locationId: s.a1.id, quantity: 3 });
const nothingWritten = () => expect(diskCounts(hub.dbPath)).toEqual(before);

describe('hub API refuses what it must, before the ledger sees it', () => {
  it('a call with a token is written (the control for every refusal below)', async () => {
    const r = await call(hub, 'stock.receive', receive(), bearer(hub.token));
    expect(r.status).toBe(200);
    expect(r.body.ok).toBe(true);
    expect(r.body.value.movements[0].device).toBe('vitest-scanner');
    expect(r.body.value.movements[0].actor).toBe('hub-user');
    const after = diskCounts(hub.dbPath);
    expect(after.movements).toBe(before.movements + 1);
  });

  it('without a token: 401 UNAUTHORIZED and nothing written', async () => {
    const r = await call(hub, 'stock.receive', receive());
    expect(r.status).toBe(401);
    expect(r.body).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(r.body.error?.message).toMatch(/sign/i);
    nothingWritten();
  });

  it('with a wrong token or a malformed Authorization header: 401', async () => {
    expect((await call(hub, 'stock.receive', receive(), bearer('not-a-token'))).status).toBe(401);
    expect((await call(hub, 'stock.receive', receive(), { Authorization: `Basic ${hub.token}` })).status).toBe(401);
    expect((await call(hub, 'stock.receive', receive(), { Cookie: 'stockroom_session=forged' })).status).toBe(401);
    nothingWritten();
  });

  it('from a foreign Origin, even with a valid token: 403 FORBIDDEN and nothing written', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${hub.port + 1}`, `https://127.0.0.1:${hub.port}`]) {
      const r = await call(hub, 'stock.receive', receive(), { ...bearer(hub.token), Origin: origin });
      expect(r.status, origin).toBe(403);
      expect(r.body.error?.code).toBe('FORBIDDEN');
    }
    nothingWritten();
  });

  it('accepts its own origins', async () => {
    for (const origin of [`http://127.0.0.1:${hub.port}`, `http://localhost:${hub.port}`]) {
      const r = await call(hub, 'system.info', {}, { ...bearer(hub.token), Origin: origin });
      expect(r.status, origin).toBe(200);
    }
  });

  it('Sec-Fetch-Site: cross-site: 403 and nothing written', async () => {
    const r = await call(hub, 'stock.receive', receive(), { ...bearer(hub.token), 'Sec-Fetch-Site': 'cross-site' });
    expect(r.status).toBe(403);
    nothingWritten();
  });

  it('with a foreign Host header (DNS rebinding): 403 and nothing written', async () => {
    const body = JSON.stringify(receive());
    const r = await rawRequest(hub.port, {
      method: 'POST',
      path: '/api/stock.receive',
      headers: { Host: `evil.example:${hub.port}`, 'Content-Type': 'application/json', ...bearer(hub.token) },
      body,
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.text)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    // Static pages too: a rebinding page must not even read the UI.
    expect((await rawRequest(hub.port, { path: '/', headers: { Host: `evil.example:${hub.port}` } })).status).toBe(403);
    nothingWritten();
    const good = await rawRequest(hub.port, {
      method: 'POST',
      path: '/api/system.info',
      headers: { Host: `localhost:${hub.port}`, 'Content-Type': 'application/json', ...bearer(hub.token) },
      body: '{}',
    });
    expect(good.status).toBe(200);
  });

  it('GET, PUT or DELETE on a method: 405 METHOD_NOT_ALLOWED with Allow: POST, nothing written', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await fetch(`${hub.url}/api/stock.receive`, { method, headers: bearer(hub.token) });
      expect(res.status, method).toBe(405);
      expect(res.headers.get('allow')).toBe('POST');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('METHOD_NOT_ALLOWED');
    }
    nothingWritten();
  });

  it('malformed JSON: 400 BAD_JSON naming the problem, nothing written', async () => {
    const res = await fetch(`${hub.url}/api/stock.receive`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...bearer(hub.token) },
      body: `{"itemId": ${s.mug.id}, "locationId": `,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; error: { code: string; message: string } };
    expect(body.error.code).toBe('BAD_JSON');
    expect(body.error.message).toMatch(/not valid JSON: .*(Unexpected|end)/i);
    nothingWritten();
  });

  it('a body that is not application/json: 415, nothing written', async () => {
    const res = await fetch(`${hub.url}/api/stock.receive`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', ...bearer(hub.token) },
      body: JSON.stringify(receive()),
    });
    expect(res.status).toBe(415);
    nothingWritten();
  });

  it('a body over 1 MB: 413, nothing written', async () => {
    const big = JSON.stringify({ ...receive(), note: 'x'.repeat(1024 * 1024) });
    const r = await rawRequest(hub.port, {
      method: 'POST',
      path: '/api/stock.receive',
      headers: { Host: `127.0.0.1:${hub.port}`, 'Content-Type': 'application/json', ...bearer(hub.token) },
      body: big,
    });
    expect(r.status).toBe(413);
    nothingWritten();
  });

  it('a file import may be larger than 1 MB (a year of sales history is tens of MB)', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `SKU-${i % 50},2026-01-${String((i % 28) + 1).padStart(2, '0')},${(i % 7) + 1}`);
    const csv = ['sku,date,qty', ...rows].join('\n');
    expect(csv.length).toBeGreaterThan(1024 * 1024);
    const r = await rawRequest(hub.port, {
      method: 'POST',
      path: '/api/planning.history.preview',
      headers: { Host: `127.0.0.1:${hub.port}`, 'Content-Type': 'application/json', ...bearer(hub.token) },
      body: JSON.stringify({ csv }),
    });
    expect(r.status).toBe(200);
  });

  it('unknown method: 404 UNKNOWN_METHOD', async () => {
    const r = await call(hub, 'stock.teleport', {}, bearer(hub.token));
    expect(r.status).toBe(404);
    expect(r.body.error?.code).toBe('UNKNOWN_METHOD');
    expect((await call(hub, '', {}, bearer(hub.token))).status).toBe(404);
  });

  it('invalid input: 400 VALIDATION with the field, nothing written', async () => {
    const r = await call(hub, 'stock.receive', { ...receive(), quantity: 0 }, bearer(hub.token));
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('VALIDATION');
    expect(r.body.error?.fields?.quantity).toMatch(/more than zero/);
    const g = await call(hub, 'catalog.create', { sku: 'X-1', name: 'X', barcodes: [{ code: '4006381333932' }] }, bearer(hub.token));
    expect(g.status).toBe(400);
    expect(g.body.error?.code).toBe('BAD_GTIN');
    nothingWritten();
  });

  it('a domain refusal is 400 with its code', async () => {
    const r = await call(hub, 'stock.transfer', { itemId: s.mug.id, fromLocationId: s.a2.id, toLocationId: s.a1.id, quantity: 999 }, bearer(hub.token));
    expect(r.status).toBe(400);
    expect(r.body.error?.code).toBe('INSUFFICIENT_STOCK');
    nothingWritten();
  });

  it('an empty body means no input, for methods whose input defaults to {}', async () => {
    const res = await fetch(`${hub.url}/api/system.check`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...bearer(hub.token) } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { value: { ok: boolean; movements: number } };
    expect(body.value.ok).toBe(true);
    expect(body.value.movements).toBe(before.movements);
    expect(await ok(hub, 'system.info', {})).toMatchObject({ host: 'hub', dbPath: hub.dbPath });
  });
});
