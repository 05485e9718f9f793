import { Alert, Button, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { ItemGrid, type ItemGridHandle } from '../components/item-grid';
import { PageHeader } from '../components/page-header';
import { useEvent } from '../hooks/use-event';
import { useItemPages } from '../hooks/use-item-pages';
import { href, navigate } from '../hooks/use-route';
import { formatQty } from '../lib/format';

export function ItemsPage({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const [debounced] = useDebouncedValue(query.trim(), 120);
  const [version, setVersion] = useState(0);
  const pages = useItemPages(debounced, version);
  const grid = useRef<ItemGridHandle>(null);
  const bump = () => setVersion((v) => v + 1);
  useEvent('stock.changed', bump);
  useEvent('catalog.changed', bump);

  const empty = pages.total === 0;
  return (
    <Stack gap={0}>
      <PageHeader
        title="Items"
        description={pages.total === undefined ? 'Loading…' : `${formatQty(pages.total)} ${debounced ? 'matching' : ''} item${pages.total === 1 ? '' : 's'}`}
        actions={
          <Button component="a" href={href('/items/new')} leftSection={<IconPlus size={16} />} data-testid="new-item">
            New item
          </Button>
        }
      />
      <TextInput
        autoFocus
        aria-label="Filter items"
        placeholder="Filter by SKU, name or barcode — ↓ to move into the list, Enter to open"
        leftSection={<IconSearch size={16} />}
        value={query}
        onChange={(e) => setQuery(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            grid.current?.focusFirst();
          }
          if (e.key === 'Enter') grid.current?.openActive();
        }}
        mb="md"
        data-testid="items-filter"
      />
      {pages.error ? (
        <Alert color="red" title="Could not load items" mb="md">
          {pages.error.message}
        </Alert>
      ) : null}
      <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
        {empty ? (
          <Stack align="center" gap="xs" py={60}>
            <Text fw={600}>{debounced ? `No item matches “${debounced}”` : 'No items yet'}</Text>
            <Text size="sm" c="dimmed">
              {debounced ? 'Try part of the SKU or name, or scan the full barcode.' : 'Create the first item of the catalogue.'}
            </Text>
            {debounced ? null : (
              <Group mt="sm">
                <Button component="a" href={href('/items/new')} leftSection={<IconPlus size={16} />}>
                  New item
                </Button>
              </Group>
            )}
          </Stack>
        ) : (
          <ItemGrid ref={grid} pages={pages} onOpen={(id) => navigate(`/items/${id}`)} height="calc(100vh - 250px)" />
        )}
      </Paper>
    </Stack>
  );
}
