import { Alert, Anchor, Text } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnectedX } from '@tabler/icons-react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { href } from '../../hooks/use-route';
import { formatDateTime } from '../../lib/format';
import { ERROR_KIND_LABEL, relative } from './channel-format';

/**
 * The channel's last error with its own words (kept until a cycle succeeds), when it happened, and what happens next:
 * a retry at a given time, or nothing until a person acts (credentials or configuration).
 */
export function ChannelError({ channel, now }: { channel: ChannelSummary; now: number }) {
  const e = channel.lastError;
  if (!e) return null;
  const needsPerson = channel.state === 'error' || e.kind === 'auth' || e.kind === 'config';
  const next = !channel.enabled
    ? 'Sync is off.'
    : needsPerson
      ? 'Sync is stopped until the credentials or settings are fixed.'
      : channel.nextAttemptAt
        ? Date.parse(channel.nextAttemptAt) - now < 3000
          ? 'Next try in a moment.'
          : `Next try ${relative(channel.nextAttemptAt, now, true)} (${formatDateTime(channel.nextAttemptAt)}).`
        : 'Next try at the next poll.';
  return (
    <Alert
      color={needsPerson || channel.state === 'offline' ? 'red' : 'orange'}
      variant="light"
      p="sm"
      icon={e.kind === 'unavailable' ? <IconPlugConnectedX size={18} /> : <IconAlertTriangle size={18} />}
      title={`${ERROR_KIND_LABEL[e.kind]} · ${relative(e.at, now)}`}
      data-testid="channel-error"
      data-kind={e.kind}
    >
      <Text size="sm" style={{ wordBreak: 'break-word' }} data-testid="channel-error-message">
        {e.message}
      </Text>
      <Text size="xs" c="dimmed" mt={4} data-testid="channel-error-next">
        {e.at ? `${formatDateTime(e.at)} · ` : ''}
        {channel.consecutiveFailures > 1 ? `${channel.consecutiveFailures} failures in a row · ` : ''}
        {next}
      </Text>
      {needsPerson && e.kind !== 'rejected' ? (
        <Anchor href={href(`/channels/${channel.id}?connection=1`)} size="sm" fw={600} mt={6} display="inline-block" data-testid="channel-fix-connection">
          Check the connection →
        </Anchor>
      ) : null}
    </Alert>
  );
}
