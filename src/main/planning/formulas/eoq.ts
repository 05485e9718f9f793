/**
 * Economic order quantity EOQ = √(2DS/H) (D annual demand in units, S cost per order, H holding cost per unit per
 * year), made orderable: the quantity must be a multiple of the pack size and at least the MOQ.
 *
 * Rounding rule (cost-minimising): the orderable quantities are the pack multiples not below the MOQ (the smallest is
 * MOQ rounded up to a pack multiple). If the EOQ is below that smallest one, order it. Otherwise compare the two pack
 * multiples either side of the EOQ and keep the one with the lower total annual cost TC(Q) = D·S/Q + H·Q/2 (ties →
 * the smaller, less stock to hold). TC is convex in Q, so the best orderable quantity is always one of these two.
 */
import { fmt, requireFinite, type Explained } from './explained';

export interface EoqInputs {
  annualDemand: number;
  orderCost: number;
  holdingCostPerUnitYear: number;
  moq?: number;
  packSize?: number;
}

export interface EoqValue {
  /** Quantity to order: orderable and cost-minimising. */
  quantity: number;
  /** Unrounded √(2DS/H). */
  eoq: number;
  /** Total annual ordering + holding cost at `quantity`. */
  annualCost: number;
  /** The orderable quantities compared, with their annual cost. */
  compared: Array<{ quantity: number; annualCost: number }>;
}

export function annualInventoryCost(q: number, annualDemand: number, orderCost: number, holdingCostPerUnitYear: number): number {
  return (annualDemand * orderCost) / q + (holdingCostPerUnitYear * q) / 2;
}

export function economicOrderQuantity(inputs: EoqInputs): Explained<EoqInputs, EoqValue> {
  const { annualDemand: d, orderCost: s, holdingCostPerUnitYear: h } = inputs;
  const moq = inputs.moq ?? 1;
  const pack = inputs.packSize ?? 1;
  requireFinite('annualDemand', d, { min: 0 });
  requireFinite('orderCost', s, { min: 0 });
  requireFinite('holdingCostPerUnitYear', h, { positive: true });
  requireFinite('moq', moq, { min: 0 });
  if (!Number.isInteger(pack) || pack < 1) throw new RangeError(`packSize must be a positive integer, got ${pack}`);
  const eoq = Math.sqrt((2 * d * s) / h);
  if (d === 0) {
    return {
      method: 'eoq',
      inputs,
      value: { quantity: 0, eoq, annualCost: 0, compared: [] },
      explanation: 'no annual demand: nothing to order',
    };
  }
  const cost = (q: number) => annualInventoryCost(q, d, s, h);
  const smallest = Math.max(pack, Math.ceil(moq / pack) * pack);
  let compared: Array<{ quantity: number; annualCost: number }>;
  if (eoq <= smallest) {
    compared = [{ quantity: smallest, annualCost: cost(smallest) }];
  } else {
    const below = Math.max(smallest, Math.floor(eoq / pack) * pack);
    const above = Math.ceil(eoq / pack) * pack;
    compared = [...new Set([below, above])].map((q) => ({ quantity: q, annualCost: cost(q) }));
  }
  const best = compared.reduce((a, b) => (b.annualCost < a.annualCost ? b : a));
  const constraint = eoq <= smallest ? ` → raised to the MOQ ${fmt(moq)} in packs of ${pack}` : ` → pack multiples ${compared.map((c) => `${c.quantity} (cost ${fmt(c.annualCost)}/yr)`).join(' vs ')}`;
  return {
    method: 'eoq',
    inputs,
    value: { quantity: best.quantity, eoq, annualCost: best.annualCost, compared },
    explanation: `√(2 × D ${fmt(d)} × S ${fmt(s)} / H ${fmt(h)}) = ${eoq.toFixed(2)}${constraint}: order ${best.quantity}`,
  };
}
