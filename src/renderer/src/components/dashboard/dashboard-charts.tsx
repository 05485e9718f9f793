import { AreaChart, BarChart, DonutChart } from '@mantine/charts';
import { Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/api';
import { minorDigits } from '../../../../shared/money';
import { formatDate, money } from '../../lib/format';

/** Money for chart axes: compact (£118K), in major units. */
export function compactMoney(currency: string): (major: number) => string {
  const f = new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (v) => f.format(v);
}
const toMajor = (minor: number, currency: string) => minor / 10 ** minorDigits(currency);
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const dayLabel = (ymd: string) => shortDay.format(new Date(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10))));

export function ChartCard({ title, hint, children, testId, right }: { title: string; hint?: ReactNode; children: ReactNode; testId?: string; right?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" h="100%" data-testid={testId}>
      <Group justify="space-between" align="flex-start" mb="sm" wrap="nowrap">
        <Stack gap={0}>
          <Title order={5}>{title}</Title>
          {hint ? (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </Stack>
        {right}
      </Group>
      {children}
    </Paper>
  );
}

export function StockValueChart({ d, currency }: { d: Dashboard; currency: string }) {
  const data = d.valueSeries.map((p) => ({ day: dayLabel(p.day), value: toMajor(p.valueMinor, currency), units: p.quantity }));
  const first = d.valueSeries[0];
  const last = d.valueSeries[d.valueSeries.length - 1];
  return (
    <ChartCard
      title="Stock value over time"
      hint={`Closing FIFO value each day, ${formatDate(d.from)} – ${formatDate(d.to)}`}
      testId="chart-stock-value"
      right={
        last ? (
          <Stack gap={0} align="flex-end">
            <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {money(last.valueMinor, currency)}
            </Text>
            <Text size="xs" c="dimmed">
              {first ? `from ${money(d.summary.openingValueMinor, currency)}` : ''}
            </Text>
          </Stack>
        ) : null
      }
    >
      <AreaChart
        h={300}
        data={data}
        dataKey="day"
        series={[{ name: 'value', label: 'Stock value', color: 'indigo.6' }]}
        curveType="linear"
        withDots={false}
        withGradient
        fillOpacity={0.3}
        valueFormatter={compactMoney(currency)}
        yAxisProps={{ width: 64 }}
        xAxisProps={{ minTickGap: 28 }}
        gridAxis="y"
      />
    </ChartCard>
  );
}

export function SellThroughChart({ d }: { d: Dashboard }) {
  const data = d.sellThroughByCategory.map((c) => ({ category: c.category, sellThrough: c.sellThroughPct === null ? 0 : Math.round(c.sellThroughPct * 10) / 10 }));
  return (
    <ChartCard title="Sell-through by category" hint="Units sold ÷ units received × 100 in the period" testId="chart-sell-through">
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing was sold or received in this period.
        </Text>
      ) : (
        <BarChart
          h={Math.max(160, data.length * 30 + 40)}
          data={data}
          dataKey="category"
          orientation="vertical"
          series={[{ name: 'sellThrough', label: 'Sell-through', color: 'teal.6' }]}
          valueFormatter={(v) => `${v.toFixed(1)}%`}
          barChartProps={{ margin: { right: 36 } }}
          yAxisProps={{ width: 150 }}
          xAxisProps={{ domain: [0, (max: number) => Math.max(100, Math.ceil(max / 10) * 10)] }}
          gridAxis="x"
          withBarValueLabel
          valueLabelProps={{ position: 'right', fontSize: 11 }}
          barProps={{ radius: 2 }}
          maxBarWidth={18}
        />
      )}
    </ChartCard>
  );
}

const ABC_COLORS = { A: 'indigo.6', B: 'cyan.5', C: 'gray.5' } as const;

export function AbcChart({ d, currency }: { d: Dashboard; currency: string }) {
  const total = d.abc.classes.reduce((s, c) => s + c.items, 0);
  const hint = d.abc.source === 'planning' ? 'Planning classes by share of revenue (last recompute)' : 'Classified by revenue in this period (planning has not run yet)';
  return (
    <ChartCard title="ABC split" hint={hint} testId="chart-abc">
      <Group align="center" gap="lg" wrap="nowrap">
        <DonutChart
          size={150}
          thickness={24}
          data={d.abc.classes.map((c) => ({ name: `Class ${c.class}`, value: c.items, color: ABC_COLORS[c.class] }))}
          chartLabel={`${total} items`}
          tooltipDataSource="segment"
          valueFormatter={(v) => `${v} items`}
        />
        <Table verticalSpacing={4} fz="sm" style={{ flex: 1 }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Class</Table.Th>
              <Table.Th className="num">Items</Table.Th>
              <Table.Th className="num">Revenue</Table.Th>
              <Table.Th className="num">Stock value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.abc.classes.map((c) => (
              <Table.Tr key={c.class} data-testid="abc-row" data-class={c.class}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <span style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${ABC_COLORS[c.class].replace('.', '-')})` }} />
                    {c.class}
                  </Group>
                </Table.Td>
                <Table.Td className="num">{c.items}</Table.Td>
                <Table.Td className="num">{c.revenueShare.toFixed(1)} %</Table.Td>
                <Table.Td className="num">{money(c.stockValueMinor, currency)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Group>
    </ChartCard>
  );
}

export function AgingChart({ d, currency }: { d: Dashboard; currency: string }) {
  const data = d.aging.buckets.map((b) => ({ bucket: `${b.label} d`, value: toMajor(b.valueMinor, currency), units: b.quantity }));
  return (
    <ChartCard title="Stock aging" hint="Value at cost by days since receipt (FIFO layers, today)" testId="chart-aging">
      <BarChart
        h={220}
        data={data}
        dataKey="bucket"
        series={[{ name: 'value', label: 'Value at cost', color: 'grape.6' }]}
        valueFormatter={compactMoney(currency)}
        yAxisProps={{ width: 64 }}
        gridAxis="y"
        barProps={{ radius: 2 }}
        maxBarWidth={48}
      />
    </ChartCard>
  );
}
