import { ActionIcon, Badge, Button, Group, Modal, Pagination, Paper, SegmentedControl, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconChecks, IconLink, IconLinkOff, IconSearch } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { ChannelListing, ChannelSummary } from '../../../../shared/api/channels';
import type { Item } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { EmptyRow } from '../empty-row';
import { FormError } from '../form-error';
import { ItemField } from '../item-field';

type Filter = 'all' | 'unmapped' | 'suggested' | 'mapped' | 'drift' | 'problem';
const PAGE = 50;

const PUSH_VIEW: Record<ChannelListing['pushState'], { color: string; label: string }> = {
  idle: { color: 'gray', label: 'In step' },
  queued: { color: 'blue', label: 'Queued' },
  held: { color: 'yellow', label: 'Held' },
  in_flight: { color: 'blue', label: 'Sending' },
  rejected: { color: 'red', label: 'Refused' },
};

function Mapping({ l, onAccept, busy }: { l: ChannelListing; onAccept: () => void; busy: boolean }) {
  if (l.itemId !== null) {
    return (
      <Group gap={6} wrap="nowrap" data-testid="listing-mapping" data-mapping="mapped">
        <Text size="sm" className="mono" fw={600}>
          {l.itemSku}
        </Text>
        <Text size="sm" c="dimmed" lineClamp={1}>
          {l.itemName}
        </Text>
        <Badge size="xs" variant="light" color={l.mappedBy === 'manual' ? 'grape' : 'teal'}>
          {l.mappedBy === 'manual' ? 'by hand' : `by ${l.mappedBy}`}
        </Badge>
      </Group>
    );
  }
  if (l.suggestedItemId !== null) {
    return (
      <Group gap={6} wrap="nowrap" data-testid="listing-mapping" data-mapping="suggested">
        <Badge size="sm" variant="light" color="blue">
          Suggested
        </Badge>
        <Text size="sm" className="mono">
          {l.suggestedSku}
        </Text>
        <Button size="compact-xs" variant="light" onClick={onAccept} loading={busy} data-testid="listing-accept">
          Accept
        </Button>
      </Group>
    );
  }
  return (
    <Badge size="sm" variant="light" color="orange" data-testid="listing-mapping" data-mapping="unmapped">
      Unmapped
    </Badge>
  );
}

/** Maps one listing to an item by hand, with the same item field (scan or type SKU / barcode) as everywhere else. */
function MapModal({ listing, onClose }: { listing: ChannelListing | null; onClose: () => void }) {
  const [item, setItem] = useState<Item | null>(null);
  const save = useSubmit();
  const run = async () => {
    if (!listing || !item) return;
    const r = await save.submit(() => call('channels.mapListing', { listingId: listing.id, itemId: item.id }));
    if (r) {
      notifySuccess('Listing mapped', `${listing.sku ?? listing.ref} → ${item.sku}`);
      setItem(null);
      onClose();
    }
  };
  return (
    <Modal opened={listing !== null} onClose={onClose} title="Map a listing to an item">
      {listing ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void run();
          }}
        >
          <Stack gap="sm">
            <Text size="sm">
              <b>{listing.title}</b> · channel SKU <span className="mono">{listing.sku ?? '—'}</span>
              {listing.barcode ? (
                <>
                  {' '}
                  · barcode <span className="mono">{listing.barcode}</span>
                </>
              ) : null}
            </Text>
            <ItemField value={item} onChange={setItem} autoFocus error={save.fieldErrors.itemId} />
            <FormError error={save.error} shownFields={['itemId']} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" disabled={!item} loading={save.submitting} data-testid="listing-map-save">
                Map
              </Button>
            </Group>
          </Stack>
        </form>
      ) : null}
    </Modal>
  );
}

