import { Alert, Badge, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ItemPlan } from '../../../../shared/api';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { formatDateTime, money } from '../../lib/format';

const num = (n: number | null | undefined, digits = 2): string => (n === null || n === undefined ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits));

/** Inputs of a formula as "name = value" chips: a person checks the arithmetic against them. */
function Inputs({ inputs }: { inputs: Record<string, unknown> }) {
  const entries = Object.entries(inputs);
  if (!entries.length) return null;
  return (
    <Group gap={6} mt={4}>
      {entries.map(([k, v]) => (
        <Badge key={k} variant="outline" color="gray" tt="none" fw={500}>
          {k} = {typeof v === 'number' ? num(v, 4) : typeof v === 'string' ? v : JSON.stringify(v)}
        </Badge>
      ))}
    </Group>
  );
}

function Section({ title, result, children, testId }: { title: string; result?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <Stack gap={4} data-testid={testId}>
      <Group justify="space-between" align="baseline">
        <Title order={5}>{title}</Title>
        {result ? (
          <Text fw={700} size="sm">
            {result}
          </Text>
        ) : null}
      </Group>
      {children}
    </Stack>
  );
}

const Explain = ({ children }: { children: ReactNode }) => (
  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
    {children}
  </Text>
);

function PlanBody({ p }: { p: ItemPlan }) {
  const { currency } = useSettings();
  const fc = p.forecast;
  return (
    <Stack gap="md" data-testid="item-plan">
      <Text size="xs" c="dimmed">
        Computed {formatDateTime(p.computedAt)} · preferred supplier {p.supplier?.name ?? 'none'}
      </Text>
      <SimpleGrid cols={4}>
        {[
          ['Safety stock', p.safetyStock.units],
          ['Reorder point', p.reorderPoint.units],
          ['Order qty (EOQ)', p.eoq.orderQuantity],
          ['Class', `${p.abc.class}${p.xyz.class}`],
        ].map(([l, v]) => (
          <Stack key={l} gap={0}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {l}
            </Text>
            <Text fz={22} fw={700}>
              {v}
            </Text>
          </Stack>
        ))}
      </SimpleGrid>
      <Divider />
      <Section title="Demand history" result={`${num(p.history.avgDaily)} / day`} testId="plan-history">
        <Explain>{p.history.explanation}</Explain>
        <Inputs inputs={{ days: p.history.days, 'units sold': p.history.unitsSold, imported: p.history.importedUnits, 'stockout days': p.history.stockoutDays, 'σ daily': p.history.sdDaily, 'max daily': p.history.maxDaily }} />
      </Section>
      <Section title="Forecast" result={`${fc.method} · MASE ${fc.mase !== null ? num(fc.mase, 3) : 'n/a (no backtest)'}`} testId="plan-forecast">
        <Explain>{fc.explanation}</Explain>
        <Inputs inputs={{ pattern: fc.pattern, 'per day': fc.perDay, ...(fc.rmsse !== null && { RMSSE: fc.rmsse }), ...(fc.seasonLength !== null && { season: fc.seasonLength }), ...fc.params }} />
        {fc.candidates.some((c) => c.origins > 0) ? (
          <Table verticalSpacing={2} fz="xs" mt={4} withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Method tried</Table.Th>
                <Table.Th ta="right">MASE</Table.Th>
                <Table.Th ta="right">RMSSE</Table.Th>
                <Table.Th ta="right">Origins</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fc.candidates.map((c) => (
                <Table.Tr key={c.method} fw={c.method === fc.method ? 700 : undefined}>
                  <Table.Td>{c.method}</Table.Td>
                  <Table.Td ta="right">{num(c.mase, 3)}</Table.Td>
                  <Table.Td ta="right">{num(c.rmsse, 3)}</Table.Td>
                  <Table.Td ta="right">{c.origins}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
      </Section>
      <Section title="Demand used" result={`${num(p.demand.avgDaily)} / day · ${num(p.demand.annual, 0)} / year`}>
        <Explain>{p.demand.explanation}</Explain>
      </Section>
      <Section title="Lead time" result={`${num(p.leadTime.used.days, 1)} days (${p.leadTime.used.source})`}>
        <Explain>{p.leadTime.explanation}</Explain>
      </Section>
      <Section title="ABC / XYZ" result={`${p.abc.class} / ${p.xyz.class} · service level ${(p.serviceLevel * 100).toFixed(1)}%`} testId="plan-abc">
        <Explain>{p.abc.explanation}</Explain>
        <Explain>{p.xyz.explanation}</Explain>
      </Section>
      <Section title={`Safety stock (${p.safetyStock.method})`} result={`${num(p.safetyStock.value)} → ${p.safetyStock.units} units`} testId="plan-safety-stock">
        <Explain>{p.safetyStock.explanation}</Explain>
        <Inputs inputs={p.safetyStock.inputs} />
      </Section>
      <Section title="Reorder point" result={`${num(p.reorderPoint.value)} → ${p.reorderPoint.units} units`} testId="plan-rop">
        <Explain>{p.reorderPoint.explanation}</Explain>
        <Inputs inputs={p.reorderPoint.inputs} />
      </Section>
      <Section title="Order quantity (EOQ)" result={`${num(p.eoq.value)} → ${p.eoq.orderQuantity} units`} testId="plan-eoq">
        <Explain>{p.eoq.explanation}</Explain>
        <Inputs inputs={{ ...p.eoq.inputs, 'unit cost': money(p.eoq.unitCostMinor, currency), MOQ: p.eoq.moq ?? '—', pack: p.eoq.packSize ?? '—' }} />
      </Section>
    </Stack>
  );
}

/** Why the planner says what it says for one item: every input, the method and the result, formula by formula. */
export function ItemPlanDrawer({ item, onClose }: { item: { itemId: number; sku: string; name: string } | null; onClose: () => void }) {
  const plan = useApi('planning.item', item ? { itemId: item.itemId } : null);
  return (
    <Drawer opened={item !== null} onClose={onClose} position="right" size="xl" title={item ? `${item.sku} · ${item.name}: how the numbers are worked out` : ''}>
      {plan.error ? <Alert color="red">{plan.error.message}</Alert> : plan.data && item && plan.data.itemId === item.itemId ? <PlanBody p={plan.data} /> : <Loader />}
    </Drawer>
  );
}
