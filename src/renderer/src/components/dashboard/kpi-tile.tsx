import { ActionIcon, Divider, Group, Paper, Popover, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { KpiResultDto } from '../../../../shared/api';
import { Sparkline } from './lazy-charts';
import { formatKpi, formatKpiInput, friendlyReason, HIGHER_IS_BETTER, KPI_SHORT } from './kpi-format';

/** The trend's colour: green when the KPI moved the good way over the year, red when the bad way. */
function trendColor(key: KpiResultDto['key'], values: (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null);
  const better = HIGHER_IS_BETTER[key];
  if (known.length < 2 || better === undefined) return 'gray';
  const delta = known[known.length - 1]! - known[0]!;
  if (Math.abs(delta) < 1e-9) return 'gray';
  return delta > 0 === better ? 'teal' : 'red';
}

/** The formula and every input of a KPI, so the number can be checked by hand. */
export function KpiExplain({ kpi, currency, periodLabel }: { kpi: KpiResultDto; currency: string; periodLabel: string }) {
  return (
    <Stack gap={6} maw={360} data-testid="kpi-explain">
      <Text fw={700} size="sm">
        {kpi.label}
      </Text>
      <Text size="xs" c="dimmed">
        {periodLabel}
      </Text>
      <Text size="sm" ff="monospace">
        {kpi.formula}
      </Text>
      <Divider />
      <Table withRowBorders={false} verticalSpacing={2} fz="xs">
        <Table.Tbody>
          {Object.entries(kpi.inputs).map(([k, v]) => {
            const f = formatKpiInput(kpi.key, k, v, currency);
            return (
              <Table.Tr key={k}>
                <Table.Td c="dimmed" pl={0}>
                  {f.label}
                </Table.Td>
                <Table.Td className="num" pr={0}>
                  {f.text}
                </Table.Td>
              </Table.Tr>
            );
          })}
          <Table.Tr>
            <Table.Td pl={0} fw={700}>
              = {KPI_SHORT[kpi.key] ?? kpi.label}
            </Table.Td>
            <Table.Td className="num" pr={0} fw={700}>
              {formatKpi(kpi.value, kpi.unit)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      {kpi.reason ? (
        <Text size="xs" c="orange.7">
          Not computed: {kpi.reason}.
        </Text>
      ) : null}
    </Stack>
  );
}

/** The KPIs computed from invoices and bills link to the documents behind them. */
const FINANCE_LINKS: Partial<Record<KpiResultDto['key'], string>> = {
  daysSalesOutstanding: '#/finance',
  daysPayableOutstanding: '#/finance?tab=payables',
  cashConversionCycle: '#/finance',
};

export function KpiTile({ kpi, trend, months, currency, periodLabel }: { kpi: KpiResultDto; trend: (number | null)[]; months: string[]; currency: string; periodLabel: string }) {
  const known = trend.filter((v) => v !== null).length;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="kpi-tile" data-kpi={kpi.key}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text
          size="xs"
          c="dimmed"
          tt="uppercase"
          fw={700}
          style={{ letterSpacing: '0.04em' }}
          truncate
          {...(FINANCE_LINKS[kpi.key] ? { component: 'a' as const, href: FINANCE_LINKS[kpi.key], td: 'underline', title: 'Open receivables & payables' } : {})}
        >
          {KPI_SHORT[kpi.key] ?? kpi.label}
        </Text>
        <Popover width={380} position="bottom" withArrow shadow="md">
          <Popover.Target>
            <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`How ${kpi.label} is computed`} data-testid={`kpi-info-${kpi.key}`}>
              <IconInfoCircle size={16} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <KpiExplain kpi={kpi} currency={currency} periodLabel={periodLabel} />
          </Popover.Dropdown>
        </Popover>
      </Group>
      <Text fz={24} fw={700} mt={2} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`kpi-value-${kpi.key}`} data-value={kpi.value ?? ''}>
        {formatKpi(kpi.value, kpi.unit)}
      </Text>
      {kpi.value === null && kpi.reason ? (
        <Text size="xs" c="dimmed" lineClamp={1} title={kpi.reason}>
          {friendlyReason(kpi)}
        </Text>
      ) : (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {kpi.formula}
        </Text>
      )}
      {known >= 2 ? (
        <>
          <Sparkline h={36} mt={6} data={trend} connectNulls curveType="monotone" color={trendColor(kpi.key, trend)} fillOpacity={0.25} strokeWidth={1.5} aria-label={`${kpi.label} by month`} />
          <Group justify="space-between" gap={0}>
            <Text size="10px" c="dimmed">
              {months[0]}
            </Text>
            <Text size="10px" c="dimmed">
              {months[months.length - 1]}
            </Text>
          </Group>
        </>
      ) : (
        <Text size="xs" c="dimmed" mt={6} h={50}>
          No monthly values to draw
        </Text>
      )}
    </Paper>
  );
}
