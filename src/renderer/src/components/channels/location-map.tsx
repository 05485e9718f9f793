import { Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { EmptyRow } from '../empty-row';

/** The channel's locations → the warehouse whose stock each offers. A listing at an unmapped location is not pushed. */
export function LocationMap({ channel }: { channel: ChannelSummary }) {
  const locs = useApi('channels.locations', { channelId: channel.id });
  const whs = useApi('locations.warehouses', {});
  useEvent('channels.changed', (e) => {
    if (e.channelIds.includes(channel.id)) locs.reload();
  });
  const options = (whs.data ?? []).map((w) => ({ value: String(w.id), label: `${w.code} · ${w.name}` }));
  const map = async (locationId: number, warehouseId: string | null) => {
    const r = await call('channels.mapLocation', { locationId, warehouseId: warehouseId === null ? null : Number(warehouseId) });
    if (!r.ok) notifications.show({ color: 'red', title: 'Location not mapped', message: r.error.message });
    locs.reload();
  };
  const rows = locs.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-locations">
      <Stack gap="sm">
        <Title order={5}>Locations</Title>
        <Text size="sm" c="dimmed">
          {channel.kind === 'shopify'
            ? 'Each Shopify location offers the stock of one warehouse. Listings at a location without a warehouse are not pushed.'
            : 'This channel has one stock pool. Without a mapped location it offers the stock of every warehouse.'}
        </Text>
        <Table verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Channel location</Table.Th>
              <Table.Th w={320}>Warehouse</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow cols={2}>{locs.loading ? 'Loading…' : 'The channel has no locations of its own: all warehouses count.'}</EmptyRow>
            ) : (
              rows.map((l) => (
                <Table.Tr key={l.id} data-testid="location-row" data-name={l.name}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {l.name}
                    </Text>
                    <Text size="xs" c="dimmed" className="mono">
                      {l.remoteRef}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      placeholder="Not mapped: not pushed"
                      data={options}
                      value={l.warehouseId === null ? null : String(l.warehouseId)}
                      onChange={(v) => void map(l.id, v)}
                      clearable
                      error={l.warehouseId === null ? true : undefined}
                      aria-label={`Warehouse for ${l.name}`}
                      data-testid="location-warehouse"
                    />
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
