import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api } from '../../../src/shared/api';
import { ERROR_CODES } from '../../../src/shared/errors';
import { bearer, rawRequest, startTestHub, type TestHub } from './hub-fixture';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(() => hub?.close());

type Doc = {
  openapi: string;
  paths: Record<string, { post?: any; get?: any }>;
  components: { schemas: Record<string, any>; securitySchemes: Record<string, any> };
};

/** Every $ref in the document points at something that exists. */
function danglingRefs(doc: Doc): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) return v.forEach(walk);
    if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') {
          const name = x.replace('#/components/schemas/', '');
          if (!x.startsWith('#/components/schemas/') || !(name in doc.components.schemas)) out.push(x);
        } else walk(x);
      }
    }
  };
  walk(doc.paths);
  walk(doc.components);
  return out;
}

describe('GET /api/openapi.json', () => {
  it('needs a session like the rest of /api', async () => {
    expect((await fetch(`${hub.url}/api/openapi.json`)).status).toBe(401);
  });

  it('documents every method of the contract as POST with input, output and error schemas', async () => {
    const res = await fetch(`${hub.url}/api/openapi.json`, { headers: bearer(hub.token) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = JSON.parse(await res.text()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const methods = Object.keys(api);
    expect(methods.length).toBeGreaterThan(20);
    for (const m of methods) {
      const op = doc.paths[`/api/${m}`]?.post;
      expect(op, m).toBeDefined();
      expect(op.requestBody.content['application/json'].schema.$ref).toBe(`#/components/schemas/${m}.Input`);
      expect(op.responses['200'].content['application/json'].schema.properties.value.$ref).toBe(`#/components/schemas/${m}.Output`);
      expect(op.responses['401']).toBeDefined();
      expect(doc.components.schemas[`${m}.Input`].type ?? doc.components.schemas[`${m}.Input`].allOf, m).toBeDefined();
    }
    expect(doc.components.schemas.ErrorCode.enum).toEqual([...ERROR_CODES]);
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'stockroom_session' });
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(danglingRefs(doc)).toEqual([]);
    // A schema detail survives the conversion: receive needs positive whole quantities, with defaults marked optional.
    const receive = doc.components.schemas['stock.receive.Input'];
    expect(receive.properties.quantity.type).toBe('integer');
    expect(receive.required).toEqual(expect.arrayContaining(['itemId', 'locationId', 'quantity']));
    expect(doc.components.schemas['catalog.search.Input'].required ?? []).not.toContain('query');
  });
});

describe('static UI', () => {
  it('serves index.html with a strict CSP and security headers', async () => {
    const res = await fetch(`${hub.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${hub.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('<base href="/" />');
  });

  it('serves assets with their content type and falls back to index.html for app routes only', async () => {
    const js = await fetch(`${hub.url}/assets/app-abc123.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('console.log("app");');
    expect((await fetch(`${hub.url}/assets/app-abc123.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');

    const deep = await fetch(`${hub.url}/items/42`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root">');
    expect((await fetch(`${hub.url}/assets/missing.js`)).status).toBe(404);
    // Unknown /api paths are API errors, never the SPA page.
    const api404 = await fetch(`${hub.url}/api/nothing.here`, { headers: bearer(hub.token) });
    expect(api404.status).toBe(404);
    expect(((await api404.json()) as { error: { code: string } }).error.code).toBe('UNKNOWN_METHOD');
  });

  it('never serves files outside the UI folder', async () => {
    // The data folder (tokens.json, the database) is the renderer folder's parent.
    for (const p of ['/../tokens.json', '/%2e%2e/tokens.json', '/assets/..%2f..%2ftokens.json', '/..%5ctokens.json']) {
      const r = await rawRequest(hub.port, { path: p, headers: { Host: `127.0.0.1:${hub.port}` } });
      expect(r.text, p).not.toContain('"tokens"');
      expect(r.text, p).not.toContain('SQLite');
    }
  });
});
