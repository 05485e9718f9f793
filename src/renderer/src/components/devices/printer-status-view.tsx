import { Button, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import type { PrinterStationStatus } from '../../../../shared/api/devices';
import { call } from '../../api/client';
import { formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { LastError } from './last-error';

/** What the printer last said about itself (ZPL ~HS), the queue, and the buttons to ask it again or print a test label. */
export function PrinterStatusView({ printer }: { printer: PrinterStationStatus }) {
  const [testing, setTesting] = useState(false);
  const [testError, setTestError] = useState<string>();
  const configured = printer.kind !== 'none';

  const test = async () => {
    setTesting(true);
    const r = await call('printer.test', {});
    setTesting(false);
    setTestError(r.ok ? undefined : r.error.message);
    if (r.ok) notifySuccess('Test label queued', `To ${printer.name ?? 'the printer'}`);
  };

  return (
    <>
      {configured ? (
        <Text size="sm" data-testid="printer-name">
          <b>{printer.name}</b>
          <Text span size="xs" c="dimmed">
            {' '}
            · {printer.checking ? 'asking the printer…' : printer.checkedAt ? `checked ${formatDateTime(printer.checkedAt)}` : 'not checked yet'}
          </Text>
        </Text>
      ) : null}
      {printer.problems.length ? (
        <List size="sm" c="orange.8" data-testid="printer-problems">
          {printer.problems.map((p) => (
            <List.Item key={p}>{p}</List.Item>
          ))}
        </List>
      ) : null}
      {configured ? (
        <Text size="xs" c="dimmed" data-testid="printer-queue">
          Queue: {printer.queue.queued} waiting · {printer.queue.printing} printing · {printer.queue.failed} failed
        </Text>
      ) : null}
      <LastError error={printer.lastError} />
      <Group gap="xs">
        <Button size="sm" variant="default" onClick={() => void test()} loading={testing} data-testid="printer-test">
          Test print
        </Button>
        <Button size="sm" variant="subtle" onClick={() => void call('printer.status', { refresh: true })} disabled={!configured || printer.checking}>
          Check status
        </Button>
      </Group>
      {testError ? (
        <Text size="sm" c="red">
          {testError}
        </Text>
      ) : null}
    </>
  );
}
