import { randomUUID } from 'node:crypto';
import { sql as raw } from 'kysely';
import type { CallContext } from '../core/context';
import { qb } from '../db/sql';
import { ChannelError, type ChannelConnector, type ChannelErrorKind, type PushOp, type RemoteOrder } from './connector';
import type { ChannelConfig, ConnectorFactory } from './connectors';
import { checkRemoteOrder, importRemoteOrder } from './import-orders';
import { channelRow, desiredFor, markDirty, nextSeq, type ChannelDb, type ChannelsEnv, type OutboxDb } from './repo';
import { backoffMs } from './rules';
import { redact, type SecretBox } from './secrets';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface EngineOptions {
  env: ChannelsEnv;
  box: SecretBox;
  connectors: ConnectorFactory;
  dataDir?: string;
  log: (msg: string, e?: unknown) => void;
  timers?: Timers;
  /** Full jitter draws from this (tests pin it). */
  random?: () => number;
  /** Orders are pulled from watermark − overlap (default 10 min) so an order modified near the edge is not missed. */
  overlapMs?: number;
  /** A ledger change pushes after this quiet time (default 300 ms) instead of waiting for the next poll. */
  pushDebounceMs?: number;
  /** 'unavailable' this many times in a row = offline (default 3). */
  offlineAfter?: number;
  /** Days of orders a reconciliation pulls again whatever the watermark says (default REPULL_DAYS). */
  repullDays?: number;
  /**
   * The watermark never moves past the channel's own clock (the server time of the pull's first page) minus this
   * (default 0): an order dated in the channel's future cannot make the next pulls skip what comes before it.
   */
  serverLagMs?: number;
}

/**
 * Channels miss updates now and then (an order edited or created while their search index lagged comes back with an
 * updatedAt older than our watermark): every reconciliation pulls the last 3 days of orders again, ignoring the
 * watermark. Importing is idempotent, so what we already have is skipped and only what was missed is imported.
 */
export const REPULL_DAYS = 3;

/** Order-pull errors after which the same cycle still pushes decreases (see decreasesAfterFailedPull). */
const DECREASE_AFTER_PULL_ERROR: ReadonlySet<ChannelErrorKind> = new Set(['malformed', 'rejected']);

export interface SyncReport {
  channelId: number;
  skipped: 'disabled' | null;
  /** changed = lines changed on the channel, applied to our order; held = changed after picking started, put on hold. */
  orders: { seen: number; created: number; cancelled: number; changed: number; held: number; skipped: number; failed: number };
  push: { pushed: number; unchanged: number; held: number; stale: number; rejected: number; resumed: number };
  error: { kind: ChannelErrorKind; message: string } | null;
}

export interface ReconcileReport {
  channelId: number;
  checked: number;
  missing: number;
  drift: { listingId: number; ref: string; remote: number; expected: number }[];
  /** The orders of the last days pulled again (what the watermark skipped is imported now). */
  orders: SyncReport['orders'];
  error: { kind: ChannelErrorKind; message: string } | null;
}

export interface ChannelScheduler {
  /** Hosts call this once the core is up; tests never do and drive syncOnce themselves. */
  start(): void;
  stop(): void;
  running(): boolean;
  /** Plan a channel's next cycle again (created, updated, enabled). */
  plan(channelId: number): void;
}

export interface ChannelEngine {
  syncOnce(channelId: number, opts?: { pull?: boolean; push?: boolean }): Promise<SyncReport>;
  reconcile(channelId: number): Promise<ReconcileReport>;
  test(channelId: number): Promise<{ shopName: string } | { error: string }>;
  refreshListings(channelId: number): Promise<{ locations: number; listings: number } | { error: string }>;
  isBusy(channelId: number): boolean;
  /**
   * Sets every mapped listing of the channel to 0 on the channel, then calls `remove` (in the channel's queue, so no
   * cycle of it runs in between). Any listing not confirmed at 0 (the request failed, the channel refused or moved
   * it) = nothing removed: the error is recorded on the channel and its listings are queued again for their real
   * quantities.
   */
  zeroAndRemove(channelId: number, remove: () => void): Promise<{ removed: true } | { error: string }>;
  /** Drops a cached connector (config or credentials changed, channel removed). */
  forget(channelId: number): void;
  scheduler: ChannelScheduler;
  /** Stops the scheduler; work still awaiting the network stops before its next database write. */
  close(): void;
}

/** Thrown inside a cycle once the core is closed: the cycle ends without touching the (closed) database. */
class Closed extends Error {}

const SYNC_CTX = (c: ChannelDb): CallContext => ({ actor: `channel:${c.name}`.slice(0, 60), device: 'channel-sync' });

