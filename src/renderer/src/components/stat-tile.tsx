import { Paper, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One headline number with its label. */
export function StatTile({ label, value, hint, testId, color }: { label: string; value: ReactNode; hint?: ReactNode; testId?: string; color?: string }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz={28} fw={700} mt={4} c={color} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      ) : null}
    </Paper>
  );
}
