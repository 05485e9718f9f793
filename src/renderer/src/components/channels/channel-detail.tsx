import { Alert, Anchor, Badge, Button, Group, Menu, Stack, Switch, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDotsVertical, IconDownload, IconInfoCircle, IconPlugConnected, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { href, navigate } from '../../hooks/use-route';
import { startChannelWork } from './channel-actions';
import { PageHeader } from '../page-header';
import { ChannelCard } from './channel-card';
import { KIND_LABEL } from './channel-format';
import { ChannelStateBadge } from './channel-state-badge';
import { DriftTable, OutboxTable, UnmappedLinesTable } from './channel-queues';
import { ConnectChannelModal } from './connect-channel-modal';
import { FileChannelPanel } from './file-channel-panel';
import { ListingsTable } from './listings-table';
import { LocationMap } from './location-map';
import { RemoveChannelModal } from './remove-channel-modal';
import { RulesForm } from './rules-form';

const TABS = ['listings', 'locations', 'rules', 'queue', 'lines', 'drift', 'file'] as const;
export type ChannelTab = (typeof TABS)[number];
export const isChannelTab = (t: string | null): t is ChannelTab => TABS.includes(t as ChannelTab);

/** One channel: its status, then what a person sets up and checks — listings, locations, rules, queue, unmapped lines, drift. */
export function ChannelDetail({ channel: c, now, tab, connection = false }: { channel: ChannelSummary; now: number; tab: ChannelTab; connection?: boolean }) {
  const [editing, setEditing] = useState(connection);
  // "Check the connection" on this very page changes only the query: open the dialog then too.
  useEffect(() => {
    if (connection) setEditing(true);
  }, [connection]);
  const [removing, setRemoving] = useState(false);
  const [toggling, setToggling] = useState(false);
  const n = c.counts;

  const setEnabled = async (enabled: boolean) => {
    setToggling(true);
    const r = await call('channels.update', { id: c.id, enabled });
    setToggling(false);
    if (!r.ok) notifications.show({ color: 'red', title: 'Not changed', message: r.error.message });
  };
  const closeEditing = () => {
    setEditing(false);
    if (connection) navigate(`/channels/${c.id}${tab !== 'listings' ? `?tab=${tab}` : ''}`, { replace: true });
  };
  const setTab = (t: string | null) => navigate(`/channels/${c.id}${t && t !== 'listings' ? `?tab=${t}` : ''}`, { replace: true });
  const count = (v: number, color = 'orange') =>
    v > 0 ? (
      <Badge size="xs" circle={v < 10} variant="filled" color={color}>
        {v}
      </Badge>
    ) : null;

  return (
    <Stack gap="md" data-testid="channel-detail" data-channel-id={c.id}>
      <PageHeader
        above={
          <Anchor href={href('/channels')} size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> All channels
            </Group>
          </Anchor>
        }
        title={
          <Group gap="sm">
            <span data-testid="channel-title">{c.name}</span>
            <ChannelStateBadge channel={c} />
          </Group>
        }
        description={`${KIND_LABEL[c.kind]}${c.isOwnWebshop ? ' · own webshop' : ''}${c.shopName ? ` · ${c.shopName}` : ''}`}
        actions={
        <>
          <Switch
            checked={c.enabled}
            disabled={toggling}
            onChange={(e) => void setEnabled(e.currentTarget.checked)}
            label={c.enabled ? 'Sync on' : 'Sync off'}
            data-testid="channel-enabled"
          />
          <Button variant="default" size="sm" onClick={() => void startChannelWork('channels.refreshListings', c.id)} disabled={c.busy} leftSection={<IconDownload size={16} />} data-testid="channel-refresh-listings">
            Fetch listings
          </Button>
          <Button variant="default" size="sm" onClick={() => setEditing(true)} leftSection={<IconPlugConnected size={16} />} data-testid="channel-edit-connection">
            Connection
          </Button>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button variant="subtle" color="gray" size="sm" px={8} aria-label="More">
                <IconDotsVertical size={16} />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => void startChannelWork('channels.test', c.id)}>Test the connection</Menu.Item>
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(true)}>
                Remove channel…
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </>
        }
      />

      <ChannelCard channel={c} now={now} detail />

      {!c.enabled ? (
        <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />} data-testid="channel-setup-hint">
          Sync is off: nothing is pushed and no orders are imported. Map the listings ({n.suggested} suggested, {n.unmapped} unmapped), check the locations and the
          rules, then switch sync on.
        </Alert>
      ) : null}

      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="listings" rightSection={count(n.unmapped)} data-testid="tab-listings">
            Listings
          </Tabs.Tab>
          <Tabs.Tab value="locations" data-testid="tab-locations">
            Locations
          </Tabs.Tab>
          <Tabs.Tab value="rules" data-testid="tab-rules">
            Rules
          </Tabs.Tab>
          <Tabs.Tab value="queue" rightSection={count(n.queue, 'blue')} data-testid="tab-queue">
            Push queue
          </Tabs.Tab>
          <Tabs.Tab value="lines" rightSection={count(n.unmappedLines, 'red')} data-testid="tab-lines">
            Unmapped order lines
          </Tabs.Tab>
          <Tabs.Tab value="drift" rightSection={count(n.drift)} data-testid="tab-drift">
            Drift
          </Tabs.Tab>
          {c.kind === 'file' ? (
            <Tabs.Tab value="file" data-testid="tab-file">
              Feed & order files
            </Tabs.Tab>
          ) : null}
        </Tabs.List>
        <Tabs.Panel value="listings" pt="md">
          <ListingsTable channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="locations" pt="md">
          <LocationMap channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="rules" pt="md">
          <RulesForm channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="queue" pt="md">
          <OutboxTable channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="lines" pt="md">
          <UnmappedLinesTable channel={c} />
        </Tabs.Panel>
        <Tabs.Panel value="drift" pt="md">
          <DriftTable channel={c} />
        </Tabs.Panel>
        {c.kind === 'file' ? (
          <Tabs.Panel value="file" pt="md">
            <FileChannelPanel channel={c} />
          </Tabs.Panel>
        ) : null}
      </Tabs>

      <ConnectChannelModal opened={editing} channel={c} onClose={closeEditing} onConnected={closeEditing} />
      <RemoveChannelModal channel={c} opened={removing} onClose={() => setRemoving(false)} />
    </Stack>
  );
}
