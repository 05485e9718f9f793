import type { Selectable } from 'kysely';
import { type CountSession, type CountThresholds, DEFAULT_COUNT_THRESHOLDS, type Movement, type Output, type ParsedInput } from '../../shared/api';
import { fail } from '../../shared/errors';
import { itemById } from '../catalog/items';
import type { CallContext } from '../core/context';
import type { DB } from '../db/schema';
import { qb } from '../db/sql';
import { lotKey, type LedgerEnv } from '../ledger/env';
import { averageCostOf, balanceOf, planTake } from '../ledger/postings';
import { adjust } from '../ledger/stock-ops';
import type { OrdersEnv } from '../orders/env';
import { isBadScan, readScan } from '../orders/scan';

/** Counting reads scans with the station's scan pipeline (its internal code prefixes). */
export type CountsEnv = OrdersEnv;

/**
 * Cycle counts. A line's expected quantity is the bin's on-hand at the moment the line is counted; its variance
 * (counted − expected then) is what posting adjusts by, so picks and receipts between the count and the posting are
 * neither lost nor counted twice. Counting is blind: the counter's answers never carry the expected quantity.
 */

type SessionRow = Selectable<DB['count_sessions']>;
type LineRow = Selectable<DB['count_lines']>;
export type Band = 'auto' | 'recount' | 'approval';

const countNumber = (n: number): string => `CC-${String(n).padStart(5, '0')}`;

function sessionRow(env: LedgerEnv, id: number): SessionRow {
  const r = env.sql.one(qb.selectFrom('count_sessions').selectAll().where('id', '=', id));
  if (!r) return fail('UNKNOWN_COUNT', `There is no count session with id ${id}`, { sessionId: 'Unknown count session' });
  return r;
}

const thresholdsOf = (s: SessionRow): CountThresholds => ({
  autoUnits: s.auto_units,
  autoPct: s.auto_pct,
  autoValueMinor: s.auto_value_minor,
  approvalUnits: s.approval_units,
  approvalPct: s.approval_pct,
  approvalValueMinor: s.approval_value_minor,
});

/**
 * Which review a variance needs. Percent is of the expected quantity (a variance where nothing was expected is
 * infinitely large, so it needs approval); every limit is inclusive.
 */
export function bandOf(variance: number, expected: number, valueMinor: number, t: CountThresholds): Band {
  if (variance === 0) return 'auto';
  const units = Math.abs(variance);
  const pct = expected > 0 ? (units * 100) / expected : Infinity;
  if (units > t.approvalUnits || pct > t.approvalPct || valueMinor > t.approvalValueMinor) return 'approval';
  if (units <= t.autoUnits && pct <= t.autoPct && valueMinor <= t.autoValueMinor) return 'auto';
  return 'recount';
}

function scopeOf(env: LedgerEnv, sessionId: number): { locationIds: number[]; itemIds: number[] } {
  const rows = env.sql.all(qb.selectFrom('count_scope').selectAll().where('session_id', '=', sessionId));
  return { locationIds: rows.flatMap((r) => (r.location_id === null ? [] : [r.location_id])), itemIds: rows.flatMap((r) => (r.item_id === null ? [] : [r.item_id])) };
}

function linesOf(env: LedgerEnv, sessionId: number) {
  return env.sql.all(
    qb.selectFrom('count_lines as l').innerJoin('items as i', 'i.id', 'l.item_id').selectAll('l').select('i.sku').where('l.session_id', '=', sessionId).orderBy('l.id'),
  );
}

export function getSession(env: LedgerEnv, id: number): CountSession {
  const s = sessionRow(env, id);
  const scope = scopeOf(env, s.id);
  return {
    id: s.id,
    number: s.number,
    scope: s.scope,
    allowFound: s.allow_found === 1,
    status: s.status,
    thresholds: thresholdsOf(s),
    ...scope,
    createdAt: s.created_at,
    lines: linesOf(env, s.id).map((l) => ({
      id: l.id,
      itemId: l.item_id,
      sku: l.sku,
      locationId: l.location_id,
      path: env.locs.path(l.location_id),
      lotId: l.lot_id,
      counted: l.counted,
      expected: l.expected,
      variance: l.variance,
      unitCostMinor: l.unit_cost_minor,
      valueMinor: l.value_minor,
      counts: l.counts,
      countedAt: l.counted_at,
      status: l.status,
      approvedBy: l.approved_by,
    })),
  };
}

