import { Alert, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { DetectedDevice, DeviceInventory } from '../../../../shared/api/devices';
import { formatDateTime } from '../../lib/format';
import { DeviceStateBadge } from './device-state-badge';

const KIND_LABELS: Record<DetectedDevice['kind'], string> = { 'hid-scanner': 'HID scanner', 'hid-scale': 'HID scale', 'serial-port': 'Serial port', printer: 'Label printer' };

/** What this computer has plugged in (and the configured printer), with why a kind of device could not be listed. */
export function DetectedDevices({ inventory, onRefresh, refreshing }: { inventory: DeviceInventory | undefined; onRefresh: () => void; refreshing: boolean }) {
  const devices = inventory?.devices ?? [];
  return (
    <Paper withBorder radius="md" p="lg" data-testid="detected-devices">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Detected hardware</Title>
        <Button size="xs" variant="default" leftSection={<IconRefresh size={14} />} onClick={onRefresh} loading={refreshing} data-testid="devices-refresh">
          Refresh
        </Button>
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {inventory?.scannedAt ? `Looked ${formatDateTime(inventory.scannedAt)}` : 'Looking for devices…'}
      </Text>
      {inventory?.hidReason ? (
        <Alert color="yellow" variant="light" p="xs" mb="xs" data-testid="hid-reason">
          <Text size="sm">{inventory.hidReason}</Text>
        </Alert>
      ) : null}
      {inventory?.serialReason ? (
        <Alert color="yellow" variant="light" p="xs" mb="xs" data-testid="serial-reason">
          <Text size="sm">{inventory.serialReason}</Text>
        </Alert>
      ) : null}
      {devices.length === 0 ? (
        <Text size="sm" c="dimmed">
          {inventory?.scannedAt ? 'No USB HID scanners or scales and no serial ports found.' : ''}
        </Text>
      ) : (
        <Table>
          <Table.Tbody>
            {devices.map((d) => {
              // Serial ports often have no product name; the enumeration then repeats the path as the name.
              const title = d.name && d.name !== d.path ? d.name : KIND_LABELS[d.kind];
              return (
              <Table.Tr key={`${d.kind}:${d.path}`} data-testid="detected-device" data-kind={d.kind}>
                <Table.Td>
                  <Group gap={6}>
                    <Text size="sm" fw={500}>
                      {title}
                    </Text>
                    {d.assigned ? (
                      <Badge size="xs" variant="light">
                        this station
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed" className="mono">
                    {title === KIND_LABELS[d.kind] ? '' : `${KIND_LABELS[d.kind]} · `}
                    {d.path}
                    {d.vendorId ? ` · ${d.vendorId}:${d.productId ?? '????'}` : ''}
                  </Text>
                  {d.lastError ? (
                    <Text size="xs" c="red">
                      {d.lastError}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td align="right">{d.assigned ? <DeviceStateBadge state={d.state} /> : null}</Table.Td>
              </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
