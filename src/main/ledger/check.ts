import type { Output } from '../../shared/api';
import type { LedgerEnv } from './env';

/**
 * Proves the ledger from its own rows: balances equal the sum of movements, every item sums to zero over all
 * locations (double entry), open layers equal on hand in each bin (and in returns limbo, which keeps layers too),
 * reserved equals the reservation log.
 */
export function checkLedger(env: LedgerEnv, limit = 50): Output<'system.check'> {
  const db = env.sql.raw;
  const problems: string[] = [];
  const add = (rows: Record<string, unknown>[], describe: (r: Record<string, unknown>) => string) => {
    for (const r of rows.slice(0, limit - problems.length)) problems.push(describe(r));
  };
  add(
    db
      .prepare(
        `WITH flows AS (
           SELECT item_id, to_location_id AS location_id, coalesce(lot_id, 0) AS lot_key, quantity AS q FROM movements
           UNION ALL
           SELECT item_id, from_location_id, coalesce(lot_id, 0), -quantity FROM movements
         ), sums AS (SELECT item_id, location_id, lot_key, sum(q) AS q FROM flows GROUP BY 1, 2, 3)
         SELECT coalesce(s.item_id, b.item_id) AS item_id, coalesce(s.location_id, b.location_id) AS location_id,
                coalesce(s.lot_key, b.lot_key) AS lot_key, coalesce(s.q, 0) AS movements, coalesce(b.on_hand, 0) AS balance
         FROM sums s FULL OUTER JOIN balances b USING (item_id, location_id, lot_key)
         WHERE coalesce(s.q, 0) <> coalesce(b.on_hand, 0)`,
      )
      .all() as Record<string, unknown>[],
    (r) => `item ${r.item_id} at location ${r.location_id} lot ${r.lot_key}: balance ${r.balance} but movements sum to ${r.movements}`,
  );
  add(
    db.prepare(`SELECT item_id, sum(on_hand) AS total FROM balances GROUP BY item_id HAVING sum(on_hand) <> 0`).all() as Record<string, unknown>[],
    (r) => `item ${r.item_id}: balances over all locations sum to ${r.total}, not 0`,
  );
  add(
    db
      .prepare(
        `WITH layers AS (SELECT item_id, location_id, coalesce(lot_id, 0) AS lot_key, sum(remaining) AS q FROM cost_layers GROUP BY 1, 2, 3),
              bins AS (SELECT b.item_id, b.location_id, b.lot_key, b.on_hand FROM balances b JOIN locations l ON l.id = b.location_id WHERE l.kind = 'bin' OR l.virtual_kind = 'returns_limbo')
         SELECT coalesce(x.item_id, y.item_id) AS item_id, coalesce(x.location_id, y.location_id) AS location_id, coalesce(x.q, 0) AS layers, coalesce(y.on_hand, 0) AS on_hand
         FROM layers x FULL OUTER JOIN bins y USING (item_id, location_id, lot_key)
         WHERE coalesce(x.q, 0) <> coalesce(y.on_hand, 0)`,
      )
      .all() as Record<string, unknown>[],
    (r) => `item ${r.item_id} at location ${r.location_id}: open cost layers hold ${r.layers} but on hand is ${r.on_hand}`,
  );
  add(
    db
      .prepare(
        `WITH res AS (SELECT r.item_id, r.location_id, coalesce(r.lot_id, 0) AS lot_key, sum(c.delta) AS q
                      FROM reservation_changes c JOIN reservations r ON r.id = c.reservation_id GROUP BY 1, 2, 3)
         SELECT coalesce(x.item_id, b.item_id) AS item_id, coalesce(x.location_id, b.location_id) AS location_id, coalesce(x.q, 0) AS log, coalesce(b.reserved, 0) AS reserved
         FROM res x FULL OUTER JOIN balances b USING (item_id, location_id, lot_key)
         WHERE coalesce(x.q, 0) <> coalesce(b.reserved, 0)`,
      )
      .all() as Record<string, unknown>[],
    (r) => `item ${r.item_id} at location ${r.location_id}: reserved ${r.reserved} but the reservation log sums to ${r.log}`,
  );
  add(
    db
      .prepare(`SELECT r.id, r.remaining, coalesce(sum(c.delta), 0) AS log FROM reservations r LEFT JOIN reservation_changes c ON c.reservation_id = r.id GROUP BY r.id HAVING r.remaining <> coalesce(sum(c.delta), 0)`)
      .all() as Record<string, unknown>[],
    (r) => `reservation ${r.id}: remaining ${r.remaining} but its log sums to ${r.log}`,
  );
  // Landed cost (migration 0020): a layer's units leave only by consumption or revaluation, and a revalued layer is
  // worth exactly the old one plus the recorded amount, so valuation and cost of goods stay provable.
  add(
    db
      .prepare(
        `WITH c AS (SELECT layer_id, sum(quantity) AS q FROM layer_consumptions GROUP BY layer_id),
              r AS (SELECT layer_id, sum(quantity) AS q FROM cost_adjustments WHERE kind = 'revalue' GROUP BY layer_id)
         SELECT l.id, l.item_id, l.quantity_in, l.remaining, coalesce(c.q, 0) AS consumed, coalesce(r.q, 0) AS revalued
         FROM cost_layers l LEFT JOIN c ON c.layer_id = l.id LEFT JOIN r ON r.layer_id = l.id
         WHERE l.quantity_in > 0 AND l.quantity_in - l.remaining <> coalesce(c.q, 0) + coalesce(r.q, 0)`,
      )
      .all() as Record<string, unknown>[],
    (r) => `cost layer ${r.id} of item ${r.item_id}: ${r.quantity_in} in, ${r.remaining} left, but consumptions take ${r.consumed} and revaluations ${r.revalued}`,
  );
  add(
    db
      .prepare(
        `SELECT a.id, a.layer_id, a.new_layer_id FROM cost_adjustments a
         JOIN cost_layers o ON o.id = a.layer_id JOIN cost_layers n ON n.id = a.new_layer_id
         WHERE a.kind = 'revalue' AND (n.quantity_in <> a.quantity OR n.unit_cost_minor * a.quantity <> o.unit_cost_minor * a.quantity + a.amount_minor
               OR n.item_id <> o.item_id OR n.location_id <> o.location_id OR coalesce(n.lot_id, 0) <> coalesce(o.lot_id, 0))`,
      )
      .all() as Record<string, unknown>[],
    (r) => `cost adjustment ${r.id}: layer ${r.new_layer_id} is not layer ${r.layer_id} plus the amount recorded`,
  );
  const movements = Number((db.prepare('SELECT count(*) AS n FROM movements').get() as { n: number }).n);
  return { ok: problems.length === 0, problems, movements, checkedAt: env.clock.now().toISOString() };
}