function binOf(env: LedgerEnv, id: number, field: string) {
  const l = env.locs.get(id);
  if (!l) return fail('UNKNOWN_LOCATION', `There is no location with id ${id}`, { [field]: 'Unknown location' });
  if (l.kind !== 'bin') return fail('NOT_A_BIN', `${env.locs.path(id)} is a ${l.kind}; counts are of bins`, { [field]: 'Choose a bin' });
  return l;
}

export function createSession(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'counts.create'>): CountSession {
  return env.sql.tx(() => {
    const t = { ...DEFAULT_COUNT_THRESHOLDS, ...input.thresholds };
    if (t.approvalUnits < t.autoUnits || t.approvalPct < t.autoPct || t.approvalValueMinor < t.autoValueMinor) {
      fail('VALIDATION', 'Approval thresholds must be at least the auto-accept thresholds', { thresholds: 'Approval below auto-accept' });
    }
    const locationIds = input.scope === 'bin' ? [...new Set(input.locationIds ?? [])] : [];
    const itemIds = input.scope === 'item' ? [...new Set(input.itemIds ?? [])] : [];
    locationIds.forEach((l, i) => binOf(env, l, `locationIds.${i}`));
    itemIds.forEach((i) => itemById(env.sql, i));
    const next = (env.sql.one(qb.selectFrom('count_sessions').select((eb) => eb.fn.max<number>('id').as('m')))?.m ?? 0) + 1;
    const r = env.sql.run(
      qb.insertInto('count_sessions').values({
        number: countNumber(next),
        scope: input.scope,
        allow_found: input.allowFound ? 1 : 0,
        status: 'counting',
        auto_units: t.autoUnits,
        auto_pct: t.autoPct,
        auto_value_minor: t.autoValueMinor,
        approval_units: t.approvalUnits,
        approval_pct: t.approvalPct,
        approval_value_minor: t.approvalValueMinor,
        note: input.note ?? null,
        created_by: ctx.actor,
        created_device: ctx.device,
        created_at: env.clock.now().toISOString(),
        submitted_at: null,
        posted_at: null,
        posted_by: null,
      }),
    );
    for (const l of locationIds) env.sql.run(qb.insertInto('count_scope').values({ session_id: r.lastInsertRowid, location_id: l, item_id: null }));
    for (const i of itemIds) env.sql.run(qb.insertInto('count_scope').values({ session_id: r.lastInsertRowid, location_id: null, item_id: i }));
    return getSession(env, r.lastInsertRowid);
  });
}

function unitCostAt(env: LedgerEnv, itemId: number, locationId: number, lotId: number | null, at: string): number {
  if (env.settings.get().costingMethod === 'average') return averageCostOf(env.sql, itemId, 1);
  return planTake(env.sql, itemId, locationId, lotId, 1, at)[0].unitCostMinor;
}

/** Counts (or recounts) a line now: expected is the on-hand at this moment; the band decides what it needs. */
function countLine(
  env: LedgerEnv,
  ctx: CallContext,
  s: SessionRow,
  at: string,
  k: { itemId: number; locationId: number; lotId: number | null },
  counted: number,
  prior: LineRow | undefined,
  expectedThen?: number,
): LineRow {
  const expected = expectedThen ?? balanceOf(env.sql, k.itemId, k.locationId, k.lotId).on_hand;
  const variance = counted - expected;
  const unit = unitCostAt(env, k.itemId, k.locationId, k.lotId, at);
  const value = Math.abs(variance) * unit;
  const band = bandOf(variance, expected, value, thresholdsOf(s));
  // A recount that is still outside auto-accept but under the approval limits confirms the variance.
  const status: LineRow['status'] = band === 'auto' ? 'accepted' : band === 'approval' ? 'approval' : prior?.status === 'recount' ? 'accepted' : 'recount';
  const row = { counted, expected, variance, unit_cost_minor: unit, value_minor: value, counted_at: at, status, approved_by: null, approved_at: null };
  let id: number;
  if (prior) {
    env.sql.run(qb.updateTable('count_lines').set({ ...row, counts: prior.counts + 1 }).where('id', '=', prior.id));
    id = prior.id;
  } else {
    id = env.sql.run(
      qb.insertInto('count_lines').values({ ...row, session_id: s.id, item_id: k.itemId, location_id: k.locationId, lot_id: k.lotId, lot_key: lotKey(k.lotId), counts: 1, operation_id: null }),
    ).lastInsertRowid;
  }
  env.sql.run(qb.insertInto('count_entries').values({ line_id: id, counted, expected, actor: ctx.actor, device: ctx.device, created_at: at }));
  return env.sql.one(qb.selectFrom('count_lines').selectAll().where('id', '=', id))!;
}

