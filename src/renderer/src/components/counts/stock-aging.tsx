import { Badge, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { formatDateTime, formatQty, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { StatTile } from '../stat-tile';

/** Stock by age (FIFO receipt dates, kept across transfers), dead stock and clearance suggestions. */
export function StockAging() {
  const { currency } = useSettings();
  const a = useApi('counts.aging', {});
  const d = a.data;
  if (!d) return <Text c="dimmed">{a.error?.message ?? 'Loading…'}</Text>;
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: Math.min(d.buckets.length, 6) }} spacing="md" mb="md" data-testid="aging-buckets">
        {d.buckets.map((b) => (
          <StatTile key={b.label} label={`${b.label} days`} value={money(b.valueMinor, currency)} hint={`${formatQty(b.quantity)} units`} />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Dead stock (no sale in 180 days)
          </Title>
          <Table verticalSpacing={4} data-testid="aging-dead">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th ta="right">Units</Table.Th>
                <Table.Th ta="right">Value</Table.Th>
                <Table.Th>Last sale</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.dead.length === 0 ? (
                <EmptyRow cols={4}>No dead stock</EmptyRow>
              ) : (
                d.dead.map((r) => (
                  <Table.Tr key={r.itemId}>
                    <Table.Td className="mono">{r.sku}</Table.Td>
                    <Table.Td ta="right">{formatQty(r.quantity)}</Table.Td>
                    <Table.Td ta="right">{money(r.valueMinor, currency)}</Table.Td>
                    <Table.Td>{r.lastSaleAt ? formatDateTime(r.lastSaleAt) : 'never'}</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <Title order={5} mb="xs">
            Clearance suggestions
          </Title>
          <Table verticalSpacing={4} data-testid="aging-clearance">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th ta="right">Units</Table.Th>
                <Table.Th ta="right">Value</Table.Th>
                <Table.Th ta="right">Oldest</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.clearance.length === 0 ? (
                <EmptyRow cols={4}>Nothing old enough to clear</EmptyRow>
              ) : (
                d.clearance.map((r) => (
                  <Table.Tr key={r.itemId}>
                    <Table.Td className="mono">
                      {r.sku}{' '}
                      {r.dead ? (
                        <Badge size="xs" color="red" variant="light">
                          dead
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">{formatQty(r.quantity)}</Table.Td>
                    <Table.Td ta="right">{money(r.valueMinor, currency)}</Table.Td>
                    <Table.Td ta="right">{r.oldestAgeDays} days</Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Paper>
      </SimpleGrid>
      <Paper withBorder radius="md" p="md" mt="md">
        <Title order={5} mb="xs">
          By item and bin
        </Title>
        <Table verticalSpacing={4} striped data-testid="aging-rows">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Item</Table.Th>
              <Table.Th>Bin</Table.Th>
              {d.buckets.map((b) => (
                <Table.Th key={b.label} ta="right">
                  {b.label}
                </Table.Th>
              ))}
              <Table.Th ta="right">Value</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {d.rows.length === 0 ? (
              <EmptyRow cols={d.buckets.length + 3}>No stock</EmptyRow>
            ) : (
              d.rows.map((r) => (
                <Table.Tr key={`${r.itemId}:${r.locationId}`}>
                  <Table.Td className="mono">{r.sku}</Table.Td>
                  <Table.Td className="mono">{r.path}</Table.Td>
                  {r.buckets.map((b, i) => (
                    <Table.Td key={i} ta="right" c={b.quantity ? undefined : 'dimmed'}>
                      {b.quantity ? formatQty(b.quantity) : '·'}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{money(r.valueMinor, currency)}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </>
  );
}
