import { Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Output } from '../../../../shared/api';
import { money } from '../../lib/format';

type Totals = Output<'finance.listInvoices'>['totals'][number];

/** Per currency: what is owed, how much of it is overdue, and the aging buckets (never adding two currencies). */
export function AgingSummary({ totals, owedWord }: { totals: Totals[]; owedWord: string }) {
  if (totals.length === 0) return null;
  return (
    <Stack gap="sm" mb="md">
      {totals.map((t) => {
        // The buckets count the documents with something still owed, whichever filter listed them.
        const unpaid = t.aging.reduce((n, b) => n + b.count, 0);
        return (
          <Paper key={t.currency} withBorder radius="md" p="sm" data-testid="aging-summary" data-currency={t.currency}>
            <Group justify="space-between" mb="xs" wrap="wrap">
              <Text fw={700}>
                {owedWord} {money(t.openMinor, t.currency)}{' '}
                <Text span c="dimmed" size="sm" fw={400}>
                  on {unpaid} unpaid document{unpaid === 1 ? '' : 's'}
                </Text>
              </Text>
              <Text fw={700} c={t.overdueMinor > 0 ? 'red' : 'dimmed'} data-testid="aging-overdue">
                Overdue {money(t.overdueMinor, t.currency)}
              </Text>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="xs">
              {t.aging.map((b, i) => {
                const late = i > 0 && b.openMinor > 0;
                return (
                  <Paper
                    key={b.label}
                    radius="sm"
                    p={8}
                    bg={late ? 'var(--mantine-color-red-light)' : 'var(--mantine-color-default-hover)'}
                    data-testid="aging-bucket"
                    data-label={b.label}
                    data-open={b.openMinor}
                  >
                    <Text size="xs" c={late ? 'red' : 'dimmed'} fw={600}>
                      {b.label}
                    </Text>
                    <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {money(b.openMinor, t.currency)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {b.count} document{b.count === 1 ? '' : 's'}
                    </Text>
                  </Paper>
                );
              })}
            </SimpleGrid>
          </Paper>
        );
      })}
    </Stack>
  );
}
