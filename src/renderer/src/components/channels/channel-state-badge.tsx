import { Badge, Loader } from '@mantine/core';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { HEALTH_VIEW, healthOf } from './channel-format';

/** Healthy / syncing / retrying / offline / error / sync off / not synced yet, at a glance. */
export function ChannelStateBadge({ channel, size = 'lg' }: { channel: Pick<ChannelSummary, 'state' | 'busy' | 'enabled'>; size?: 'md' | 'lg' }) {
  const h = healthOf(channel);
  const v = HEALTH_VIEW[h];
  return (
    <Badge
      variant={h === 'error' || h === 'offline' ? 'filled' : 'light'}
      color={v.color}
      size={size}
      leftSection={h === 'syncing' ? <Loader size={10} color="blue" /> : undefined}
      data-testid="channel-state"
      data-state={h}
    >
      {v.label}
    </Badge>
  );
}
