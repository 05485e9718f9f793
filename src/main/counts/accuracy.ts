import { type Output, type ParsedInput } from '../../shared/api';
import { qb } from '../db/sql';
import type { LedgerEnv } from '../ledger/env';
import { locationInScope } from './schedule';

/**
 * Inventory record accuracy and shrinkage.
 *
 * Accuracy: over the lines of posted counts, the share whose variance is within tolerance (|variance| ≤ units, or
 * ≤ pct % of expected; both 0 by default, i.e. an exact match).
 *
 * Shrinkage: each observation has a recorded and an actual quantity, and shrinkage % = Σ(recorded − actual) ÷
 * Σrecorded × 100 over a group. A posted count line observes recorded = expected, actual = counted (reason
 * "count_correction"; gains net against losses). A loss adjustment (damage, theft, lost, expired) out of a bin observes
 * recorded = the bin's on-hand of the item just before it, actual = that less the quantity written off. Count
 * postings themselves are count_correction movements and are not counted twice. Periods are calendar months (UTC) of
 * the posting or adjustment.
 */

export const LOSS_REASONS = ['damage', 'theft', 'lost', 'expired'] as const;

type Out = Output<'counts.accuracy'>;
type ShrinkRow = Out['shrinkage']['total'];

interface Obs {
  period: string;
  itemId: number;
  sku: string;
  locationId: number;
  reason: string;
  recorded: number;
  actual: number;
  valueMinor: number;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
const pct = (num: number, den: number): number | null => (den > 0 ? round2((num * 100) / den) : null);
const accuracy = (counted: number, within: number) => ({ linesCounted: counted, linesWithinTolerance: within, accuracyPct: pct(within, counted) });

function group(obs: Obs[], keyOf: (o: Obs) => string, labelOf: (o: Obs) => string): ShrinkRow[] {
  const m = new Map<string, ShrinkRow>();
  for (const o of obs) {
    const k = keyOf(o);
    let r = m.get(k);
    if (!r) m.set(k, (r = { key: k, label: labelOf(o), recorded: 0, actual: 0, shrinkUnits: 0, shrinkValueMinor: 0, shrinkPct: null }));
    r.recorded += o.recorded;
    r.actual += o.actual;
    r.shrinkUnits += o.recorded - o.actual;
    r.shrinkValueMinor += o.valueMinor;
  }
  const rows = [...m.values()];
  for (const r of rows) r.shrinkPct = pct(r.shrinkUnits, r.recorded);
  return rows.sort((a, b) => a.key.localeCompare(b.key, undefined, { numeric: true }));
}

export function countAccuracy(env: LedgerEnv, input: ParsedInput<'counts.accuracy'>): Out {
  const tolUnits = input.toleranceUnits ?? 0;
  const tolPct = input.tolerancePct ?? 0;
  const within = (variance: number, expected: number): boolean => {
    const v = Math.abs(variance);
    return v <= tolUnits || (expected > 0 && (v * 100) / expected <= tolPct);
  };

  let lq = qb
    .selectFrom('count_lines as l')
    .innerJoin('count_sessions as s', 's.id', 'l.session_id')
    .innerJoin('items as i', 'i.id', 'l.item_id')
    .select(['l.session_id', 's.number', 's.posted_at', 'l.item_id', 'i.sku', 'l.location_id', 'l.expected', 'l.counted', 'l.variance', 'l.unit_cost_minor'])
    .where('s.status', '=', 'posted')
    .orderBy('s.posted_at')
    .orderBy('s.id')
    .orderBy('l.id');
  if (input.from !== undefined) lq = lq.where('s.posted_at', '>=', input.from);
  if (input.to !== undefined) lq = lq.where('s.posted_at', '<', input.to);
  if (input.itemId !== undefined) lq = lq.where('l.item_id', '=', input.itemId);
  const lines = env.sql.all(lq).filter((l) => locationInScope(env, l.location_id, input));

  const sessions = new Map<number, Out['sessions'][number]>();
  const months = new Map<string, Out['months'][number]>();
  let total = 0;
  let ok = 0;
  const obs: Obs[] = [];
  for (const l of lines) {
    const postedAt = l.posted_at ?? '';
    const month = postedAt.slice(0, 7);
    const w = within(l.variance, l.expected) ? 1 : 0;
    let s = sessions.get(l.session_id);
    if (!s) sessions.set(l.session_id, (s = { sessionId: l.session_id, number: l.number, postedAt, ...accuracy(0, 0) }));
    let m = months.get(month);
    if (!m) months.set(month, (m = { month, ...accuracy(0, 0) }));
    for (const r of [s, m]) {
      r.linesCounted += 1;
      r.linesWithinTolerance += w;
    }
    total += 1;
    ok += w;
    obs.push({
      period: month,
      itemId: l.item_id,
      sku: l.sku,
      locationId: l.location_id,
      reason: 'count_correction',
      recorded: l.expected,
      actual: l.counted,
      valueMinor: -l.variance * l.unit_cost_minor,
    });
  }
  for (const r of [...sessions.values(), ...months.values()]) r.accuracyPct = pct(r.linesWithinTolerance, r.linesCounted);

  // Loss adjustments out of bins, one observation per operation, item, bin and reason.
  let mq = qb
    .selectFrom('movements as m')
    .innerJoin('locations as f', 'f.id', 'm.from_location_id')
    .innerJoin('items as i', 'i.id', 'm.item_id')
    .select([
      'm.operation_id',
      'm.item_id',
      'i.sku',
      'm.from_location_id',
      'm.reason',
      (eb) => eb.fn.min('m.id').as('first_id'),
      (eb) => eb.fn.min('m.created_at').as('at'),
      (eb) => eb.fn.sum<number>('m.quantity').as('qty'),
      (eb) => eb.fn.sum<number>('m.total_cost_minor').as('value'),
    ])
    .where('m.reason', 'in', [...LOSS_REASONS])
    .where('f.kind', '=', 'bin')
    .groupBy(['m.operation_id', 'm.item_id', 'm.from_location_id', 'm.reason'])
    .orderBy('first_id');
  if (input.from !== undefined) mq = mq.where('m.created_at', '>=', input.from);
  if (input.to !== undefined) mq = mq.where('m.created_at', '<', input.to);
  if (input.itemId !== undefined) mq = mq.where('m.item_id', '=', input.itemId);
  for (const a of env.sql.all(mq)) {
    if (!locationInScope(env, a.from_location_id, input)) continue;
    const firstId = Number(a.first_id);
    const before = env.sql.one(
      qb
        .selectFrom('movements')
        .select((eb) =>
          eb.fn
            .coalesce(
              eb.fn.sum<number>(eb.case().when('to_location_id', '=', a.from_location_id).then(eb.ref('quantity')).when('from_location_id', '=', a.from_location_id).then(eb.neg(eb.ref('quantity'))).else(0).end()),
              eb.lit(0),
            )
            .as('on_hand'),
        )
        .where('item_id', '=', a.item_id)
        .where('id', '<', firstId),
    );
    const recorded = Number(before?.on_hand ?? 0);
    const qty = Number(a.qty);
    obs.push({
      period: String(a.at).slice(0, 7),
      itemId: a.item_id,
      sku: a.sku,
      locationId: a.from_location_id,
      reason: a.reason,
      recorded,
      actual: recorded - qty,
      valueMinor: Number(a.value),
    });
  }

  const all = group(obs, () => 'total', () => 'Total');
  return {
    sessions: [...sessions.values()],
    months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    overall: accuracy(total, ok),
    shrinkage: {
      total: all[0] ?? { key: 'total', label: 'Total', recorded: 0, actual: 0, shrinkUnits: 0, shrinkValueMinor: 0, shrinkPct: null },
      byPeriod: group(obs, (o) => o.period, (o) => o.period),
      byItem: group(obs, (o) => String(o.itemId), (o) => o.sku),
      byLocation: group(obs, (o) => String(o.locationId), (o) => env.locs.path(o.locationId)),
      byReason: group(obs, (o) => o.reason, (o) => o.reason),
    },
  };
}
