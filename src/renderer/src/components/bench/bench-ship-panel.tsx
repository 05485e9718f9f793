import { Badge, Grid, TextInput } from '@mantine/core';
import type { RefObject } from 'react';
import type { PackView } from '../../../../shared/api/orders';
import type { LabelState, ShipFields } from './use-bench-session';

const LABEL_COLORS: Record<LabelState['state'], string> = { idle: 'gray', sending: 'blue', queued: 'blue', printing: 'blue', done: 'teal', failed: 'red' };

/** Carrier, service and tracking number (the tracking barcode can be scanned into its field), the label and the ship key. */
export function BenchShipPanel({
  view,
  fields,
  setFields,
  label,
  trackingRef,
}: {
  view: PackView;
  fields: ShipFields;
  setFields: (f: (prev: ShipFields) => ShipFields) => void;
  label: LabelState;
  trackingRef: RefObject<HTMLInputElement | null>;
}) {
  const w = view.weight;
  const set = (k: keyof ShipFields) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const v = e.currentTarget.value;
    setFields((f) => ({ ...f, [k]: v }));
  };
  return (
    <div className="bench-panel" data-testid="bench-ship">
      <div style={{ fontSize: 24, fontWeight: 600, marginBottom: 16 }} data-testid="bench-weight-result">
        {w.status === 'overridden' ? `${w.message} (measured ${w.measuredGrams ?? '—'} g)` : w.status === 'ok' ? `Weight OK: ${w.measuredGrams} g (expected ${w.expectedGrams} g)` : w.message}
      </div>
      {/* Tracking numbers run to 20+ characters: they get half the row. */}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput className="bench-big-input" label="Carrier" value={fields.carrier} onChange={set('carrier')} data-testid="bench-carrier" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <TextInput className="bench-big-input" label="Service" value={fields.service} onChange={set('service')} data-testid="bench-service" />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <TextInput ref={trackingRef} className="bench-big-input" label="Tracking number (scan or type)" value={fields.trackingNumber} onChange={set('trackingNumber')} data-testid="bench-tracking" />
        </Grid.Col>
      </Grid>
      <div style={{ marginTop: 20, display: 'flex', alignItems: 'center', gap: 16 }}>
        <span className="bench-caption">Shipping label</span>
        <Badge size="xl" color={LABEL_COLORS[label.state]} variant={label.state === 'idle' ? 'light' : 'filled'} data-testid="bench-label-state" data-state={label.state}>
          {label.state === 'idle' ? 'Not printed yet' : label.message}
        </Badge>
      </div>
    </div>
  );
}
