import { Anchor, Badge, Checkbox, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { ChannelSummary, PushState } from '../../../../shared/api/channels';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { href } from '../../hooks/use-route';
import { formatDateTime } from '../../lib/format';
import { EmptyRow } from '../empty-row';

const STATE: Record<PushState, { color: string; label: string; hint: string }> = {
  idle: { color: 'gray', label: 'In step', hint: '' },
  queued: { color: 'blue', label: 'Queued', hint: 'sent at the next push' },
  held: { color: 'yellow', label: 'Held', hint: 'an increase waits until the channel’s orders are imported' },
  in_flight: { color: 'blue', label: 'Sending', hint: '' },
  rejected: { color: 'red', label: 'Refused', hint: '' },
};

/** "gid://shopify/Order/1016" → "1016": the channel's own id without its type prefix (the full id is in the tooltip). */
const shortRef = (ref: string): string => ref.replace(/^gid:\/\/[a-z]+\/[A-Za-z]+\//, '');

const useChannelReload = (id: number, reload: () => void) =>
  useEvent('channels.changed', (e) => {
    if (e.channelIds.includes(id)) reload();
  });

/** The push queue: what waits to be sent, what is held back and why, what the channel refused. */
export function OutboxTable({ channel }: { channel: ChannelSummary }) {
  const [all, setAll] = useState(false);
  const q = useApi('channels.outbox', { channelId: channel.id, all, limit: 500 });
  useChannelReload(channel.id, q.reload);
  useEvent('stock.changed', q.reload);
  const rows = q.data ?? [];
  const stuck = channel.enabled && (channel.state === 'error' || channel.state === 'offline' || channel.state === 'backoff');
  const hint = (s: PushState): string => (s === 'queued' && !channel.enabled ? 'waits: sync is off' : s === 'queued' && stuck ? 'waits until the channel answers again' : STATE[s].hint);
  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-outbox">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Push queue</Title>
          <Checkbox size="xs" label="Show listings in step too" checked={all} onChange={(e) => setAll(e.currentTarget.checked)} />
        </Group>
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Listing</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th>State</Table.Th>
              <Table.Th ta="right">To send</Table.Th>
              <Table.Th ta="right">Channel had</Table.Th>
              <Table.Th ta="right">Tries</Table.Th>
              <Table.Th>Next try / error</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow cols={7}>{q.loading ? 'Loading…' : 'Nothing waits: every mapped listing shows what it should.'}</EmptyRow>
            ) : (
              rows.map((r) => (
                <Table.Tr key={r.listingId} data-testid="outbox-row" data-state={r.state}>
                  <Table.Td className="mono">{r.sku ?? r.ref}</Table.Td>
                  <Table.Td className="mono">{r.itemSku ?? ''}</Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={STATE[r.state].color}>
                      {STATE[r.state].label}
                    </Badge>
                    {hint(r.state) ? (
                      <Text size="xs" c="dimmed">
                        {hint(r.state)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {r.desiredQty ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {r.expectedQty ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {r.attempts}
                  </Table.Td>
                  <Table.Td>
                    {r.lastError ? (
                      <Text size="xs" c="red">
                        {r.lastError}
                      </Text>
                    ) : null}
                    {r.nextAttemptAt ? (
                      <Text size="xs" c="dimmed">
                        next {formatDateTime(r.nextAttemptAt)}
                      </Text>
                    ) : null}
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

/** Order lines that matched no item: their orders wait on hold until the listing is mapped and the order fixed. */
export function UnmappedLinesTable({ channel }: { channel: ChannelSummary }) {
  const q = useApi('channels.unmappedLines', { channelId: channel.id, limit: 500 });
  useChannelReload(channel.id, q.reload);
  const rows = q.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-unmapped-lines-table">
      <Stack gap="sm">
        <Title order={5}>Unmapped order lines</Title>
        <Text size="sm" c="dimmed">
          These lines matched no item, so their orders wait on hold. Map the listing (Listings tab) or add the item, then fix and release the order in Orders.
        </Text>
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Order</Table.Th>
              <Table.Th>Channel order / line</Table.Th>
              <Table.Th>SKU</Table.Th>
              <Table.Th>Title</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th>Received</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow cols={6}>{q.loading ? 'Loading…' : 'Every imported order line matched an item.'}</EmptyRow>
            ) : (
              rows.map((r) => (
                <Table.Tr key={r.id} data-testid="unmapped-line-row">
                  <Table.Td>{r.orderId !== null ? <Anchor href={href(`/orders?order=${r.orderId}`)}>{r.orderNumber ?? `#${r.orderId}`}</Anchor> : <Text span c="dimmed" size="sm">not created</Text>}</Table.Td>
                  <Table.Td className="mono" title={`${r.externalOrderId} / ${r.externalLineId}`}>
                    {shortRef(r.externalOrderId)} / {shortRef(r.externalLineId)}
                  </Table.Td>
                  <Table.Td className="mono">{r.sku ?? r.ref ?? ''}</Table.Td>
                  <Table.Td>{r.title}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {r.quantity}
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.createdAt)}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}

/** Listings whose channel quantity differed from what it should show at the last reconciliation (re-queued for a push). */
export function DriftTable({ channel }: { channel: ChannelSummary }) {
  const q = useApi('channels.listings', { channelId: channel.id, filter: 'drift', offset: 0, limit: 500 });
  useChannelReload(channel.id, q.reload);
  const rows = q.data?.rows ?? [];
  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-drift-table">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={5}>Drift</Title>
          <Text size="sm" c="dimmed">
            {channel.lastReconcileAt ? `Last reconciliation ${formatDateTime(channel.lastReconcileAt)}` : 'Never reconciled: use Reconcile.'}
          </Text>
        </Group>
        <Table striped verticalSpacing={6} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Listing</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Should show</Table.Th>
              <Table.Th ta="right">Channel showed</Table.Th>
              <Table.Th ta="right">Drift</Table.Th>
              <Table.Th>Checked</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow cols={6}>{q.loading ? 'Loading…' : channel.lastReconcileAt ? 'No drift: the channel showed what the ledger says.' : 'No reconciliation yet.'}</EmptyRow>
            ) : (
              rows.map((l) => (
                <Table.Tr key={l.id} data-testid="drift-row" data-sku={l.sku ?? ''}>
                  <Table.Td className="mono">{l.sku ?? l.ref}</Table.Td>
                  <Table.Td className="mono">{l.itemSku ?? ''}</Table.Td>
                  <Table.Td ta="right" className="num">
                    {l.desiredQty ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    {l.lastRemoteQty ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="num">
                    <Text span c="orange" fw={700} size="sm">
                      {l.driftQty !== null && l.driftQty > 0 ? '+' : ''}
                      {l.driftQty}
                    </Text>
                  </Table.Td>
                  <Table.Td>{l.lastRemoteAt ? formatDateTime(l.lastRemoteAt) : ''}</Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Stack>
    </Paper>
  );
}
