/**
 * Transport for the Shopify Admin GraphQL API, plain fetch (the @shopify clients force https and refuse a custom
 * base URL, which the fake server needs).
 *
 * - Auth: a legacy static token, or the client credentials grant (`POST /admin/oauth/access_token`, form-encoded)
 *   whose token is renewed shortly before `expires_in` runs out and once more when Shopify answers 401.
 * - Cost-based throttle: every answer's `extensions.cost.throttleStatus` feeds a local leaky-bucket estimate; a query
 *   whose requested cost is more than the points estimated available waits for the bucket to refill before it is
 *   sent. THROTTLED (HTTP 200 + errors[].extensions.code) and HTTP 429 (Retry-After) are waited out at most
 *   `maxThrottleWaits` times, then surface as ChannelError('throttled', { retryAfterMs }).
 * - 5xx / network / timeout → 'unavailable'; 401 / 403 → 'auth'; bodies that are not JSON or not the expected shape
 *   (validated with zod) → 'malformed' naming what was wrong. Secrets and tokens never appear in a message.
 */
import { z } from 'zod';
import { ChannelError, type ChannelErrorKind } from '../../connector';

/** The one Admin API version Stockroom speaks (2026-04: changeFromQuantity required, @idempotent mandatory). */
export const SHOPIFY_API_VERSION = '2026-04';

export type ShopifyAuth = { mode: 'client_credentials'; clientId: string; clientSecret: string } | { mode: 'static'; accessToken: string };

export interface ShopifyClientOptions {
  shop: string;
  baseUrl?: string;
  auth: ShopifyAuth;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Throttle answers waited out inside one call before giving up with ChannelError('throttled'). Default 2. */
  maxThrottleWaits?: number;
  /** A single internal wait longer than this is not taken: the error goes to the caller instead. Default 20 s. */
  maxInternalWaitMs?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
}

export interface GraphqlAnswer<T> {
  data: T;
  /** Shopify's clock at the answer (HTTP Date header), ISO 8601 UTC. */
  serverTime: string | null;
}

const SHOP_RE = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;
const DEFAULT_RETRY_AFTER_MS = 2_000;

const costSchema = z.object({
  requestedQueryCost: z.number().nullish(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: z
    .object({ maximumAvailable: z.number(), currentlyAvailable: z.number(), restoreRate: z.number() })
    .nullish(),
});
const gqlErrorSchema = z.object({
  message: z.string(),
  extensions: z.object({ code: z.string().nullish() }).nullish(),
});
const envelopeSchema = z.object({
  data: z.unknown().optional(),
  errors: z.union([z.array(gqlErrorSchema), z.string(), z.record(z.string(), z.unknown())]).optional(),
  extensions: z.object({ cost: costSchema.nullish() }).nullish(),
});
const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.number().positive().nullish(), scope: z.string().nullish() });

/** "data.productVariants.nodes[3].sku: expected string" for the first few zod issues. */
export function describeIssues(error: z.ZodError, root: string): string {
  return error.issues
    .slice(0, 3)
    .map((i) => {
      const path = i.path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : `${acc}.${String(p)}`), root);
      return `${path}: ${i.message}`;
    })
    .join('; ');
}

const snippet = (text: string): string => JSON.stringify(text.replace(/\s+/g, ' ').trim().slice(0, 80));

export class ShopifyClient {
  readonly origin: string;
  readonly shop: string;
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly maxThrottleWaits: number;
  private readonly maxInternalWaitMs: number;
  private readonly timeoutMs: number;
  private token: { value: string; renewAt: number } | null = null;
  private granting: Promise<string> | null = null;
  /** Local estimate of Shopify's leaky bucket for this app + shop. */
  private bucket: { max: number; rate: number; avail: number; at: number } | null = null;
  /** Last requestedQueryCost Shopify reported per operation name (better than our own estimate). */
  private readonly knownCost = new Map<string, number>();
  /** Total time spent waiting for the bucket before sending (for tests and diagnostics). */
  pacedMs = 0;

