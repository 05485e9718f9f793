import { Anchor, Button, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconArrowsExchange, IconPackageImport, IconPlus } from '@tabler/icons-react';
import { PageHeader } from '../components/page-header';
import { RecentMovements } from '../components/recent-movements';
import { StatTile } from '../components/stat-tile';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { href } from '../hooks/use-route';
import { useSettings } from '../hooks/use-settings';
import { formatQty, money } from '../lib/format';

export function DashboardPage() {
  const { settings, currency } = useSettings();
  const items = useApi('catalog.search', { query: '', limit: 1 });
  const value = useApi('stock.valuation', {});
  const warehouses = useApi('locations.warehouses', {});
  useEvent('stock.changed', () => (value.reload(), items.reload()));
  useEvent('catalog.changed', () => items.reload());
  useEvent('locations.changed', () => warehouses.reload());

  const actions = [
    { to: '/receiving', label: 'Receive goods', icon: IconPackageImport, hint: 'Book a delivery into bins' },
    { to: '/moves?tab=transfer', label: 'Transfer', icon: IconArrowsExchange, hint: 'Move stock between bins' },
    { to: '/moves?tab=adjust', label: 'Adjust', icon: IconAdjustmentsHorizontal, hint: 'Damage, loss, found stock' },
    { to: '/items/new', label: 'New item', icon: IconPlus, hint: 'Add to the catalogue' },
  ];

  return (
    <>
      <PageHeader title={settings?.companyName ? settings.companyName : 'Dashboard'} description="Stock at a glance; every figure comes straight from the ledger." />
      <SimpleGrid cols={{ base: 2, md: 4 }} mb="lg">
        <StatTile label="Items" value={items.data ? formatQty(items.data.total) : '—'} hint="In the catalogue" />
        <StatTile label="Units on hand" value={value.data ? formatQty(value.data.quantity) : '—'} hint="All bins, all warehouses" />
        <StatTile label="Stock value" value={value.data ? money(value.data.valueMinor, currency) : '—'} hint={value.data ? `At ${value.data.method === 'fifo' ? 'FIFO' : 'moving average'} cost` : undefined} />
        <StatTile label="Warehouses" value={warehouses.data ? formatQty(warehouses.data.length) : '—'} hint={<Anchor href={href('/locations')} size="xs">Manage locations</Anchor>} />
      </SimpleGrid>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={4} mb="sm">
              Start a task
            </Title>
            <Stack gap="xs">
              {actions.map((a) => (
                <Button key={a.to} component="a" href={href(a.to)} variant="default" size="lg" justify="flex-start" leftSection={<a.icon size={20} />} styles={{ inner: { justifyContent: 'flex-start' } }} fullWidth>
                  <Group gap={8} wrap="nowrap">
                    <Text fw={600}>{a.label}</Text>
                    <Text size="sm" c="dimmed">
                      {a.hint}
                    </Text>
                  </Group>
                </Button>
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <RecentMovements title="Latest movements" empty="No stock has moved yet. Receive a delivery to start the ledger." />
        </Grid.Col>
      </Grid>
    </>
  );
}
