import { IconTruckDelivery } from '@tabler/icons-react';
import type { ShippedOrder } from './use-bench-session';

/** The last parcel out, shown until the next order is scanned, so the packer can confirm at a glance. */
export function BenchDone({ shipped }: { shipped: ShippedOrder }) {
  return (
    <div className="bench-panel" data-testid="bench-done" style={{ borderColor: 'var(--mantine-color-teal-filled)', display: 'flex', gap: 24, alignItems: 'center' }}>
      <IconTruckDelivery size={96} color="var(--mantine-color-teal-filled)" style={{ flex: 'none' }} />
      <div>
        <div className="bench-weight-figure">
          {shipped.number} shipped to {shipped.customerName}
        </div>
        <div style={{ fontSize: 26 }}>
          {shipped.carrier} {shipped.service} · tracking <b data-testid="bench-done-tracking">{shipped.trackingNumber}</b> · {shipped.weightGrams} g
        </div>
      </div>
    </div>
  );
}
