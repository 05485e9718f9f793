import { Anchor, Badge, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowsDiff, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { href } from '../../hooks/use-route';
import { formatDateTime } from '../../lib/format';
import { startChannelWork } from './channel-actions';
import { ChannelError } from './channel-error';
import { KIND_LABEL, relative, rulesSentence } from './channel-format';
import { ChannelStateBadge } from './channel-state-badge';
import { PollIntervalEditor } from './poll-interval-editor';

function Figure({ label, value, hint, color, testId, title }: { label: string; value: ReactNode; hint?: ReactNode; color?: string | undefined; testId: string; title?: string | undefined }) {
  const body = (
    <Stack gap={0} data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fz="lg" fw={700} c={color} style={{ fontVariantNumeric: 'tabular-nums' }} data-testid={`${testId}-value`}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {hint}
        </Text>
      ) : null}
    </Stack>
  );
  return title ? <Tooltip label={title}>{body}</Tooltip> : body;
}

const warn = (n: number, color = 'orange'): string | undefined => (n > 0 ? color : undefined);

/** One channel on the overview: is it healthy, when did it last pull and push, what waits, what needs a person. */
/** `detail`: shown at the top of the channel's own page (no link to itself). */
export function ChannelCard({ channel: c, now, detail = false }: { channel: ChannelSummary; now: number; detail?: boolean }) {
  const n = c.counts;
  return (
    <Paper withBorder radius="md" p="lg" data-testid="channel-card" data-channel-id={c.id} data-name={c.name}>
      <Stack gap="md">
        {detail ? null : (
        <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Group gap="xs" wrap="nowrap">
                <Title order={4} style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  <Anchor href={href(`/channels/${c.id}`)} inherit data-testid="channel-open">
                    {c.name}
                  </Anchor>
                </Title>
                <Badge variant="outline" color="gray" size="sm" data-testid="channel-kind">
                  {KIND_LABEL[c.kind]}
                </Badge>
                {c.isOwnWebshop ? (
                  <Badge variant="light" color="grape" size="sm">
                    Own webshop
                  </Badge>
                ) : null}
              </Group>
              <Text size="sm" c="dimmed" lineClamp={1}>
                {c.shopName ?? (c.kind === 'file' ? 'Quantity feed and order import by file' : 'Not tested yet')}
              </Text>
            </Stack>
            <ChannelStateBadge channel={c} />
          </Group>
        )}

        <ChannelError channel={c} now={now} />

        <SimpleGrid cols={{ base: 2, sm: 4, xl: 7 }} spacing="md" verticalSpacing="sm">
          <Figure
            label="Last pull"
            value={relative(c.lastPullAt, now)}
            hint={c.kind === 'file' ? 'orders by file' : c.orderWatermark ? `newest order ${relative(c.orderWatermark, now)}` : 'no orders yet'}
            testId="channel-last-pull"
            title={c.lastPullAt ? formatDateTime(c.lastPullAt) : undefined}
          />
          <Figure
            label="Last push"
            value={relative(c.lastPushAt, now)}
            testId="channel-last-push"
            title={c.lastPushAt ? formatDateTime(c.lastPushAt) : undefined}
            hint={c.lastError && (!c.lastPushAt || c.lastError.at >= c.lastPushAt) ? 'last success' : c.lastPushAt ? 'quantities sent' : 'nothing sent yet'}
            color={c.lastError && (!c.lastPushAt || c.lastError.at >= c.lastPushAt) ? 'red' : undefined}
          />
          <Figure
            label="Queue"
            value={n.queue}
            hint={n.held ? `${n.held} held until orders are pulled` : n.rejected ? `${n.rejected} refused` : n.queue ? 'waiting to push' : 'all sent'}
            color={warn(n.rejected, 'red')}
            testId="channel-queue"
          />
          <Figure label="Unmapped listings" value={n.unmapped} hint={n.suggested ? `${n.suggested} with a suggestion` : `${n.mapped} of ${n.listings} mapped`} color={warn(n.unmapped)} testId="channel-unmapped" />
          <Figure label="Unmapped order lines" value={n.unmappedLines} hint={n.unmappedLines ? 'orders on hold' : 'none on hold'} color={warn(n.unmappedLines, 'red')} testId="channel-unmapped-lines" />
          <Figure label="Drift" value={n.drift} hint={c.lastReconcileAt ? `checked ${relative(c.lastReconcileAt, now)}` : 'never reconciled'} color={warn(n.drift)} testId="channel-drift" />
          <Figure label="Oversold" value={n.oversold} hint={n.failedOrders ? `${n.failedOrders} orders not imported` : 'orders on hold'} color={warn(n.oversold + n.failedOrders, 'red')} testId="channel-oversold" />
        </SimpleGrid>

        {c.alerts.length ? (
          <List size="sm" spacing={2} c="orange.8" data-testid="channel-alerts">
            {c.alerts.slice(0, 4).map((a) => (
              <List.Item key={a}>{a}</List.Item>
            ))}
          </List>
        ) : null}

        <Group justify="space-between" wrap="wrap" gap="sm">
          <Stack gap={0}>
            <PollIntervalEditor channel={c} />
            <Text size="xs" c="dimmed" data-testid="channel-rules-sentence">
              Shows {rulesSentence(c.rules, c.isOwnWebshop)}
            </Text>
          </Stack>
          <Group gap="xs">
            {detail ? null : (
              <Button variant="default" size="sm" component="a" href={href(`/channels/${c.id}`)} data-testid="channel-details">
                Details
              </Button>
            )}
            <Button
              variant="default"
              size="sm"
              leftSection={<IconArrowsDiff size={16} />}
              disabled={c.busy}
              onClick={() => void startChannelWork('channels.reconcile', c.id)}
              data-testid="channel-reconcile"
            >
              Reconcile
            </Button>
            <Button size="sm" leftSection={<IconRefresh size={16} />} loading={c.busy} disabled={!c.enabled} onClick={() => void startChannelWork('channels.syncNow', c.id)} data-testid="channel-sync">
              Sync now
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