/** The checks of a count entry, shared by counts.enter and counts.check: refuses before anything is written. */
function entryTarget(env: LedgerEnv, s: SessionRow, input: { locationId: number; itemId: number; lot?: string }) {
  const loc = binOf(env, input.locationId, 'locationId');
  const item = itemById(env.sql, input.itemId);
  const scope = scopeOf(env, s.id);
  if (s.scope === 'bin' && !scope.locationIds.includes(loc.id)) {
    fail('NOT_IN_COUNT', `${env.locs.path(loc.id)} is not one of the bins of ${s.number}`, { locationId: 'Bin not in this count' });
  }
  if (s.scope === 'item' && !scope.itemIds.includes(item.id)) fail('NOT_IN_COUNT', `${item.sku} is not one of the items of ${s.number}`, { itemId: 'Item not in this count' });
  let lotId: number | null = null;
  if (item.tracking === 'none') {
    if (input.lot !== undefined) fail('LOT_NOT_ALLOWED', `${item.sku} is not lot or serial tracked; leave the lot empty`, { lot: 'Item is not lot tracked' });
  } else {
    if (input.lot === undefined) fail('LOT_REQUIRED', `${item.sku} is ${item.tracking} tracked: count each lot`, { lot: 'Lot required' });
    const lot = env.sql.one(qb.selectFrom('lots').select('id').where('item_id', '=', item.id).where('code', '=', input.lot!));
    if (!lot) fail('UNKNOWN_LOT', `${item.sku} has no lot ${input.lot}`, { lot: 'Unknown lot for this item' });
    lotId = lot!.id;
  }
  const prior = env.sql.one(
    qb.selectFrom('count_lines').selectAll().where('session_id', '=', s.id).where('item_id', '=', item.id).where('location_id', '=', loc.id).where('lot_key', '=', lotKey(lotId)),
  );
  if (s.status === 'review') {
    if (prior?.status !== 'recount') fail('COUNT_STATUS', `${s.number} is in review: only lines asked for a recount can be counted`, { itemId: 'No recount asked for this line' });
  } else if (s.status !== 'counting') fail('COUNT_STATUS', `${s.number} is ${s.status}: nothing more can be counted`);
  if (!prior && !s.allow_found) {
    const held = env.sql.one(
      qb.selectFrom('balances').select('on_hand').where('item_id', '=', item.id).where('location_id', '=', loc.id).where('lot_key', '=', lotKey(lotId)).where('on_hand', '!=', 0),
    );
    if (!held) {
      fail('NOT_IN_BIN', `${item.sku}${input.lot ? ` lot ${input.lot}` : ''} is not recorded in ${env.locs.path(loc.id)}: put it aside for a supervisor (this count does not allow found items)`, {
        itemId: 'Not in this bin',
      });
    }
  }
  return { loc, item, lotId, prior };
}

export function enterCount(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'counts.enter'>): Output<'counts.enter'> {
  return env.sql.tx(() => {
    const s = sessionRow(env, input.sessionId);
    const at = env.clock.now().toISOString();
    const { loc, item, lotId, prior } = entryTarget(env, s, input);
    const line = countLine(env, ctx, s, at, { itemId: item.id, locationId: loc.id, lotId }, input.counted, prior);
    return { lineId: line.id, status: line.status === 'recount' ? 'recount' : 'counted', counts: line.counts };
  });
}

/** A scan on the counting screen: a bin of the count opens it, an item is checked in the open bin. Read-only. */
export function scanForCount(env: CountsEnv, input: ParsedInput<'counts.scan'>): Output<'counts.scan'> {
  const s = sessionRow(env, input.sessionId);
  if (s.status !== 'counting' && s.status !== 'review') fail('COUNT_STATUS', `${s.number} is ${s.status}: nothing more can be counted`);
  const scan = readScan(env, input.code);
  if (isBadScan(scan)) return fail('BAD_SCAN', scan.message, { code: 'Not readable' }, { scan: scan.kind, errorCode: scan.errorCode });
  if (scan.kind === 'bin' && scan.location) {
    const loc = binOf(env, scan.location.id, 'code');
    const scope = scopeOf(env, s.id);
    if (s.scope === 'bin' && !scope.locationIds.includes(loc.id)) {
      fail('NOT_IN_COUNT', `${env.locs.path(loc.id)} is not one of the bins of ${s.number}: count ${scope.locationIds.map((l) => env.locs.path(l)).join(', ')}`, { code: 'Bin not in this count' });
    }
    return { kind: 'bin', locationId: loc.id, path: env.locs.path(loc.id), message: `Counting ${env.locs.path(loc.id)}: scan every item in it` };
  }
  if (!scan.item) return fail('BAD_SCAN', `${scan.message}: scan a bin of ${s.number}, then each item in it`, { code: 'Not a bin or an item' });
  if (input.locationId === undefined) return fail('SCAN_BIN_FIRST', `Scan the bin first, then ${scan.item.sku}`, { code: 'No bin open' });
  const lot = scan.lot ?? scan.serial;
  const t = entryTarget(env, s, { locationId: input.locationId, itemId: scan.item.id, ...(lot !== undefined && { lot }) });
  const path = env.locs.path(t.loc.id);
  return {
    kind: 'item',
    itemId: t.item.id,
    sku: t.item.sku,
    name: t.item.name,
    lot: lot ?? null,
    quantity: scan.quantity ?? 1,
    locationId: t.loc.id,
    path,
    recount: t.prior?.status === 'recount',
    counted: t.prior ? t.prior.counted : null,
    message: `${t.item.sku}${lot ? ` lot ${lot}` : ''} in ${path}`,
  };
}

