import { Alert, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { navigate } from '../../hooks/use-route';
import { notifySuccess } from '../../lib/notify';

/** Channels whose zero-then-remove was started here, with the message to show once they are gone. */
export const pendingRemovals = new Map<number, string>();

/** The channels page calls this when a channel it was showing is no longer listed: true = it was removed from here. */
export function finishPendingRemoval(id: number): boolean {
  const message = pendingRemovals.get(id);
  if (message === undefined) return false;
  pendingRemovals.delete(id);
  notifySuccess('Channel removed', message);
  navigate('/channels', { replace: true });
  return true;
}

/**
 * Removing a channel stops importing its orders, but the shop keeps showing the quantities it was last given: what
 * it sells then is shipped by nobody. By default every mapped listing is set to 0 on the shop first; the core starts
 * that push and removes the channel only once it worked (the channel disappears), or records why not on the channel
 * (an error starting "Not removed"), which is shown here.
 */
export function RemoveChannelModal({ channel: c, opened, onClose }: { channel: ChannelSummary; opened: boolean; onClose: () => void }) {
  const [zeroFirst, setZeroFirst] = useState(true);
  /** Waiting for the zero push; `since` = the channel's last error when it started (a newer one is the outcome). */
  const [working, setWorking] = useState<{ since: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const shop = c.shopName || c.name;
  const mapped = c.counts.mapped;

  const removed = () => {
    notifySuccess('Channel removed', `${c.name} is removed; the orders it imported stay.`);
    navigate('/channels');
  };
  useEffect(() => {
    if (working && c.lastError && c.lastError.at !== working.since && c.lastError.message.startsWith('Not removed')) {
      pendingRemovals.delete(c.id);
      setError(c.lastError.message);
      setWorking(null);
    }
  }, [working, c.lastError]);

  const close = () => {
    if (working) return;
    setError(null);
    onClose();
  };
  const remove = async () => {
    setError(null);
    const since = c.lastError?.at ?? null;
    const r = await call('channels.remove', { id: c.id, zeroFirst });
    if (!r.ok) return void notifications.show({ color: 'red', title: 'Not removed', message: r.error.message });
    if (r.value.removed) return removed();
    // The page sees the channel disappear from the list (this dialog goes with it) and finishes there.
    pendingRemovals.set(c.id, `${c.name} is removed after its listings were set to 0 on ${shop}; the orders it imported stay.`);
    setWorking({ since });
  };

  return (
    <Modal opened={opened} onClose={close} title={`Remove ${c.name}?`} data-testid="channel-remove-modal">
      <Stack gap="sm">
        <Text size="sm">Its listings, location map and push queue are removed and nothing is synced with it any more. The orders it imported stay in Orders.</Text>
        {mapped > 0 ? (
          <>
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} data-testid="channel-remove-warning">
              {shop} keeps showing the quantities Stockroom last pushed to its {mapped} mapped listing{mapped === 1 ? '' : 's'}, and nobody imports the orders it then
              takes: customers can buy what is never shipped.
            </Alert>
            <Checkbox
              checked={zeroFirst}
              onChange={(e) => setZeroFirst(e.currentTarget.checked)}
              disabled={working !== null}
              label={`Set every listing to 0 on ${shop} first`}
              description="The channel is removed only once every listing took the 0; if that fails it stays, with the reason."
              data-testid="channel-remove-zero"
            />
          </>
        ) : null}
        {error ? (
          <Alert color="red" title="Not removed" data-testid="channel-remove-error">
            {/* The title says "Not removed" already: the core's message without it. */}
            {error.replace(/^Not removed: (.)/, (_m, ch: string) => ch.toUpperCase())}
          </Alert>
        ) : null}
        {working ? (
          <Text size="sm" c="dimmed" data-testid="channel-remove-progress">
            Setting {mapped} listing{mapped === 1 ? '' : 's'} to 0 on {shop}…
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={working !== null}>
            Keep it
          </Button>
          <Button color="red" onClick={() => void remove()} loading={working !== null} data-testid="channel-remove-confirm">
            {error ? 'Try again' : zeroFirst && mapped ? 'Set to 0 and remove' : 'Remove'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
