import type { ChannelRules } from './api/channels';

/**
 * What one channel shows for one listing, from the ledger's available stock (on hand − reserved over the mapped
 * warehouses' bins):
 *   available − safety buffer − keep-back (only on channels that are not the own webshop),
 *   then the share (percent, rounded DOWN, so 90 % of 1 is 0), then the maximum, then 0 when at or below the floor,
 *   never negative.
 *
 * The buffer and keep-back are taken before the share (the reference's formula takes the share first): the units
 * held back are physical units a person decided to keep, so they must not be scaled by a percentage.
 */
export function channelQuantity(available: number, rules: ChannelRules, isOwnWebshop: boolean): number {
  let q = available - rules.safetyBuffer - (isOwnWebshop ? 0 : rules.keepBack);
  if (q <= 0) return 0;
  q = Math.floor((q * rules.sharePct) / 100);
  if (rules.maxQty !== null) q = Math.min(q, rules.maxQty);
  if (q <= rules.floorQty) return 0;
  return Math.max(0, q);
}