  constructor(private readonly opts: ShopifyClientOptions) {
    const shop = opts.shop.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '');
    if (!SHOP_RE.test(shop)) {
      throw new ChannelError('config', `Shopify shop domain "${opts.shop}" is not a *.myshopify.com domain`);
    }
    this.shop = shop;
    this.origin = (opts.baseUrl ?? `https://${shop}`).replace(/\/+$/, '');
    this.fetchFn = opts.fetch ?? ((input, init) => fetch(input, init));
    this.now = opts.now ?? (() => Date.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.maxThrottleWaits = opts.maxThrottleWaits ?? 2;
    this.maxInternalWaitMs = opts.maxInternalWaitMs ?? 20_000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    const a = opts.auth;
    if (a.mode === 'static' ? !a.accessToken : !a.clientId || !a.clientSecret) {
      throw new ChannelError('config', 'Shopify credentials are incomplete (need an access token, or a client id and secret)');
    }
  }

  /** Removes every secret we hold from a text (defence in depth: Shopify should never echo them). */
  private scrub(text: string): string {
    const secrets = [this.token?.value];
    const a = this.opts.auth;
    if (a.mode === 'static') secrets.push(a.accessToken);
    else secrets.push(a.clientSecret);
    let out = text;
    for (const s of secrets) if (s && s.length >= 4) out = out.split(s).join('[redacted]');
    return out;
  }

  private fail(kind: ChannelErrorKind, message: string, o: { retryAfterMs?: number; status?: number; channelMessage?: string } = {}): ChannelError {
    return new ChannelError(kind, this.scrub(message), { ...o, channelMessage: o.channelMessage === undefined ? undefined : this.scrub(o.channelMessage) });
  }

