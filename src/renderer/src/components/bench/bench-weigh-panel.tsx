import { Badge, Group, SimpleGrid, TextInput } from '@mantine/core';
import type { RefObject } from 'react';
import type { ScaleWeight } from '../../../../shared/api/devices';
import type { PackView } from '../../../../shared/api/orders';

export interface WeighPanelProps {
  view: PackView;
  /** The live reading, or null without a connected scale. */
  live: ScaleWeight | null;
  scaleConnected: boolean;
  manualGrams: string;
  setManualGrams: (v: string) => void;
  manualRef: RefObject<HTMLInputElement | null>;
  overriding: boolean;
  reason: string;
  setReason: (v: string) => void;
  reasonRef: RefObject<HTMLInputElement | null>;
  onOverride: () => void;
}

const g = (n: number | null): string => (n === null ? '—' : `${n} g`);

/** The live scale reading against the expected parcel weight; a mismatch blocks until re-weighed or overridden. */
export function BenchWeighPanel(p: WeighPanelProps) {
  const w = p.view.weight;
  const mismatch = w.status === 'mismatch';
  const liveGrams = p.live?.milligrams != null ? Math.round(p.live.milligrams / 1000) : null;
  return (
    <div className="bench-panel" data-testid="bench-weigh" data-weight-status={w.status} style={mismatch ? { borderColor: 'var(--mantine-color-red-filled)' } : undefined}>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <div>
          <div className="bench-caption">On the scale</div>
          {p.scaleConnected ? (
            <>
              <div className="bench-weight-live" data-testid="bench-live-weight" data-grams={liveGrams ?? ''} data-stable={p.live?.stable ?? false}>
                {p.live?.value != null ? `${p.live.value} ${p.live.unit ?? ''}` : '—'}
              </div>
              <Badge size="xl" mt="xs" color={p.live?.stable ? 'teal' : 'yellow'} variant="filled">
                {p.live ? (p.live.stable ? 'Stable' : p.live.state === 'motion' ? 'Settling…' : p.live.state) : 'Waiting for a reading'}
              </Badge>
            </>
          ) : (
            <TextInput
              ref={p.manualRef}
              className="bench-big-input"
              mt="xs"
              label="No scale connected: type the weight in grams, then F4"
              inputMode="numeric"
              value={p.manualGrams}
              onChange={(e) => p.setManualGrams(e.currentTarget.value.replace(/\D/g, ''))}
              data-testid="bench-manual-grams"
            />
          )}
        </div>
        <div>
          <div className="bench-caption">Expected</div>
          <div className="bench-weight-figure" data-testid="bench-expected-weight">
            {g(w.expectedGrams)}
            {w.toleranceGrams !== null ? <span style={{ fontSize: 24, fontWeight: 600 }}> ± {w.toleranceGrams} g</span> : null}
          </div>
          <div className="bench-caption" style={{ marginTop: 12 }}>
            Measured
          </div>
          <div className="bench-weight-figure" data-testid="bench-measured-weight" style={mismatch ? { color: 'var(--mantine-color-red-text)' } : undefined}>
            {g(w.measuredGrams)}
            {w.differenceGrams !== null && w.differenceGrams !== 0 ? (
              <span style={{ fontSize: 24, fontWeight: 600 }}>
                {' '}
                ({w.differenceGrams > 0 ? '+' : ''}
                {w.differenceGrams} g)
              </span>
            ) : null}
          </div>
          {w.missingWeights.length ? <div style={{ fontSize: 20, marginTop: 8 }}>No weight on file for {w.missingWeights.join(', ')}: only an override lets it go.</div> : null}
        </div>
      </SimpleGrid>
      {mismatch && p.overriding ? (
        <Group mt="lg" align="flex-end">
          <TextInput
            ref={p.reasonRef}
            className="bench-big-input"
            style={{ flex: 1 }}
            label="Why may this parcel ship anyway? Enter to override, Esc to cancel"
            value={p.reason}
            onChange={(e) => p.setReason(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && p.reason.trim()) p.onOverride();
            }}
            data-testid="bench-override-reason"
          />
        </Group>
      ) : null}
    </div>
  );
}
