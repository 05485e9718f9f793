import { Anchor, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { formatDateTime } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/**
 * Items whose reorder numbers moved more than the threshold in a recompute. The routine runs on its own; this list is
 * what a person has to look at, and "Seen" takes an item off it.
 */
export function PlanningExceptions({ onExplain }: { onExplain: (e: { itemId: number; sku: string; name: string }) => void }) {
  const list = useApi('planning.exceptions', { status: 'open', limit: 200 });
  useEvent('planning.changed', () => list.reload());
  const [busy, setBusy] = useState(false);
  const rows = list.data ?? [];
  const ack = async (ids: number[]) => {
    setBusy(true);
    await call('planning.acknowledge', { ids });
    setBusy(false);
    list.reload();
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="planning-exceptions">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Needs a look</Title>
        {rows.length ? (
          <Button size="xs" variant="subtle" loading={busy} onClick={() => void ack(rows.map((r) => r.id))}>
            Mark all seen
          </Button>
        ) : null}
      </Group>
      <Table verticalSpacing={6}>
        <Table.Tbody>
          {rows.length === 0 && !list.loading ? <EmptyRow cols={4}>No big moves in the last recomputes.</EmptyRow> : null}
          {rows.map((e) => (
            <Table.Tr key={e.id} data-testid="exception-row">
              <Table.Td>
                <Anchor component="button" size="sm" fw={600} className="mono" onClick={() => onExplain(e)}>
                  {e.sku}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDateTime(e.createdAt)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {e.field}: {e.oldValue} → {e.newValue}{' '}
                  <Badge size="xs" color={e.changePct > 0 ? 'orange' : 'blue'} variant="light">
                    {e.changePct > 0 ? '+' : ''}
                    {Math.round(e.changePct)}%
                  </Badge>
                </Text>
                <Text size="xs" c="dimmed">
                  {e.reason}
                </Text>
              </Table.Td>
              <Table.Td ta="right">
                <Button size="compact-xs" variant="default" onClick={() => void ack([e.id])} disabled={busy}>
                  Seen
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
