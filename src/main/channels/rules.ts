export { channelQuantity } from '../../shared/channel-rules';

/** Exponential backoff with full jitter: a random wait in [0, min(cap, base × 2^(failures−1))]. */
export function backoffMs(failures: number, random: () => number, baseMs = 2000, capMs = 15 * 60_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(30, failures - 1)));
  return Math.floor(random() * ceiling);
}