export function listSessions(env: LedgerEnv, input: ParsedInput<'counts.list'>): Output<'counts.list'> {
  let q = qb.selectFrom('count_sessions').selectAll();
  if (input.status) q = q.where('status', '=', input.status);
  return env.sql.all(q.orderBy('id', 'desc')).map((s) => {
    const scope = scopeOf(env, s.id);
    const lines = env.sql.all(qb.selectFrom('count_lines').select('status').where('session_id', '=', s.id));
    return {
      id: s.id,
      number: s.number,
      scope: s.scope,
      allowFound: s.allow_found === 1,
      status: s.status,
      createdAt: s.created_at,
      targets: [...scope.locationIds.map((l) => env.locs.path(l)), ...scope.itemIds.map((i) => itemById(env.sql, i).sku)],
      linesCounted: lines.length,
      toRecount: lines.filter((l) => l.status === 'recount').length,
      toApprove: lines.filter((l) => l.status === 'approval').length,
    };
  });
}

export function countSheet(env: LedgerEnv, sessionId: number): Output<'counts.sheet'> {
  const s = sessionRow(env, sessionId);
  const scope = scopeOf(env, s.id);
  return {
    number: s.number,
    status: s.status,
    targets: [
      ...scope.locationIds.map((l) => ({ locationId: l, path: env.locs.path(l), itemId: null, sku: null })),
      ...scope.itemIds.map((i) => ({ locationId: null, path: null, itemId: i, sku: itemById(env.sql, i).sku })),
    ],
    lines: linesOf(env, s.id).map((l) => ({
      id: l.id,
      itemId: l.item_id,
      sku: l.sku,
      locationId: l.location_id,
      path: env.locs.path(l.location_id),
      counted: l.counted,
      status: l.status === 'recount' ? ('recount' as const) : ('counted' as const),
    })),
  };
}

export function submitSession(env: LedgerEnv, ctx: CallContext, sessionId: number): CountSession {
  return env.sql.tx(() => {
    const s = sessionRow(env, sessionId);
    if (s.status !== 'counting') fail('COUNT_STATUS', `${s.number} is ${s.status}, not counting`);
    const at = env.clock.now().toISOString();
    const scope = scopeOf(env, s.id);
    let q = qb
      .selectFrom('balances as b')
      .innerJoin('locations as loc', 'loc.id', 'b.location_id')
      .select(['b.item_id', 'b.location_id', 'b.lot_key'])
      .where('loc.kind', '=', 'bin')
      .where('b.on_hand', '!=', 0)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('count_lines as c')
              .select('c.id')
              .where('c.session_id', '=', s.id)
              .whereRef('c.item_id', '=', 'b.item_id')
              .whereRef('c.location_id', '=', 'b.location_id')
              .whereRef('c.lot_key', '=', 'b.lot_key'),
          ),
        ),
      );
    q = s.scope === 'bin' ? q.where('b.location_id', 'in', scope.locationIds) : q.where('b.item_id', 'in', scope.itemIds);
    // Recorded stock nobody found: counted as zero. Its expected is the on-hand when the counter was last at that bin
    // (the bin's last entry in this session), so stock moved in after the bin was counted is not a loss; a bin with
    // no entry at all has no such moment and is taken as now.
    for (const b of env.sql.all(q.orderBy('b.location_id').orderBy('b.item_id').orderBy('b.lot_key'))) {
      const lotId = b.lot_key === 0 ? null : b.lot_key;
      const visited = env.sql.one(
        qb
          .selectFrom('count_entries as e')
          .innerJoin('count_lines as c', 'c.id', 'e.line_id')
          .select((eb) => eb.fn.max<string>('e.created_at').as('t'))
          .where('c.session_id', '=', s.id)
          .where('c.location_id', '=', b.location_id),
      )?.t;
      let expectedThen: number | undefined;
      if (visited) {
        const since = env.sql.one(
          qb
            .selectFrom('movements')
            .select((eb) =>
              eb.fn
                .sum<number>(eb.case().when('to_location_id', '=', b.location_id).then(eb.ref('quantity')).else(eb.neg(eb.ref('quantity'))).end())
                .as('net'),
            )
            .where('item_id', '=', b.item_id)
            .where((eb) => (lotId === null ? eb('lot_id', 'is', null) : eb('lot_id', '=', lotId)))
            .where((eb) => eb.or([eb('to_location_id', '=', b.location_id), eb('from_location_id', '=', b.location_id)]))
            .where('created_at', '>', visited),
        );
        expectedThen = balanceOf(env.sql, b.item_id, b.location_id, lotId).on_hand - Number(since?.net ?? 0);
        if (expectedThen === 0) continue;
      }
      countLine(env, ctx, s, at, { itemId: b.item_id, locationId: b.location_id, lotId }, 0, undefined, expectedThen);
    }
    env.sql.run(qb.updateTable('count_sessions').set({ status: 'review', submitted_at: at }).where('id', '=', s.id));
    return getSession(env, s.id);
  });
}

