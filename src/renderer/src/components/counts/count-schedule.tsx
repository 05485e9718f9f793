import { Badge, Button, Checkbox, Group, Paper, Table, Text } from '@mantine/core';
import { IconClipboardCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useApi } from '../../hooks/use-api';
import { formatDateTime, formatQty } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/** What is due for a cycle count (ABC class → interval from the last posted count); pick rows to start a count of their bins. */
export function CountSchedule({ onCount }: { onCount: (binIds: number[]) => void }) {
  const [all, setAll] = useState(false);
  const s = useApi('counts.schedule', all ? { includeNotDue: true } : {});
  const [picked, setPicked] = useState<string[]>([]);
  const rows = s.data?.rows ?? [];
  const key = (r: (typeof rows)[number]) => `${r.itemId}:${r.locationId}`;
  const bins = [...new Set(rows.filter((r) => picked.includes(key(r))).map((r) => r.locationId))];
  const iv = s.data?.intervals;
  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed">
          {iv ? `Class A every ${iv.A} days, B every ${iv.B}, C every ${iv.C} (class from planning, else C). Never counted is due now.` : ' '}
        </Text>
        <Group gap="sm">
          <Checkbox label="Show not yet due" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
          <Button leftSection={<IconClipboardCheck size={16} />} disabled={!bins.length} onClick={() => onCount(bins)} data-testid="schedule-count">
            Count {bins.length} bin{bins.length === 1 ? '' : 's'}
          </Button>
        </Group>
      </Group>
      <Table verticalSpacing={6} striped data-testid="count-schedule">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={36}>
              <Checkbox
                aria-label="Select all due"
                checked={rows.length > 0 && picked.length === rows.length}
                onChange={(e) => setPicked(e.currentTarget.checked ? rows.map(key) : [])}
              />
            </Table.Th>
            <Table.Th>Bin</Table.Th>
            <Table.Th>Item</Table.Th>
            <Table.Th>Class</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th>Last counted</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow cols={7}>{s.loading ? 'Loading…' : 'Nothing is due for a count'}</EmptyRow>
          ) : (
            rows.map((r) => (
              <Table.Tr key={key(r)}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Count ${r.sku} in ${r.path}`}
                    checked={picked.includes(key(r))}
                    onChange={(e) => setPicked((cur) => (e.currentTarget.checked ? [...cur, key(r)] : cur.filter((x) => x !== key(r))))}
                  />
                </Table.Td>
                <Table.Td className="mono">{r.path}</Table.Td>
                <Table.Td>
                  <Text size="sm" className="mono">
                    {r.sku}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant={r.abcFromPlanning ? 'filled' : 'outline'} color={r.abc === 'A' ? 'red' : r.abc === 'B' ? 'orange' : 'gray'}>
                    {r.abc}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">{formatQty(r.onHand)}</Table.Td>
                <Table.Td>{r.lastCountedAt ? formatDateTime(r.lastCountedAt) : <Text c="dimmed" size="sm">never</Text>}</Table.Td>
                <Table.Td>
                  {r.daysOverdue === null ? (
                    <Badge color="red" variant="light">
                      now
                    </Badge>
                  ) : r.due ? (
                    <Badge color="red" variant="light">
                      {r.daysOverdue} day{r.daysOverdue === 1 ? '' : 's'} overdue
                    </Badge>
                  ) : (
                    <Text size="sm">in {-r.daysOverdue} days</Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
