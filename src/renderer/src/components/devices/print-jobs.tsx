import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PrintJobInfo, PrintJobStatus } from '../../../../shared/api/devices';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { formatDateTime } from '../../lib/format';

const STATUS_COLORS: Record<PrintJobStatus, string> = { queued: 'blue', printing: 'indigo', done: 'teal', failed: 'red', cancelled: 'gray' };
const SHOWN = 12;

/** The print queue, newest first, live from `printer.job` events; a job that failed can be retried, a waiting one cancelled. */
export function PrintJobs() {
  const api = useApi('printer.jobs', {});
  const [jobs, setJobs] = useState<PrintJobInfo[]>([]);
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    if (api.data) setJobs(api.data);
  }, [api.data]);
  useEvent('printer.job', (j) => setJobs((list) => (list.some((x) => x.id === j.id) ? list.map((x) => (x.id === j.id ? j : x)) : [...list, j])));

  const act = async (id: string, what: 'cancel' | 'retry') => {
    setBusy(id);
    const r = await call(what === 'cancel' ? 'printer.cancel' : 'printer.retry', { jobId: id });
    setBusy(undefined);
    if (r.ok) setJobs((list) => list.map((x) => (x.id === id ? r.value : x)));
    setError(r.ok ? undefined : r.error.message);
  };

  const rows = [...jobs].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0)).slice(0, SHOWN);
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={4} mb="sm">
        Print jobs
      </Title>
      {error ? (
        <Text size="sm" c="red" mb="xs">
          {error}
        </Text>
      ) : null}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing printed yet.
        </Text>
      ) : (
        <Table data-testid="print-jobs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Label</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Queued</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((j) => (
              <Table.Tr key={j.id} data-testid="print-job" data-status={j.status}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {j.title}
                  </Text>
                  {j.lastError && j.status !== 'done' ? (
                    <Text size="xs" c="red">
                      {j.lastError.message}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <Badge size="sm" variant="light" color={STATUS_COLORS[j.status]}>
                      {j.status === 'queued' && j.retryAt ? 'waiting' : j.status}
                    </Badge>
                    {j.attempts > 1 || j.retryAt ? (
                      <Text size="xs" c="dimmed">
                        {j.attempts} attempt{j.attempts === 1 ? '' : 's'}
                        {j.retryAt ? ` · next ${formatDateTime(j.retryAt)}` : ''}
                      </Text>
                    ) : null}
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(j.createdAt)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={4} justify="flex-end" wrap="nowrap">
                    {j.status === 'queued' ? (
                      <Button size="compact-xs" variant="default" loading={busy === j.id} onClick={() => void act(j.id, 'cancel')}>
                        Cancel
                      </Button>
                    ) : null}
                    {j.status === 'failed' || j.status === 'cancelled' || (j.status === 'queued' && j.retryAt) ? (
                      <Button size="compact-xs" variant="light" loading={busy === j.id} onClick={() => void act(j.id, 'retry')}>
                        {j.status === 'queued' ? 'Retry now' : 'Retry'}
                      </Button>
                    ) : null}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
