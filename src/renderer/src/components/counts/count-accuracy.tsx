import { Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { Output } from '../../../../shared/api';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { formatQty, money, REASON_LABELS } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { StatTile } from '../stat-tile';

type Shrink = Output<'counts.accuracy'>['shrinkage']['total'];
const pct = (n: number | null): string => (n === null ? '–' : `${n} %`);

function ShrinkTable({ title, rows, testId }: { title: string; rows: Shrink[]; testId: string }) {
  const { currency } = useSettings();
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={5} mb="xs">
        {title}
      </Title>
      <Table verticalSpacing={4} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">Recorded</Table.Th>
            <Table.Th ta="right">Actual</Table.Th>
            <Table.Th ta="right">Shrink</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow cols={5}>No counts or losses in this period</EmptyRow>
          ) : (
            rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td className="mono">{REASON_LABELS[r.label as keyof typeof REASON_LABELS] ?? r.label}</Table.Td>
                <Table.Td ta="right">{formatQty(r.recorded)}</Table.Td>
                <Table.Td ta="right">{formatQty(r.actual)}</Table.Td>
                <Table.Td ta="right" c={r.shrinkUnits > 0 ? 'red' : undefined}>
                  {pct(r.shrinkPct)}
                </Table.Td>
                <Table.Td ta="right">{money(r.shrinkValueMinor, currency)}</Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** Inventory record accuracy per count and month, and shrinkage % = (recorded − actual) ÷ recorded by period, item, bin and reason. */
export function CountAccuracy() {
  const { currency } = useSettings();
  const a = useApi('counts.accuracy', {});
  const d = a.data;
  if (!d) return <Text c="dimmed">{a.error?.message ?? 'Loading…'}</Text>;
  const t = d.shrinkage.total;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" mb="md">
        <StatTile label="Record accuracy" value={pct(d.overall.accuracyPct)} hint={`${d.overall.linesWithinTolerance} of ${d.overall.linesCounted} counted lines exact`} testId="accuracy-overall" />
        <StatTile label="Shrinkage" value={pct(t.shrinkPct)} hint="(recorded − actual) ÷ recorded" color={t.shrinkUnits > 0 ? 'red' : undefined} testId="accuracy-shrink" />
        <StatTile label="Units lost" value={formatQty(t.shrinkUnits)} hint="Count variances and loss adjustments" />
        <StatTile label="Value lost" value={money(t.shrinkValueMinor, currency)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Accuracy per count
          </Title>
          <Table verticalSpacing={4} data-testid="accuracy-sessions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Count</Table.Th>
                <Table.Th ta="right">Lines</Table.Th>
                <Table.Th ta="right">Exact</Table.Th>
                <Table.Th ta="right">Accuracy</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.sessions.length === 0 ? (
                <EmptyRow cols={4}>No posted counts yet</EmptyRow>
              ) : (
                d.sessions.map((s) => (
                  <Table.Tr key={s.sessionId}>
                    <Table.Td className="mono">{s.number}</Table.Td>
                    <Table.Td ta="right">{s.linesCounted}</Table.Td>
                    <Table.Td ta="right">{s.linesWithinTolerance}</Table.Td>
                    <Table.Td ta="right">{pct(s.accuracyPct)}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Paper>
        <ShrinkTable title="Shrinkage by month" rows={d.shrinkage.byPeriod} testId="shrink-period" />
        <ShrinkTable title="Shrinkage by item" rows={d.shrinkage.byItem} testId="shrink-item" />
        <ShrinkTable title="Shrinkage by reason" rows={d.shrinkage.byReason} testId="shrink-reason" />
      </SimpleGrid>
    </>
  );
}