export function createChannelEngine(o: EngineOptions): ChannelEngine {
  const { env, log } = o;
  const timers = o.timers ?? realTimers;
  const random = o.random ?? Math.random;
  const overlapMs = o.overlapMs ?? 10 * 60_000;
  const offlineAfter = o.offlineAfter ?? 3;
  const repullMs = (o.repullDays ?? REPULL_DAYS) * 86_400_000;
  const serverLagMs = o.serverLagMs ?? 0;
  let closed = false;
  const chains = new Map<number, Promise<unknown>>();
  const busy = new Map<number, number>();
  const conns = new Map<number, { key: string; conn: ChannelConnector }>();

  const guard = (): void => {
    if (closed) throw new Closed('closed');
  };
  const now = (): string => env.clock.now().toISOString();
  const changed = (id: number, reason: 'sync' | 'test' | 'listings' | 'reconcile' | 'status'): void => {
    if (!closed) env.bus.emit('channels.changed', { channelIds: [id], reason });
  };

  /** One piece of work per channel at a time: a sync, a test, a refresh and a reconciliation never interleave. */
  function serial<T>(id: number, fn: () => Promise<T>): Promise<T> {
    const prev = chains.get(id) ?? Promise.resolve();
    busy.set(id, (busy.get(id) ?? 0) + 1);
    const p = prev.catch(() => undefined).then(fn);
    const tail = p.finally(() => {
      const n = (busy.get(id) ?? 1) - 1;
      if (n <= 0) busy.delete(id);
      else busy.set(id, n);
      if (chains.get(id) === tail) chains.delete(id);
    });
    chains.set(id, tail);
    return p;
  }

  function credentialsOf(c: ChannelDb): Record<string, string> {
    return c.credentials ? o.box.open(c.credentials) : {};
  }

  function connectorOf(c: ChannelDb): ChannelConnector {
    const key = `${c.kind}|${c.config}|${c.credentials ? Buffer.from(c.credentials).toString('base64') : ''}`;
    const hit = conns.get(c.id);
    if (hit && hit.key === key) return hit.conn;
    let creds: Record<string, string>;
    try {
      creds = credentialsOf(c);
    } catch (e) {
      throw new ChannelError('config', (e as Error).message);
    }
    const conn = o.connectors(c.kind, JSON.parse(c.config) as ChannelConfig, creds, { channelId: c.id, ...(o.dataDir !== undefined && { dataDir: o.dataDir }), log });
    conns.set(c.id, { key, conn });
    return conn;
  }

  const asChannelError = (e: unknown): ChannelError =>
    e instanceof ChannelError ? e : new ChannelError('unavailable', `Unexpected failure: ${(e as Error)?.message ?? String(e)}`);

  function messageOf(c: ChannelDb, e: ChannelError): string {
    let creds: Record<string, string> | null = null;
    try {
      creds = credentialsOf(c);
    } catch {
      creds = null;
    }
    const own = e.opts.channelMessage && !e.message.includes(e.opts.channelMessage) ? `: ${e.opts.channelMessage}` : '';
    return redact(`${e.message}${own}`, creds).slice(0, 2000);
  }

  /** Records a failed cycle: the error with the channel's own message, and when to try again (persisted). */
  function failure(c: ChannelDb, e: ChannelError): { kind: ChannelErrorKind; message: string } {
    const message = messageOf(c, e);
    const cur = channelRow(env, c.id);
    const failures = cur.consecutive_failures + 1;
    const needsPerson = e.kind === 'auth' || e.kind === 'config';
    const state = needsPerson ? 'error' : e.kind === 'unavailable' && failures >= offlineAfter ? 'offline' : 'backoff';
    const delay = e.retryAfterMs !== undefined ? Math.max(0, e.retryAfterMs) : backoffMs(failures, random);
    const at = env.clock.now();
    env.sql.run(
      qb
        .updateTable('channels')
        .set({
          last_error: message,
          last_error_kind: e.kind,
          last_error_at: at.toISOString(),
          consecutive_failures: failures,
          next_attempt_at: needsPerson ? null : new Date(at.getTime() + delay).toISOString(),
          state,
        })
        .where('id', '=', c.id),
    );
    log(`Channel "${c.name}" (${c.kind}): ${e.kind}: ${message}`);
    return { kind: e.kind, message };
  }

  function success(id: number): void {
    env.sql.run(
      qb.updateTable('channels').set({ state: 'ok', consecutive_failures: 0, next_attempt_at: null, last_error: null, last_error_kind: null, last_error_at: null }).where('id', '=', id),
    );
  }

  // -------------------------------------------------------------------------------------------- pull

  /**
   * Pulls orders modified since the watermark − overlap (or `from`, when it is earlier: a reconciliation's re-pull),
   * imports them page by page and moves the watermark after the last page.
   */
  async function pull(c: ChannelDb, conn: ChannelConnector, r: Pick<SyncReport, 'orders'>, from?: string): Promise<void> {
    const startSeq = env.sql.tx(() => {
      const s = nextSeq(env);
      env.sql.run(qb.updateTable('channels').set({ last_pull_started_at: now() }).where('id', '=', c.id));
      return s;
    });
    let since = c.order_watermark ? new Date(Date.parse(c.order_watermark) - overlapMs).toISOString() : null;
    // Never later than a normal pull would start: the re-pull covers all of it, so it may move the watermark too.
    if (since !== null && from !== undefined && from < since) since = from;
    let newest = c.order_watermark;
    // The channel's clock when the window was asked for (first page), less the lag: the most the watermark may say.
    let cap: string | null = null;
    const ctx = SYNC_CTX(c);
    for await (const page of conn.pullOrders(since)) {
      guard();
      if (!page || !Array.isArray(page.orders)) throw new ChannelError('malformed', 'The channel answered an order page without orders');
      if (cap === null && typeof page.serverTime === 'string' && !Number.isNaN(Date.parse(page.serverTime))) {
        cap = new Date(Date.parse(page.serverTime) - serverLagMs).toISOString();
      }
      // The whole page is checked before any of it is imported: a malformed answer changes nothing.
      for (const ord of page.orders) checkRemoteOrder(ord);
      const orderIds: number[] = [];
      for (const ord of page.orders as RemoteOrder[]) {
        r.orders.seen++;
        const res = importRemoteOrder(env, c, ord, ctx);
        if (res.outcome === 'skipped') r.orders.skipped++;
        else if (res.outcome === 'created') r.orders.created++;
        else if (res.outcome === 'cancelled') r.orders.cancelled++;
        else if (res.outcome === 'changed') r.orders.changed++;
        else if (res.outcome === 'held') r.orders.held++;
        else if (res.outcome === 'failed') r.orders.failed++;
        if (res.orderId !== null && res.outcome !== 'skipped') orderIds.push(res.orderId);
        const t = new Date(Date.parse(ord.updatedAt)).toISOString();
        if (newest === null || t > newest) newest = t;
      }
      if (orderIds.length) env.bus.emit('orders.changed', { orderIds });
    }
    guard();
    // Capped by the channel's clock, never moved back: what lies past the cap is pulled again next time (and skipped).
    if (cap !== null && newest !== null && newest > cap) newest = c.order_watermark !== null && c.order_watermark > cap ? c.order_watermark : cap;
    // Only after the last page: the watermark, and the pull that proves no order older than its start is missing.
    env.sql.run(qb.updateTable('channels').set({ order_watermark: newest, last_pull_at: now(), last_complete_pull_seq: startSeq }).where('id', '=', c.id));
  }

  // -------------------------------------------------------------------------------------------- push

  const listingOf = (id: number) => env.sql.one(qb.selectFrom('channel_listings').selectAll().where('id', '=', id))!;
  const baseOf = (l: { last_remote_qty: number | null; last_pushed_qty: number | null }): number | null => l.last_remote_qty ?? l.last_pushed_qty;

  function done(listingId: number, quantity: number): void {
    const at = now();
    env.sql.run(qb.updateTable('channel_listings').set({ last_pushed_qty: quantity, last_remote_qty: quantity, last_remote_at: at }).where('id', '=', listingId));
    env.sql.run(
      qb
        .updateTable('channel_outbox')
        .set({ state: 'idle', idempotency_key: null, attempts: 0, next_attempt_at: null, last_error: null, expected_qty: quantity, updated_at: at })
        .where('listing_id', '=', listingId),
    );
  }

  /** Pushes left in flight by a crash: resumed with the same key, or (no idempotency keys) confirmed by a read first. */
  async function resume(c: ChannelDb, conn: ChannelConnector, r: SyncReport): Promise<void> {
    const rows = env.sql.all(qb.selectFrom('channel_outbox').selectAll().where('channel_id', '=', c.id).where('state', '=', 'in_flight'));
    if (!rows.length) return;
    r.push.resumed += rows.length;
    if (conn.caps.idempotencyKeys) {
      // Same desired quantity, same key: the channel recognises a push it already applied.
      env.sql.run(qb.updateTable('channel_outbox').set({ state: 'queued' }).where('channel_id', '=', c.id).where('state', '=', 'in_flight'));
      return;
    }
    const refs = new Map(rows.map((x) => [listingOf(x.listing_id).ref, x]));
    const remote = await conn.readStock([...refs.keys()]);
    guard();
    env.sql.tx(() => {
      for (const [ref, row] of refs) {
        const q = remote.get(ref);
        if (q !== undefined && q === row.desired_qty) done(row.listing_id, q);
        else {
          if (q !== undefined) env.sql.run(qb.updateTable('channel_listings').set({ last_remote_qty: q, last_remote_at: now() }).where('id', '=', row.listing_id));
          env.sql.run(qb.updateTable('channel_outbox').set({ state: 'queued', expected_qty: q ?? row.expected_qty }).where('listing_id', '=', row.listing_id));
        }
      }
    });
  }

  /** Dirty listings: compute what the channel should show; unchanged ones are done (diff-only), the rest queued. */
  function plan(c: ChannelDb, r: SyncReport): void {
    env.sql.tx(() => {
      const rows = env.sql.all(qb.selectFrom('channel_outbox').selectAll().where('channel_id', '=', c.id).where('dirty', '=', 1).where('state', '!=', 'in_flight'));
      const at = now();
      for (const row of rows) {
        const l = listingOf(row.listing_id);
        const desired = desiredFor(env, c, l);
        const base = baseOf(l);
        if (desired === null) {
          env.sql.run(
            qb
              .updateTable('channel_outbox')
              .set({
                dirty: 0,
                state: 'idle',
                desired_qty: null,
                idempotency_key: null,
                last_error: l.item_id === null ? null : 'Not pushed: the listing’s channel location is not mapped to a warehouse',
                updated_at: at,
              })
              .where('listing_id', '=', row.listing_id),
          );
          continue;
        }
        if (base !== null && desired === base) {
          r.push.unchanged++;
          env.sql.run(
            qb
              .updateTable('channel_outbox')
              .set({ dirty: 0, state: 'idle', desired_qty: desired, expected_qty: base, idempotency_key: null, attempts: 0, last_error: null, updated_at: at })
              .where('listing_id', '=', row.listing_id),
          );
          continue;
        }
        // Latest wins: a new desired quantity gets a new key; the same one keeps its key across retries.
        const keep = row.desired_qty === desired && row.idempotency_key !== null && (row.state === 'queued' || row.state === 'held');
        env.sql.run(
          qb
            .updateTable('channel_outbox')
            .set({
              dirty: 0,
              state: keep ? row.state : 'queued',
              desired_qty: desired,
              expected_qty: base,
              idempotency_key: keep ? row.idempotency_key : randomUUID(),
              attempts: keep ? row.attempts : 0,
              last_error: keep ? row.last_error : null,
              updated_at: at,
            })
            .where('listing_id', '=', row.listing_id),
        );
      }
    });
  }

  /** decreasesOnly: the order pull of this cycle failed, so every increase is held whatever earlier pulls proved. */
  async function drain(c0: ChannelDb, conn: ChannelConnector, r: SyncReport, decreasesOnly = false): Promise<void> {
    const c = channelRow(env, c0.id);
    const rows = env.sql.all(
      qb
        .selectFrom('channel_outbox')
        .selectAll()
        .where('channel_id', '=', c.id)
        .where('state', 'in', ['queued', 'held'])
        .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now())]))
        .orderBy('listing_id'),
    );
    const go: { row: OutboxDb; op: PushOp }[] = [];
    env.sql.tx(() => {
      for (const row of rows) {
        const l = listingOf(row.listing_id);
        const base = baseOf(l);
        const increase = base === null || row.desired_qty! > base;
        // A quantity is never raised while the channel may hold orders we have not imported: an increase waits for a
        // complete order pull that STARTED after the listing changed. Decreases always go.
        const safe = !increase || (!decreasesOnly && (!conn.caps.pullsOrders || c.last_complete_pull_seq > row.dirty_seq));
        if (!safe) {
          r.push.held++;
          if (row.state !== 'held') env.sql.run(qb.updateTable('channel_outbox').set({ state: 'held' }).where('listing_id', '=', row.listing_id));
          continue;
        }
        go.push({ row, op: { ref: l.ref, quantity: row.desired_qty!, expected: base, idempotencyKey: row.idempotency_key ?? randomUUID() } });
      }
    });
    const size = Math.max(1, conn.caps.maxBatch);
    for (let i = 0; i < go.length; i += size) {
      const chunk = go.slice(i, i + size);
      guard();
      // Written BEFORE the network call: a crash from here on resumes with the same key.
      env.sql.tx(() => {
        for (const g of chunk) {
          env.sql.run(
            qb
              .updateTable('channel_outbox')
              .set({ state: 'in_flight', idempotency_key: g.op.idempotencyKey, expected_qty: g.op.expected, attempts: raw`attempts + 1`, updated_at: now() })
              .where('listing_id', '=', g.row.listing_id),
          );
        }
      });
      let outcomes;
      try {
        outcomes = await conn.pushStock(chunk.map((g) => g.op));
        guard();
        if (!Array.isArray(outcomes) || outcomes.length !== chunk.length || outcomes.some((x, k) => !x || x.ref !== chunk[k].op.ref)) {
          throw new ChannelError('malformed', `The channel answered ${Array.isArray(outcomes) ? outcomes.length : 'no'} push outcomes for ${chunk.length} quantities`);
        }
      } catch (e) {
        if (e instanceof Closed) throw e;
        if (!closed) {
          // Not pushed (or not known to be): back in the queue with the same key and desired quantity.
          env.sql.run(
            qb
              .updateTable('channel_outbox')
              .set({ state: 'queued' })
              .where('listing_id', 'in', chunk.map((g) => g.row.listing_id))
              .where('state', '=', 'in_flight'),
          );
        }
        throw e;
      }
      env.sql.tx(() => {
        const at = now();
        outcomes.forEach((out, k) => {
          const g = chunk[k];
          if (out.ok) {
            r.push.pushed++;
            done(g.row.listing_id, out.quantity);
          } else if (out.stale) {
            // The channel moved (an order we have not imported, an edit there): record what it has, recompute after
            // the next pull; the dirty mark is newer than any pull so far, so an increase waits for a fresh one.
            r.push.stale++;
            if (out.actual !== null) env.sql.run(qb.updateTable('channel_listings').set({ last_remote_qty: out.actual, last_remote_at: at }).where('id', '=', g.row.listing_id));
            const seq = nextSeq(env);
            env.sql.run(
              qb
                .updateTable('channel_outbox')
                .set({ state: 'queued', dirty: 1, dirty_seq: seq, dirty_at: at, last_error: `Changed on the channel: ${out.message}`.slice(0, 1000), updated_at: at })
                .where('listing_id', '=', g.row.listing_id),
            );
          } else {
            r.push.rejected++;
            env.sql.run(
              qb
                .updateTable('channel_outbox')
                .set({ state: 'rejected', last_error: messageOf(c, new ChannelError('rejected', out.message)), updated_at: at })
                .where('listing_id', '=', g.row.listing_id),
            );
          }
        });
        env.sql.run(qb.updateTable('channels').set({ last_push_at: at }).where('id', '=', c.id));
      });
    }
  }

  // -------------------------------------------------------------------------------------------- public

  const emptyReport = (channelId: number): SyncReport => ({
    channelId,
    skipped: null,
    orders: { seen: 0, created: 0, cancelled: 0, changed: 0, held: 0, skipped: 0, failed: 0 },
    push: { pushed: 0, unchanged: 0, held: 0, stale: 0, rejected: 0, resumed: 0 },
    error: null,
  });

  /**
   * The order pull failed but the channel answers: push its DECREASES anyway (increases stay held), or one order that
   * keeps coming back malformed would freeze the channel's quantities while other channels sell the stock (oversell).
   * Lowering a quantity never needs a pull first. Only for 'malformed' and 'rejected' (the channel is up and refused or
   * garbled this one request): after 'auth'/'config' a push fails the same way and a person must act; after
   * 'throttled' the channel asked us to wait (pushing now would break its Retry-After and be refused again); after
   * 'unavailable' it is down or unreachable, so a push would only add timeouts to the cycle. In those cases the
   * decreases stay queued and go with the next cycle. A failure of this push is logged; the cycle reports and backs off
   * on the pull's error, as before.
   */
  async function decreasesAfterFailedPull(c: ChannelDb, conn: ChannelConnector, r: SyncReport, pullError: ChannelError): Promise<void> {
    try {
      await resume(c, conn, r);
      guard();
      plan(channelRow(env, c.id), r);
      await drain(c, conn, r, true);
    } catch (e) {
      if (e instanceof Closed || closed) throw e;
      log(`Channel "${c.name}" (${c.kind}): decreases after a failed order pull (${pullError.kind}) not pushed: ${messageOf(c, asChannelError(e))}`);
    }
  }

  async function syncOnce(channelId: number, opts: { pull?: boolean; push?: boolean } = {}): Promise<SyncReport> {
    channelRow(env, channelId);
    return serial(channelId, async () => {
      // This cycle plans every change made so far: a push asked for before it started is covered.
      pushQueued.delete(channelId);
      const r = emptyReport(channelId);
      if (closed) return r;
      const c = channelRow(env, channelId);
      if (!c.enabled) {
        r.skipped = 'disabled';
        return r;
      }
      try {
        const conn = connectorOf(c);
        if (opts.pull !== false && conn.caps.pullsOrders) {
          try {
            await pull(c, conn, r);
          } catch (e) {
            if (e instanceof Closed || closed) throw e;
            const err = asChannelError(e);
            if (opts.push !== false && DECREASE_AFTER_PULL_ERROR.has(err.kind)) await decreasesAfterFailedPull(c, conn, r, err);
            throw err;
          }
        }
        if (opts.push !== false) {
          await resume(c, conn, r);
          guard();
          plan(channelRow(env, c.id), r);
          await drain(c, conn, r);
        }
        guard();
        success(c.id);
      } catch (e) {
        if (e instanceof Closed || closed) return r;
        r.error = failure(c, asChannelError(e));
      }
      changed(channelId, 'sync');
      // A cycle started by hand (syncNow) after an error that stopped the polling: poll again.
      if (started && !pollTimers.has(channelId)) planNext(channelId);
      return r;
    });
  }

  async function zeroAndRemove(channelId: number, remove: () => void): Promise<{ removed: true } | { error: string }> {
    channelRow(env, channelId);
    return serial(channelId, async () => {
      if (closed) return { error: 'closed' };
      const c = channelRow(env, channelId);
      try {
        const conn = connectorOf(c);
        const listings = env.sql.all(qb.selectFrom('channel_listings').selectAll().where('channel_id', '=', c.id).where('item_id', 'is not', null).orderBy('id'));
        const size = Math.max(1, conn.caps.maxBatch);
        for (let i = 0; i < listings.length; i += size) {
          const chunk = listings.slice(i, i + size);
          const outcomes = await conn.pushStock(chunk.map((l) => ({ ref: l.ref, quantity: 0, expected: baseOf(l), idempotencyKey: randomUUID() })));
          guard();
          if (!Array.isArray(outcomes) || outcomes.length !== chunk.length || outcomes.some((x, k) => !x || x.ref !== chunk[k].ref)) {
            throw new ChannelError('malformed', `The channel answered ${Array.isArray(outcomes) ? outcomes.length : 'no'} push outcomes for ${chunk.length} quantities`);
          }
          env.sql.tx(() =>
            outcomes.forEach((out, k) => {
              if (out.ok) done(chunk[k].id, out.quantity);
              // Moved on the channel: what it has now is the compare quantity of the next attempt.
              else if (out.stale && out.actual !== null) env.sql.run(qb.updateTable('channel_listings').set({ last_remote_qty: out.actual, last_remote_at: now() }).where('id', '=', chunk[k].id));
            }),
          );
          const bad = outcomes.find((x) => !x.ok);
          if (bad && !bad.ok) throw new ChannelError('rejected', `Listing ${bad.ref} was not set to 0: ${bad.message}`);
        }
        remove();
        conns.delete(channelId);
        clearPoll(channelId);
        changed(channelId, 'status');
        return { removed: true as const };
      } catch (e) {
        if (e instanceof Closed || closed) return { error: 'closed' };
        const err = asChannelError(e);
        const f = failure(c, new ChannelError(err.kind, `Not removed: setting its listings to 0 failed. ${err.message}`, err.opts));
        // Listings already at 0 go back to their real quantities at the next cycle (increases after a pull, as always).
        markDirty(env, { channelId: c.id });
        changed(channelId, 'status');
        if (started && !pollTimers.has(channelId)) planNext(channelId);
        return { error: f.message };
      }
    });
  }

  async function reconcile(channelId: number): Promise<ReconcileReport> {
    channelRow(env, channelId);
    return serial(channelId, async () => {
      const out: ReconcileReport = { channelId, checked: 0, missing: 0, drift: [], orders: emptyReport(channelId).orders, error: null };
      if (closed) return out;
      const c = channelRow(env, channelId);
      try {
        const conn = connectorOf(c);
        // First the orders the watermark may have skipped, so the quantities compared below count them.
        if (c.enabled && conn.caps.pullsOrders) {
          await pull(c, conn, out, new Date(env.clock.now().getTime() - repullMs).toISOString());
          guard();
        }
        const listings = env.sql.all(qb.selectFrom('channel_listings').selectAll().where('channel_id', '=', c.id).where('item_id', 'is not', null).orderBy('id'));
        const remote = new Map<string, number>();
        const size = Math.max(1, Math.min(250, conn.caps.maxBatch));
        for (let i = 0; i < listings.length; i += size) {
          const got = await conn.readStock(listings.slice(i, i + size).map((l) => l.ref));
          guard();
          for (const [k, v] of got) remote.set(k, v);
        }
        env.sql.tx(() => {
          const at = now();
          const drifted: number[] = [];
          for (const l of listings) {
            const expected = desiredFor(env, c, l);
            const q = remote.get(l.ref);
            if (expected === null) continue;
            out.checked++;
            if (q === undefined) {
              out.missing++;
              env.sql.run(qb.updateTable('channel_listings').set({ drift_qty: null }).where('id', '=', l.id));
              continue;
            }
            const drift = q - expected;
            env.sql.run(qb.updateTable('channel_listings').set({ last_remote_qty: q, last_remote_at: at, drift_qty: drift }).where('id', '=', l.id));
            if (drift !== 0) {
              out.drift.push({ listingId: l.id, ref: l.ref, remote: q, expected });
              drifted.push(l.id);
            }
          }
          if (drifted.length) markDirty(env, { listingIds: drifted });
          env.sql.run(qb.updateTable('channels').set({ last_reconcile_at: at }).where('id', '=', c.id));
        });
      } catch (e) {
        if (e instanceof Closed || closed) return out;
        out.error = failure(c, asChannelError(e));
      }
      changed(channelId, 'reconcile');
      // Drifted listings were queued: push them now rather than at the next poll (a no-op when the scheduler is off).
      if (out.drift.length) pushSoon();
      return out;
    });
  }

  async function test(channelId: number): Promise<{ shopName: string } | { error: string }> {
    channelRow(env, channelId);
    return serial(channelId, async () => {
      if (closed) return { error: 'closed' };
      const c = channelRow(env, channelId);
      try {
        const conn = connectorOf(c);
        const res = await conn.test();
        guard();
        const shopName = String(res?.shopName ?? '').slice(0, 200);
        env.sql.run(qb.updateTable('channels').set({ shop_name: shopName, last_test_at: now() }).where('id', '=', c.id));
        success(c.id);
        changed(channelId, 'test');
        return { shopName };
      } catch (e) {
        if (e instanceof Closed || closed) return { error: 'closed' };
        env.sql.run(qb.updateTable('channels').set({ last_test_at: now() }).where('id', '=', c.id));
        const f = failure(c, asChannelError(e));
        changed(channelId, 'test');
        return { error: f.message };
      }
    });
  }

  async function refreshListings(channelId: number): Promise<{ locations: number; listings: number } | { error: string }> {
    channelRow(env, channelId);
    return serial(channelId, async () => {
      if (closed) return { error: 'closed' };
      const c = channelRow(env, channelId);
      try {
        const conn = connectorOf(c);
        const locations = await conn.locations();
        const listings = await conn.listings();
        guard();
        if (!Array.isArray(locations) || !Array.isArray(listings)) throw new ChannelError('malformed', 'The channel answered no list of locations or listings');
        env.sql.tx(() => {
          const at = now();
          for (const loc of locations) {
            env.sql.run(
              qb
                .insertInto('channel_locations')
                .values({ channel_id: c.id, remote_ref: loc.ref, name: String(loc.name).slice(0, 200), warehouse_id: null })
                .onConflict((oc) => oc.columns(['channel_id', 'remote_ref']).doUpdateSet({ name: String(loc.name).slice(0, 200) })),
            );
          }
          // One channel location and one warehouse: nothing to choose, map them.
          const whs = env.sql.all(qb.selectFrom('warehouses').select(['id', 'code', 'name']));
          const locs = env.sql.all(qb.selectFrom('channel_locations').selectAll().where('channel_id', '=', c.id));
          for (const l of locs) {
            if (l.warehouse_id !== null) continue;
            const byName = whs.find((w) => w.name.toLowerCase() === l.name.toLowerCase() || w.code.toLowerCase() === l.name.toLowerCase());
            const only = whs.length === 1 && locs.length === 1 ? whs[0] : undefined;
            const w = byName ?? only;
            if (w) env.sql.run(qb.updateTable('channel_locations').set({ warehouse_id: w.id }).where('id', '=', l.id));
          }
          for (const rl of listings) {
            const suggested = suggest(rl.sku, rl.barcode);
            env.sql.run(
              qb
                .insertInto('channel_listings')
                .values({
                  channel_id: c.id,
                  ref: rl.ref,
                  location_ref: rl.locationRef,
                  sku: rl.sku,
                  barcode: rl.barcode,
                  title: String(rl.title ?? '').slice(0, 300),
                  item_id: null,
                  mapped_by: null,
                  suggested_item_id: suggested,
                  last_pushed_qty: null,
                  last_remote_qty: rl.available,
                  last_remote_at: rl.available === null ? null : at,
                  drift_qty: null,
                  seen_at: at,
                })
                .onConflict((oc) =>
                  oc.columns(['channel_id', 'ref']).doUpdateSet({
                    location_ref: rl.locationRef,
                    sku: rl.sku,
                    barcode: rl.barcode,
                    title: String(rl.title ?? '').slice(0, 300),
                    suggested_item_id: suggested,
                    last_remote_qty: rl.available,
                    last_remote_at: rl.available === null ? null : at,
                    seen_at: at,
                  }),
                ),
            );
          }
          if (c.kind === 'file') fileListings(c.id, at);
          markDirty(env, { channelId: c.id });
        });
        changed(channelId, 'listings');
        return { locations: locations.length, listings: listings.length };
      } catch (e) {
        if (e instanceof Closed || closed) return { error: 'closed' };
        const f = failure(c, asChannelError(e));
        changed(channelId, 'listings');
        return { error: f.message };
      }
    });
  }

  /**
   * The file channel lists what we sell: every active item is a listing (ref = our SKU), mapped at once; SKUs
   * already in the feed that match an item are mapped too.
   */
  function fileListings(channelId: number, at: string): void {
    env.sql.run(
      qb
        .insertInto('channel_listings')
        .columns(['channel_id', 'ref', 'location_ref', 'sku', 'barcode', 'title', 'item_id', 'mapped_by', 'seen_at'])
        .expression(
          qb
            .selectFrom('items as i')
            .select([
              raw<number>`${channelId}`.as('channel_id'),
              'i.sku as ref',
              raw<null>`NULL`.as('location_ref'),
              'i.sku',
              raw<string | null>`(SELECT b.code FROM barcodes b WHERE b.item_id = i.id ORDER BY b.id LIMIT 1)`.as('barcode'),
              'i.name as title',
              'i.id as item_id',
              raw<string>`'sku'`.as('mapped_by'),
              raw<string>`${at}`.as('seen_at'),
            ])
            .where('i.active', '=', 1),
        )
        .onConflict((oc) => oc.columns(['channel_id', 'ref']).doNothing()),
    );
    env.sql.run(
      qb
        .updateTable('channel_listings')
        .set({ item_id: raw`suggested_item_id`, mapped_by: 'sku' })
        .where('channel_id', '=', channelId)
        .where('item_id', 'is', null)
        .where('suggested_item_id', 'is not', null),
    );
  }

  /** Suggested item of a channel listing: same SKU, else a barcode (any length of GTIN). */
  function suggest(sku: string | null, barcode: string | null): number | null {
    if (sku && sku.trim()) {
      const i = env.sql.one(qb.selectFrom('items').select('id').where('sku', '=', sku.trim()));
      if (i) return i.id;
    }
    if (barcode && barcode.trim()) {
      const code = barcode.trim();
      const b = env.sql.one(
        qb
          .selectFrom('barcodes')
          .select('item_id')
          .where((eb) => eb.or([eb('code', '=', code), ...(/^\d{8,14}$/.test(code) ? [eb('gtin14', '=', code.padStart(14, '0'))] : [])])),
      );
      if (b) return b.item_id;
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------- scheduler

  let started = false;
  const pollTimers = new Map<number, unknown>();
  let pushTimer: unknown = null;
  /** Channels with a push cycle queued that has not started yet: another request adds nothing (no backlog on a busy day). */
  const pushQueued = new Set<number>();
  let unsub: (() => void) | null = null;

  const clearPoll = (id: number): void => {
    const h = pollTimers.get(id);
    if (h !== undefined) timers.clearTimeout(h);
    pollTimers.delete(id);
  };

  function planNext(id: number, soonMs?: number): void {
    clearPoll(id);
    if (!started || closed) return;
    const c = env.sql.one(qb.selectFrom('channels').selectAll().where('id', '=', id));
    if (!c || !c.enabled || c.state === 'error') return;
    const nowMs = env.clock.now().getTime();
    let delay = soonMs ?? c.poll_interval_seconds * 1000;
    if (c.next_attempt_at) delay = Math.max(delay, Date.parse(c.next_attempt_at) - nowMs);
    pollTimers.set(
      id,
      timers.setTimeout(() => {
        pollTimers.delete(id);
        syncOnce(id)
          .catch((e) => log(`Channel ${id} sync failed`, e))
          .finally(() => planNext(id));
      }, Math.max(0, delay)),
    );
  }

  /** A ledger change: push soon on every channel that is not waiting out a backoff (orders are pulled on the poll). */
  function pushSoon(): void {
    if (!started || closed || pushTimer !== null) return;
    pushTimer = timers.setTimeout(() => {
      pushTimer = null;
      const nowIso = now();
      const ids = env.sql.all(
        qb
          .selectFrom('channels')
          .select('id')
          .where('enabled', '=', 1)
          .where('state', '!=', 'error')
          .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', nowIso)])),
      );
      for (const { id } of ids) {
        const pending = env.sql.one(
          qb.selectFrom('channel_outbox').select('listing_id').where('channel_id', '=', id).where((eb) => eb.or([eb('dirty', '=', 1), eb('state', '=', 'queued')])),
        );
        // Without compare-and-set a snapshot push would overwrite a sale the channel made that we have not imported
        // (raising it over what is left): such a channel pulls its orders first. Compare-and-set channels refuse a
        // stale push themselves, so they push at once.
        const cas = conns.get(id)?.conn.caps.compareAndSet === true;
        if (pending && !pushQueued.has(id)) {
          pushQueued.add(id);
          void syncOnce(id, cas ? { pull: false } : {}).catch((e) => log(`Channel ${id} push failed`, e));
        }
      }
    }, o.pushDebounceMs ?? 300);
  }

  const scheduler: ChannelScheduler = {
    start() {
      if (started || closed) return;
      started = true;
      unsub = env.bus.on('stock.changed', pushSoon);
      for (const { id } of env.sql.all(qb.selectFrom('channels').select('id'))) planNext(id, 1000);
    },
    stop() {
      started = false;
      unsub?.();
      unsub = null;
      for (const id of [...pollTimers.keys()]) clearPoll(id);
      if (pushTimer !== null) timers.clearTimeout(pushTimer);
      pushTimer = null;
    },
    running: () => started,
    plan(id) {
      if (started) planNext(id, 1000);
    },
  };

  return {
    syncOnce,
    reconcile,
    test,
    refreshListings,
    zeroAndRemove,
    isBusy: (id) => (busy.get(id) ?? 0) > 0,
    forget: (id) => {
      conns.delete(id);
      clearPoll(id);
    },
    scheduler,
    close() {
      scheduler.stop();
      closed = true;
    },
  };
}
