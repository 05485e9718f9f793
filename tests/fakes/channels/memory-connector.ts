import {
  ChannelError,
  type ChannelConnector,
  type ConnectorCapabilities,
  type OrderPage,
  type PushOp,
  type PushOutcome,
  type RemoteListing,
  type RemoteLocation,
  type RemoteOrder,
  type RemoteOrderLine,
} from '../../../src/main/channels/connector';

/**
 * An in-memory sales channel for engine tests: its own stock per listing ref, its own orders (with the channel's
 * clock), controllable failures, compare-and-set and idempotency keys as declared in caps, and a gate that holds a
 * push after the channel applied it (to simulate a crash of the core mid-drain). The state lives in a
 * MemoryChannel object, so a connector built after a core restart talks to the same "remote" shop.
 */
export class MemoryChannel {
  caps: ConnectorCapabilities;
  kind: ChannelConnector['kind'];
  stock = new Map<string, number>();
  listings: RemoteListing[] = [];
  locations: RemoteLocation[] = [];
  orders: RemoteOrder[] = [];
  /** Channel clock (ISO). Orders and sales take their updatedAt from it; advance it by hand. */
  now = new Date('2026-01-05T09:00:00.000Z');
  pageSize = 50;
  /** Idempotency keys the channel has applied, with the quantity (a replay returns it without applying again). */
  keys = new Map<string, { ref: string; quantity: number }>();
  /** Every pushStock request as sent. */
  pushes: PushOp[][] = [];
  /** How many quantities were actually applied (a replayed key is not). */
  applied: { ref: string; quantity: number }[] = [];
  reads: string[][] = [];
  pulls: (string | null)[] = [];
  /** Errors to throw, one per call, by method. */
  failures: { method: 'test' | 'pullOrders' | 'pushStock' | 'readStock' | 'listings' | 'any'; error: ChannelError }[] = [];
  /** Refs the channel refuses, with its message. */
  rejects = new Map<string, string>();
  /** When set, pushStock applies the quantities and then waits for this promise before answering. */
  gate: Promise<void> | null = null;
  /** When set, the next order page is replaced by this raw value (malformed answers). */
  malformedPage: unknown = null;
  /** When set, the pull fails after yielding this many pages (once). */
  failAfterPage: { page: number; error: ChannelError } | null = null;
  seq = 0;

  constructor(opts: { kind?: ChannelConnector['kind']; caps?: Partial<ConnectorCapabilities> } = {}) {
    this.kind = opts.kind ?? 'shopify';
    this.caps = { maxBatch: 250, compareAndSet: false, idempotencyKeys: false, pullsOrders: true, ...opts.caps };
  }

  tick(ms = 1000): string {
    this.now = new Date(this.now.getTime() + ms);
    return this.now.toISOString();
  }

  addListing(ref: string, l: Partial<Omit<RemoteListing, 'ref'>> & { qty?: number } = {}): void {
    const { qty, ...rest } = l;
    this.listings.push({ ref, sku: null, barcode: null, title: ref, locationRef: null, available: null, ...rest });
    if (qty !== undefined) this.stock.set(ref, qty);
  }

  /** A customer buys on the channel: its stock drops at once, the order is there to pull. */
  sell(lines: { ref: string | null; sku?: string | null; quantity: number; unitPriceMinor?: number; title?: string }[], o: Partial<RemoteOrder> = {}): RemoteOrder {
    this.seq++;
    const at = this.tick();
    for (const l of lines) if (l.ref && this.stock.has(l.ref)) this.stock.set(l.ref, Math.max(0, this.stock.get(l.ref)! - l.quantity));
    const order: RemoteOrder = {
      externalId: `o${this.seq}`,
      name: `#${1000 + this.seq}`,
      updatedAt: at,
      createdAt: at,
      state: 'open',
      currency: 'GBP',
      customerName: 'Ada Lovelace',
      customerEmail: 'ada@example.com',
      shipTo: { name: 'Ada Lovelace', company: null, line1: '1 High Street', line2: null, city: 'London', region: null, postalCode: 'N1 1AA', country: 'GB' },
      lines: lines.map(
        (l, i): RemoteOrderLine => ({
          externalLineId: `o${this.seq}-l${i + 1}`,
          ref: l.ref,
          sku: l.sku ?? null,
          title: l.title ?? l.ref ?? 'item',
          quantity: l.quantity,
          unitPriceMinor: l.unitPriceMinor ?? 1000,
        }),
      ),
      ...o,
    };
    this.orders.push(order);
    return order;
  }