export function approveLines(env: LedgerEnv, ctx: CallContext, input: ParsedInput<'counts.approve'>): CountSession {
  return env.sql.tx(() => {
    const s = sessionRow(env, input.sessionId);
    if (s.status !== 'review') fail('COUNT_STATUS', `${s.number} is ${s.status}: approve variances once counting is submitted`);
    const at = env.clock.now().toISOString();
    input.lineIds.forEach((id, i) => {
      const l = env.sql.one(qb.selectFrom('count_lines').selectAll().where('id', '=', id).where('session_id', '=', s.id));
      if (!l) return fail('VALIDATION', `Line ${id} is not a line of ${s.number}`, { [`lineIds.${i}`]: 'Not a line of this count' });
      if (l.status !== 'approval') return fail('COUNT_STATUS', `Line ${id} does not need approval (it is ${l.status})`, { [`lineIds.${i}`]: 'Does not need approval' });
      env.sql.run(qb.updateTable('count_lines').set({ status: 'approved', approved_by: ctx.actor, approved_at: at }).where('id', '=', id));
    });
    return getSession(env, s.id);
  });
}

export function postSession(env: LedgerEnv, ctx: CallContext, sessionId: number): Output<'counts.post'> {
  return env.sql.tx(() => {
    const s = sessionRow(env, sessionId);
    if (s.status !== 'review') fail('COUNT_STATUS', `${s.number} is ${s.status}: submit it for review before posting`);
    const lines = env.sql.all(qb.selectFrom('count_lines').selectAll().where('session_id', '=', s.id).orderBy('id'));
    const recount = lines.filter((l) => l.status === 'recount').length;
    const approval = lines.filter((l) => l.status === 'approval').length;
    if (recount || approval) {
      fail('COUNT_STATUS', `${s.number} cannot post yet: ${recount} line(s) to recount, ${approval} awaiting approval`, undefined, { recount, approval });
    }
    const movements: Movement[] = [];
    for (const l of lines) {
      if (l.variance !== 0) {
        const lot = l.lot_id === null ? undefined : env.sql.one(qb.selectFrom('lots').select('code').where('id', '=', l.lot_id))!.code;
        const r = adjust(env, ctx, {
          itemId: l.item_id,
          locationId: l.location_id,
          quantity: l.variance,
          reason: 'count_correction',
          ...(l.variance > 0 && { unitCostMinor: l.unit_cost_minor }),
          ...(lot !== undefined && { lot }),
          docRef: s.number,
          note: `Count ${s.number}: counted ${l.counted}, expected ${l.expected} at ${l.counted_at}`,
          idempotencyKey: `count:${s.id}:line:${l.id}`,
        });
        movements.push(...r.movements);
        env.sql.run(qb.updateTable('count_lines').set({ status: 'posted', operation_id: r.operationId }).where('id', '=', l.id));
      } else {
        env.sql.run(qb.updateTable('count_lines').set({ status: 'posted' }).where('id', '=', l.id));
      }
    }
    env.sql.run(qb.updateTable('count_sessions').set({ status: 'posted', posted_at: env.clock.now().toISOString(), posted_by: ctx.actor }).where('id', '=', s.id));
    return { session: getSession(env, s.id), movements };
  });
}
