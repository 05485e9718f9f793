import { Badge, Paper, SegmentedControl, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { COUNT_SESSION_STATUSES } from '../../../../shared/api/counts';
import { useApi } from '../../hooks/use-api';
import { navigate } from '../../hooks/use-route';
import { formatDateTime } from '../../lib/format';
import { EmptyRow } from '../empty-row';

type Status = (typeof COUNT_SESSION_STATUSES)[number];
export const SESSION_STATUS: Record<Status, { label: string; color: string }> = {
  counting: { label: 'Counting', color: 'blue' },
  review: { label: 'In review', color: 'orange' },
  posted: { label: 'Posted', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

/** Count sessions, newest first; a row opens the counting screen or the review. */
export function CountSessions({ version }: { version: number }) {
  const [filter, setFilter] = useState<'all' | Status>('all');
  const list = useApi('counts.list', filter === 'all' ? {} : { status: filter });
  const { reload } = list;
  useEffect(() => {
    if (version) reload();
  }, [version, reload]);
  const rows = list.data ?? [];
  return (
    <Paper withBorder radius="md" p="md">
      <SegmentedControl
        mb="sm"
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        data={[{ value: 'all', label: 'All' }, ...(['counting', 'review', 'posted'] as const).map((s) => ({ value: s, label: SESSION_STATUS[s].label }))]}
      />
      <Table highlightOnHover verticalSpacing={8} data-testid="count-sessions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Count</Table.Th>
            <Table.Th>Covers</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Lines</Table.Th>
            <Table.Th>Started</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.length === 0 ? (
            <EmptyRow cols={5}>{list.loading ? 'Loading…' : 'No counts yet: start one with New count, or from the schedule'}</EmptyRow>
          ) : (
            rows.map((s) => (
              <Table.Tr key={s.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/counts/${s.id}`)} data-testid={`count-session-${s.number}`}>
                <Table.Td fw={700} className="mono">
                  {s.number}
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {s.scope === 'bin' ? 'Bins ' : 'Items '}
                    <span className="mono">{s.targets.join(', ')}</span>
                  </Text>
                  {s.allowFound ? (
                    <Text size="xs" c="dimmed">
                      found items allowed
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge color={SESSION_STATUS[s.status].color} variant="light">
                    {SESSION_STATUS[s.status].label}
                  </Badge>
                  {s.toApprove ? (
                    <Badge ml={6} color="red" variant="outline">
                      {s.toApprove} to approve
                    </Badge>
                  ) : null}
                  {s.toRecount ? (
                    <Badge ml={6} color="orange" variant="outline">
                      {s.toRecount} to recount
                    </Badge>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{s.linesCounted}</Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(s.createdAt)}</Text>
                </Table.Td>
              </Table.Tr>
            ))
          )}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