  cancel(externalId: string): void {
    const o = this.orders.find((x) => x.externalId === externalId)!;
    o.state = 'cancelled';
    o.updatedAt = this.tick();
  }

  private fail(method: MemoryChannel['failures'][number]['method']): void {
    const i = this.failures.findIndex((f) => f.method === method || f.method === 'any');
    if (i >= 0) throw this.failures.splice(i, 1)[0].error;
  }

  connector(): ChannelConnector {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ch = this;
    return {
      kind: ch.kind,
      caps: ch.caps,
      async test() {
        ch.fail('test');
        return { shopName: 'Memory shop' };
      },
      async locations() {
        return ch.locations.map((l) => ({ ...l }));
      },
      async listings() {
        ch.fail('listings');
        return ch.listings.map((l) => ({ ...l, available: ch.stock.get(l.ref) ?? null }));
      },
      async *pullOrders(since: string | null): AsyncIterable<OrderPage> {
        ch.fail('pullOrders');
        ch.pulls.push(since);
        if (ch.malformedPage !== null) {
          const p = ch.malformedPage;
          ch.malformedPage = null;
          yield p as OrderPage;
          return;
        }
        const list = ch.orders
          .filter((o) => since === null || o.updatedAt >= since)
          .sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.externalId.localeCompare(b.externalId))
          .map((o) => structuredClone(o));
        let pages = 0;
        for (let i = 0; i < list.length || i === 0; i += ch.pageSize) {
          yield { orders: list.slice(i, i + ch.pageSize), serverTime: ch.now.toISOString() };
          pages++;
          const f = ch.failAfterPage;
          if (f && pages === f.page) {
            ch.failAfterPage = null;
            throw f.error;
          }
        }
      },
      async readStock(refs: string[]) {
        ch.fail('readStock');
        ch.reads.push([...refs]);
        return new Map(refs.filter((r) => ch.stock.has(r)).map((r) => [r, ch.stock.get(r)!]));
      },
      async pushStock(ops: PushOp[]): Promise<PushOutcome[]> {
        ch.fail('pushStock');
        if (ops.length > ch.caps.maxBatch) throw new ChannelError('rejected', `At most ${ch.caps.maxBatch} per request (got ${ops.length})`, { status: 400 });
        ch.pushes.push(ops.map((o) => ({ ...o })));
        const out = ops.map((op): PushOutcome => {
          if (ch.caps.idempotencyKeys) {
            const prior = ch.keys.get(op.idempotencyKey);
            if (prior) return { ref: op.ref, ok: true, quantity: prior.quantity };
          }
          const rejected = ch.rejects.get(op.ref);
          if (rejected) return { ref: op.ref, ok: false, stale: false, message: rejected };
          const cur = ch.stock.get(op.ref);
          if (ch.caps.compareAndSet && op.expected !== null && cur !== op.expected) {
            return { ref: op.ref, ok: false, stale: true, actual: cur ?? null, message: `The compare quantity ${op.expected} is stale (now ${cur})` };
          }
          ch.stock.set(op.ref, op.quantity);
          ch.applied.push({ ref: op.ref, quantity: op.quantity });
          if (ch.caps.idempotencyKeys) ch.keys.set(op.idempotencyKey, { ref: op.ref, quantity: op.quantity });
          return { ref: op.ref, ok: true, quantity: op.quantity };
        });
        if (ch.gate) await ch.gate;
        return out;
      },
    };
  }
}