/** The channel's listings and their mapping to items: accept the suggestions by SKU or barcode, map the rest by hand. */
export function ListingsTable({ channel, initialFilter = 'all' }: { channel: ChannelSummary; initialFilter?: Filter }) {
  const [filter, setFilter] = useState<Filter>(initialFilter);
  const [search, setSearch] = useState('');
  const [page, setPage] = useState(1);
  const [mapping, setMapping] = useState<ChannelListing | null>(null);
  const [accepting, setAccepting] = useState<number | 'all' | null>(null);
  /** Why the core refused to map a row (a duplicate of another listing, …), shown next to that row. */
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const list = useApi('channels.listings', { channelId: channel.id, filter, offset: (page - 1) * PAGE, limit: PAGE, ...(search.trim() && { search: search.trim() }) });
  useEvent('channels.changed', (e) => {
    if (e.channelIds.includes(channel.id)) list.reload();
  });
  useEvent('stock.changed', () => list.reload());

  const accept = async (ids: number[] | null) => {
    setAccepting(ids === null ? 'all' : ids[0]);
    const r = await call('channels.acceptSuggestions', { channelId: channel.id, ...(ids && { listingIds: ids }) });
    setAccepting(null);
    const errs: Record<number, string> = {};
    if (!r.ok) {
      if (ids?.length === 1) errs[ids[0]] = r.error.message;
      else notifications.show({ color: 'red', title: 'Suggestions not accepted', message: r.error.message });
    } else {
      for (const x of r.value.skipped) errs[x.listingId] = x.message;
      if (ids === null) {
        const left = r.value.skipped.length;
        notifySuccess('Suggestions accepted', `${r.value.mapped} listing${r.value.mapped === 1 ? '' : 's'} mapped${left ? `; ${left} left as suggestion${left === 1 ? '' : 's'} (see the row${left === 1 ? '' : 's'})` : ''}`);
      }
    }
    setRowErrors((prev) => {
      const next = { ...prev };
      for (const id of ids ?? Object.keys(prev).map(Number)) delete next[id];
      return { ...next, ...errs };
    });
    list.reload();
  };
  const unmap = async (l: ChannelListing) => {
    await call('channels.mapListing', { listingId: l.id, itemId: null });
    list.reload();
  };

  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? 0;
  const n = channel.counts;
  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-listings">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(v) => {
              setFilter(v as Filter);
              setPage(1);
            }}
            data={[
              { value: 'all', label: `All ${n.listings}` },
              { value: 'unmapped', label: `Unmapped ${n.unmapped}` },
              { value: 'suggested', label: `Suggested ${n.suggested}` },
              { value: 'mapped', label: `Mapped ${n.mapped}` },
              { value: 'drift', label: `Drift ${n.drift}` },
              { value: 'problem', label: `Held / refused ${n.held + n.rejected}` },
            ]}
            data-testid="listing-filter"
          />
          <Group gap="xs">
            <TextInput
              size="xs"
              placeholder="Search SKU or title"
              leftSection={<IconSearch size={14} />}
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              data-testid="listing-search"
            />
            <Button size="xs" leftSection={<IconChecks size={14} />} disabled={n.suggested === 0} loading={accepting === 'all'} onClick={() => void accept(null)} data-testid="listing-accept-all">
              Accept {n.suggested} suggestion{n.suggested === 1 ? '' : 's'}
            </Button>
          </Group>
        </Group>
        <Table striped highlightOnHover verticalSpacing={6} fz="sm" data-testid="listing-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>On the channel</Table.Th>
              <Table.Th>Barcode</Table.Th>
              <Table.Th>Item in Stockroom</Table.Th>
              <Table.Th ta="right">Should show</Table.Th>
              <Table.Th ta="right">Channel has</Table.Th>
              <Table.Th>Push</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 ? (
              <EmptyRow cols={7}>{list.loading ? 'Loading…' : n.listings === 0 ? 'No listings fetched yet: use “Fetch listings”.' : 'No listing matches.'}</EmptyRow>
            ) : (
              rows.map((l) => (
                <Table.Tr key={l.id} data-testid="listing-row" data-sku={l.sku ?? ''} data-ref={l.ref}>
                  <Table.Td>
                    <Text size="sm" className="mono" fw={600}>
                      {l.sku ?? <Text span c="dimmed" size="sm">no SKU</Text>}
                    </Text>
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      {l.title}
                      {l.locationName ? ` · ${l.locationName}` : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td className="mono">{l.barcode ?? ''}</Table.Td>
                  <Table.Td>
                    <Mapping l={l} onAccept={() => void accept([l.id])} busy={accepting === l.id} />
                    {rowErrors[l.id] && l.itemId === null ? (
                      <Text size="xs" c="red" maw={360} data-testid="listing-error">
                        {rowErrors[l.id]}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td ta="right" className="num" data-testid="listing-desired">
                    {l.desiredQty ?? '—'}
                  </Table.Td>
                  <Table.Td ta="right" className="num" data-testid="listing-remote">
                    {l.lastRemoteQty ?? '—'}
                    {l.driftQty ? (
                      <Text span size="xs" c="orange" ml={4}>
                        ({l.driftQty > 0 ? '+' : ''}
                        {l.driftQty})
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    {l.itemId !== null ? (
                      <Tooltip label={l.pushError ?? 'Last pushed ' + (l.lastPushedQty ?? 'never')} disabled={false}>
                        <Badge size="sm" variant="light" color={PUSH_VIEW[l.pushState].color} data-testid="listing-push">
                          {PUSH_VIEW[l.pushState].label}
                        </Badge>
                      </Tooltip>
                    ) : null}
                    {l.pushError ? (
                      <Text size="xs" c="red" lineClamp={2}>
                        {l.pushError}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={2} wrap="nowrap" justify="flex-end">
                      <Tooltip label="Map to an item by hand">
                        <ActionIcon variant="subtle" onClick={() => setMapping(l)} aria-label="Map by hand" data-testid="listing-map">
                          <IconLink size={16} />
                        </ActionIcon>
                      </Tooltip>
                      {l.itemId !== null ? (
                        <Tooltip label="Unmap">
                          <ActionIcon variant="subtle" color="gray" onClick={() => void unmap(l)} aria-label="Unmap" data-testid="listing-unmap">
                            <IconLinkOff size={16} />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
        {total > PAGE ? <Pagination size="sm" total={Math.ceil(total / PAGE)} value={page} onChange={setPage} /> : null}
      </Stack>
      <MapModal listing={mapping} onClose={() => setMapping(null)} />
    </Paper>
  );
}