  private async send(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      return await this.fetchFn(url, { ...init, signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      const why = err.name === 'TimeoutError' || err.name === 'AbortError' ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : (err.cause?.code ?? err.message ?? 'network error');
      throw this.fail('unavailable', `Shopify ${what} failed: could not reach ${this.shop} (${why})`);
    }
  }

  private retryAfter(res: Response): number {
    const h = res.headers.get('retry-after');
    if (h) {
      const secs = Number(h);
      if (Number.isFinite(secs) && secs >= 0) return Math.ceil(secs * 1000);
      const at = Date.parse(h);
      if (!Number.isNaN(at)) {
        const base = Date.parse(res.headers.get('date') ?? '');
        return Math.max(0, at - (Number.isNaN(base) ? this.now() : base));
      }
    }
    return DEFAULT_RETRY_AFTER_MS;
  }

  // ---------------------------------------------------------------------------------------------- access token

  /** Drops the current token so the next call grants a new one. */
  invalidateToken(): void {
    this.token = null;
  }

  private async accessToken(): Promise<string> {
    const a = this.opts.auth;
    if (a.mode === 'static') return a.accessToken;
    if (this.token && this.now() < this.token.renewAt) return this.token.value;
    this.granting ??= this.grant(a).finally(() => {
      this.granting = null;
    });
    return this.granting;
  }

  private async grant(a: { clientId: string; clientSecret: string }): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: a.clientId, client_secret: a.clientSecret });
    const res = await this.send(
      `${this.origin}/admin/oauth/access_token`,
      { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' }, body: body.toString() },
      'token grant',
    );
    const text = await res.text().catch(() => '');
    if (res.status === 429) throw this.fail('throttled', 'Shopify throttled the token grant (HTTP 429)', { status: 429, retryAfterMs: this.retryAfter(res) });
    if (res.status >= 500) throw this.fail('unavailable', `Shopify token grant failed with HTTP ${res.status}`, { status: res.status });
    if (!res.ok) {
      let msg = '';
      try {
        const j = JSON.parse(text) as { error?: unknown; error_description?: unknown; errors?: unknown };
        msg = [j.error, j.error_description, typeof j.errors === 'string' ? j.errors : undefined].filter((x) => typeof x === 'string').join(': ');
      } catch {
        msg = '';
      }
      const kind: ChannelErrorKind = res.status === 400 || res.status === 401 || res.status === 403 ? 'auth' : 'rejected';
      throw this.fail(kind, `Shopify refused the client credentials (HTTP ${res.status}${msg ? `: ${msg}` : ''})`, { status: res.status, channelMessage: msg || undefined });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw this.fail('malformed', `Shopify token grant answered HTTP ${res.status} with a body that is not JSON: ${snippet(text)}`, { status: res.status });
    }
    const parsed = tokenSchema.safeParse(json);
    if (!parsed.success) throw this.fail('malformed', `Shopify token grant answer is missing fields: ${describeIssues(parsed.error, 'body')}`);
    const lifetimeMs = (parsed.data.expires_in ?? 86_399) * 1000;
    // Renew a little before the end: 5 minutes, or a tenth of a short lifetime.
    const margin = Math.min(5 * 60_000, lifetimeMs / 10);
    this.token = { value: parsed.data.access_token, renewAt: this.now() + lifetimeMs - margin };
    return parsed.data.access_token;
  }

  // -------------------------------------------------------------------------------------------------- throttle

  private available(): number | null {
    const b = this.bucket;
    if (!b) return null;
    return Math.min(b.max, b.avail + ((this.now() - b.at) / 1000) * b.rate);
  }

  /** Waits until the bucket estimate can pay `cost`, then books it locally. */
  private async pace(cost: number): Promise<void> {
    const b = this.bucket;
    const avail = this.available();
    if (!b || avail === null || b.rate <= 0) return;
    if (cost > avail && cost <= b.max) {
      const wait = Math.ceil(((cost - avail) / b.rate) * 1000);
      this.pacedMs += wait;
      await this.sleep(wait);
    }
    const after = this.available() ?? 0;
    b.avail = after - cost;
    b.at = this.now();
  }

  /** Gives back points booked by pace() for a request Shopify did not charge (no answer, 5xx, 429 without a cost). */
  private unbook(cost: number): void {
    const b = this.bucket;
    if (b) b.avail = Math.min(b.max, b.avail + cost);
  }

  private noteCost(opName: string, cost: z.infer<typeof costSchema> | null | undefined): void {
    if (!cost) return;
    if (typeof cost.requestedQueryCost === 'number') this.knownCost.set(opName, cost.requestedQueryCost);
    const t = cost.throttleStatus;
    if (t) this.bucket = { max: t.maximumAvailable, rate: t.restoreRate, avail: t.currentlyAvailable, at: this.now() };
  }

  /** Bucket estimate, for diagnostics and tests. */
  bucketEstimate(): { maximumAvailable: number; currentlyAvailable: number; restoreRate: number } | null {
    const avail = this.available();
    return this.bucket && avail !== null ? { maximumAvailable: this.bucket.max, currentlyAvailable: avail, restoreRate: this.bucket.rate } : null;
  }

  // --------------------------------------------------------------------------------------------------- queries

  /**
   * Runs one GraphQL operation and validates `data` against `schema`. `estimatedCost` paces the first call of an
   * operation; later calls use the requestedQueryCost Shopify reported for it.
   */
  async graphql<T>(opName: string, query: string, variables: Record<string, unknown>, schema: z.ZodType<T>, estimatedCost: number): Promise<GraphqlAnswer<T>> {
    let throttleWaits = 0;
    let renewedAfter401 = false;
    for (;;) {
      const booked = this.knownCost.get(opName) ?? estimatedCost;
      await this.pace(booked);
      const token = await this.accessToken();
      const res = await this.send(
        `${this.origin}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Shopify-Access-Token': token },
          body: JSON.stringify({ query, variables, operationName: opName }),
        },
        opName,
      ).catch((e: unknown) => {
        this.unbook(booked);
        throw e;
      });
      const text = await res.text().catch(() => '');
      const dateHeader = res.headers.get('date');
      const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
      const serverTime = Number.isNaN(serverMs) ? null : new Date(serverMs).toISOString();

      if (res.status === 401 && this.opts.auth.mode === 'client_credentials' && !renewedAfter401) {
        renewedAfter401 = true;
        this.invalidateToken();
        continue;
      }
      if (res.status === 401 || res.status === 403) {
        const msg = shopifyErrorText(text);
        throw this.fail('auth', `Shopify refused the ${this.opts.auth.mode === 'static' ? 'access token' : 'app credentials'} (HTTP ${res.status}${msg ? `: ${msg}` : ''})`, {
          status: res.status,
          channelMessage: msg || undefined,
        });
      }
      if (res.status === 429) {
        const wait = this.retryAfter(res);
        const parsed = safeJson(text);
        const cost429 = parsed === undefined ? undefined : envelopeSchema.safeParse(parsed).data?.extensions?.cost;
        if (cost429?.throttleStatus) this.noteCost(opName, cost429);
        else this.unbook(booked);
        if (throttleWaits < this.maxThrottleWaits && wait <= this.maxInternalWaitMs) {
          throttleWaits++;
          await this.sleep(wait);
          continue;
        }
        throw this.fail('throttled', `Shopify is rate limiting requests (HTTP 429); retry in ${Math.ceil(wait / 1000)} s`, { status: 429, retryAfterMs: wait });
      }
      if (res.status >= 500) {
        this.unbook(booked);
        throw this.fail('unavailable', `Shopify answered HTTP ${res.status} to ${opName}`, { status: res.status, retryAfterMs: res.headers.has('retry-after') ? this.retryAfter(res) : undefined });
      }
      if (res.status === 404) {
        throw this.fail('config', `Shopify answered 404 for the Admin API ${SHOPIFY_API_VERSION} at ${this.shop}: check the shop domain`, { status: 404 });
      }
      if (!res.ok) {
        const msg = shopifyErrorText(text);
        throw this.fail('rejected', `Shopify refused ${opName} (HTTP ${res.status}${msg ? `: ${msg}` : ''})`, { status: res.status, channelMessage: msg || undefined });
      }

      const json = safeJson(text);
      if (json === undefined) {
        const type = res.headers.get('content-type') ?? 'no content type';
        throw this.fail('malformed', `Shopify answered ${opName} with a body that is not JSON (${type}): ${snippet(text)}`, { status: res.status });
      }
      const env = envelopeSchema.safeParse(json);
      if (!env.success) throw this.fail('malformed', `Shopify's answer to ${opName} is not a GraphQL response: ${describeIssues(env.error, 'body')}`);
      const cost = env.data.extensions?.cost;
      this.noteCost(opName, cost);

      const errors = Array.isArray(env.data.errors) ? env.data.errors : env.data.errors ? [{ message: typeof env.data.errors === 'string' ? env.data.errors : JSON.stringify(env.data.errors) }] : [];
      if (errors.length) {
        const codes = errors.map((e) => ('extensions' in e ? e.extensions?.code : undefined) ?? null);
        const messages = errors.map((e) => e.message).join('; ');
        if (codes.includes('THROTTLED')) {
          const t = cost?.throttleStatus;
          const need = cost?.requestedQueryCost ?? this.knownCost.get(opName) ?? estimatedCost;
          const wait = t && t.restoreRate > 0 ? Math.max(250, Math.ceil(((need - t.currentlyAvailable) / t.restoreRate) * 1000)) : DEFAULT_RETRY_AFTER_MS;
          if (throttleWaits < this.maxThrottleWaits && wait <= this.maxInternalWaitMs) {
            throttleWaits++;
            await this.sleep(wait);
            continue;
          }
          throw this.fail('throttled', `Shopify throttled ${opName} (query cost ${need}, ${Math.floor(t?.currentlyAvailable ?? 0)} points available); retry in ${Math.ceil(wait / 1000)} s`, {
            retryAfterMs: wait,
            channelMessage: messages,
          });
        }
        if (codes.includes('ACCESS_DENIED')) throw this.fail('auth', `Shopify denied access to ${opName}: ${messages}`, { channelMessage: messages });
        if (codes.includes('INTERNAL_SERVER_ERROR') || codes.includes('SERVICE_UNAVAILABLE')) {
          throw this.fail('unavailable', `Shopify failed internally on ${opName}: ${messages}`, { channelMessage: messages });
        }
        throw this.fail('rejected', `Shopify refused ${opName}: ${messages}`, { channelMessage: messages });
      }
      if (env.data.data === undefined || env.data.data === null) throw this.fail('malformed', `Shopify's answer to ${opName} has no data`);
      const data = schema.safeParse(env.data.data);
      if (!data.success) throw this.fail('malformed', `Shopify's answer to ${opName} is not what Stockroom expects: ${describeIssues(data.error, 'data')}`);
      return { data: data.data, serverTime };
    }
  }
}

function safeJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Shopify's error text from a non-2xx body (`{"errors":"…"}`, `{"errors":[{message}]}`, `{"error":…}`). */
function shopifyErrorText(text: string): string {
  const j = safeJson(text) as { errors?: unknown; error?: unknown; error_description?: unknown } | undefined;
  if (!j || typeof j !== 'object') return '';
  if (typeof j.errors === 'string') return j.errors;
  if (Array.isArray(j.errors)) return j.errors.map((e) => (e && typeof e === 'object' && 'message' in e ? String((e as { message: unknown }).message) : String(e))).join('; ');
  if (typeof j.error === 'string') return [j.error, typeof j.error_description === 'string' ? j.error_description : ''].filter(Boolean).join(': ');
  return '';
}
