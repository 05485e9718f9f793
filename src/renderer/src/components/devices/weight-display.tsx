import { Badge, Group, Stack, Text } from '@mantine/core';
import type { ScaleState, ScaleWeight } from '../../../../shared/api/devices';

const STATE_VIEW: Record<ScaleState, { color: string; label: string }> = {
  stable: { color: 'teal', label: 'Stable' },
  motion: { color: 'yellow', label: 'In motion' },
  overload: { color: 'red', label: 'Overload' },
  underload: { color: 'red', label: 'Underload' },
  zero: { color: 'blue', label: 'Zero' },
  error: { color: 'red', label: 'Error' },
};

/** The live weight as the scale shows it, big enough to read from across the bench. */
export function WeightDisplay({ weight }: { weight: ScaleWeight | null }) {
  const v = weight ? STATE_VIEW[weight.state] : null;
  const shown = weight?.value ?? '—';
  return (
    <Stack gap={4} align="flex-start" data-testid="scale-weight" data-state={weight?.state ?? 'none'}>
      <Group gap="xs" align="baseline" wrap="nowrap">
        <Text fz={44} fw={700} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }} c={weight && !weight.stable ? 'dimmed' : undefined} data-testid="scale-weight-value">
          {shown}
        </Text>
        {weight?.unit || weight?.unitRaw ? (
          <Text fz={22} fw={600} c="dimmed">
            {weight.unit ?? weight.unitRaw}
          </Text>
        ) : null}
      </Group>
      {weight && v ? (
        <Group gap="xs">
          <Badge color={v.color} variant="filled" data-testid="scale-weight-state">
            {v.label}
          </Badge>
          <Text size="xs" c="dimmed" className="mono">
            {weight.raw}
          </Text>
        </Group>
      ) : (
        <Text size="sm" c="dimmed">
          No reading yet
        </Text>
      )}
    </Stack>
  );
}
