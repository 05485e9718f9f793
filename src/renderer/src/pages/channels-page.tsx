import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnected, IconPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ChannelCard } from '../components/channels/channel-card';
import { ChannelDetail, isChannelTab } from '../components/channels/channel-detail';
import { healthOf, useNow } from '../components/channels/channel-format';
import { ConnectChannelModal } from '../components/channels/connect-channel-modal';
import { finishPendingRemoval, pendingRemovals } from '../components/channels/remove-channel-modal';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { navigate } from '../hooks/use-route';

/**
 * Sales channels: every channel's health at a glance (last pull and push, queue, unmapped, drift, the last error in
 * the channel's own words), connecting a new one, and one channel's listings, locations, rules and queues.
 * Refreshed live by channels.changed (every cycle, test, refresh or edit) and stock.changed (queues move).
 */
export function ChannelsPage({ channelId, tab, connection = false }: { channelId: number | null; tab: string | null; connection?: boolean }) {
  const list = useApi('channels.list', {});
  const [connecting, setConnecting] = useState(false);
  const now = useNow(5000);
  useEvent('channels.changed', () => list.reload());
  useEvent('stock.changed', () => list.reload());

  const channels = list.data ?? [];
  const detail = channelId === null ? undefined : channels.find((c) => c.id === channelId);
  // A channel removed from its own page after its listings were set to 0 (the core finishes that in the background).
  const removedHere = channelId !== null && list.data !== undefined && !detail && pendingRemovals.has(channelId);
  useEffect(() => {
    if (removedHere) finishPendingRemoval(channelId);
  }, [removedHere, channelId]);
  if (channelId !== null) {
    if (detail) return <ChannelDetail channel={detail} now={now} tab={isChannelTab(tab) ? tab : 'listings'} connection={connection} />;
    if (removedHere) return <PageHeader title="Channel removed" />;
    return (
      <>
        <PageHeader title="Channel" />
        {list.loading && !list.data ? (
          <Text c="dimmed">Loading…</Text>
        ) : (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />}>
            There is no channel {channelId}. <a href="#/channels">All channels</a>
          </Alert>
        )}
      </>
    );
  }

  const health = channels.map(healthOf);
  const bad = health.filter((h) => h === 'error' || h === 'offline').length;
  const retrying = health.filter((h) => h === 'retrying').length;
  const ok = health.filter((h) => h === 'healthy' || h === 'syncing').length;
  const summary = channels.length
    ? [`${channels.length} channel${channels.length === 1 ? '' : 's'}`, `${ok} healthy`, bad ? `${bad} need${bad === 1 ? 's' : ''} attention` : null, retrying ? `${retrying} retrying` : null]
        .filter(Boolean)
        .join(' · ')
    : null;

  return (
    <>
      <PageHeader
        title="Channels"
        description="Stockroom is the source of truth: each channel gets its available quantity pushed and sends its orders back."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setConnecting(true)} data-testid="channel-connect-new">
            Connect channel
          </Button>
        }
      />
      {summary ? (
        <Text size="sm" fw={600} mb="sm" c={bad ? 'red' : undefined} data-testid="channels-summary">
          {summary}
        </Text>
      ) : null}
      {list.error ? (
        <Alert color="red" mb="md">
          {list.error.message}
        </Alert>
      ) : null}
      {channels.length === 0 && !list.loading ? (
        <Paper withBorder radius="md" p="xl" data-testid="channels-empty">
          <Stack align="center" gap="xs">
            <IconPlugConnected size={32} stroke={1.5} />
            <Text fw={600}>No sales channels yet</Text>
            <Text size="sm" c="dimmed" ta="center" maw={520}>
              Connect a Shopify or WooCommerce shop, or a file feed for a marketplace: Stockroom imports its orders and keeps its quantities in step with the
              ledger, so no channel sells what is not on the shelf.
            </Text>
            <Group mt="sm">
              <Button leftSection={<IconPlus size={16} />} onClick={() => setConnecting(true)}>
                Connect channel
              </Button>
            </Group>
          </Stack>
        </Paper>
      ) : (
        <Stack gap="md" data-testid="channel-list">
          {channels.map((c) => (
            <ChannelCard key={c.id} channel={c} now={now} />
          ))}
        </Stack>
      )}
      <ConnectChannelModal
        opened={connecting}
        channel={null}
        onClose={() => {
          setConnecting(false);
          list.reload();
        }}
        onConnected={(id) => {
          setConnecting(false);
          navigate(`/channels/${id}`);
        }}
      />
    </>
  );
}
