import { IconAlertOctagonFilled } from '@tabler/icons-react';
import type { Refusal } from './use-bench-session';

const TITLES: Record<string, string> = {
  WRONG_ITEM: 'Wrong item',
  WRONG_LOT: 'Wrong lot',
  OVER_SCAN: 'Too many',
  LOT_REQUIRED: 'Lot needed',
  WEIGHT_MISMATCH: 'Weight does not match',
  UNKNOWN_ORDER: 'Unknown order',
  ORDER_STATUS: 'Cannot pack this order',
};

/** The loud refusal: stays until the next good action (or Esc), so a packer who looked away still reads it. */
export function BenchRefusal({ refusal }: { refusal: Refusal | null }) {
  if (!refusal) return null;
  return (
    // Keyed by seq: the same refusal twice shakes again.
    <div key={refusal.seq} className="bench-refusal" role="alert" data-testid="bench-refusal" data-code={refusal.code}>
      <IconAlertOctagonFilled size={72} style={{ flex: 'none' }} />
      <div>
        <div className="bench-refusal-title">
          {TITLES[refusal.code] ?? 'Refused'} · {refusal.code === 'WEIGHT_MISMATCH' ? 'cannot ship until re-weighed or overridden' : 'nothing was changed'}
        </div>
        <div className="bench-refusal-message" data-testid="bench-refusal-message">
          {refusal.message}
        </div>
      </div>
    </div>
  );
}
