import { Alert, Button, Grid, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconArrowsExchange, IconPackageImport, IconPlus } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { AlertsPanel } from '../components/dashboard/alerts-panel';
import { AbcChart, AgingChart, prefetchCharts, SellThroughChart, StockValueChart } from '../components/dashboard/lazy-charts';
import { KpiTile } from '../components/dashboard/kpi-tile';
import { PeriodPicker, presetPeriod, type Period } from '../components/dashboard/period-picker';
import { PageHeader } from '../components/page-header';
import { RecentMovements } from '../components/recent-movements';
import { StatTile } from '../components/stat-tile';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { href } from '../hooks/use-route';
import { useSettings } from '../hooks/use-settings';
import { formatDate, formatQty, money } from '../lib/format';

/** The order of the KPI tiles: the stock-to-cash ones first. */
const TILE_ORDER = [
  'inventoryTurnover',
  'daysInventoryOutstanding',
  'sellThrough',
  'gmroi',
  'cashConversionCycle',
  'shrinkage',
  'fillRate',
  'carryingCost',
  'daysSalesOutstanding',
  'daysPayableOutstanding',
  'stockoutDays',
  'inventoryRecordAccuracy',
] as const;

const monthFmt = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit' });
const monthLabel = (ym: string) => monthFmt.format(new Date(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)) - 1, 1));

// The charts' chunk loads alongside the first dashboard call, not after it.
prefetchCharts();

/** Stock moves all day; the dashboard follows at most every few seconds, since each refresh replays the history. */
const REFRESH_MS = 8000;

const ACTIONS = [
  { to: '/receiving', label: 'Receive', icon: IconPackageImport },
  { to: '/moves?tab=transfer', label: 'Transfer', icon: IconArrowsExchange },
  { to: '/moves?tab=adjust', label: 'Adjust', icon: IconAdjustmentsHorizontal },
  { to: '/items/new', label: 'New item', icon: IconPlus },
];

export function DashboardPage() {
  const { settings, currency } = useSettings();
  const [period, setPeriod] = useState<Period>(() => presetPeriod('30d'));
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const warehouses = useApi('locations.warehouses', {});
  const [channel, setChannel] = useState<string | null>(null);
  const d = useApi('reports.dashboard', {
    from: period.from,
    to: period.to,
    alertLimit: 6,
    ...(warehouse !== null && { warehouseId: Number(warehouse) }),
    ...(channel !== null && { channel }),
  });
  useEvent('locations.changed', () => warehouses.reload());

  // Throttled refresh on stock changes: at most one reload per REFRESH_MS, and always one after the last change.
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEvent('stock.changed', () => {
    if (timer.current) return;
    const wait = Math.max(0, last.current + REFRESH_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      last.current = Date.now();
      d.reload();
    }, wait);
  });
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const data = d.data;
  const periodLabel = data ? `${formatDate(data.from)} – ${formatDate(data.to)} (${data.days} days)` : '';
  const months = data ? data.trend.months.map((m) => monthLabel(m.month)) : [];
  const wh = warehouses.data ?? [];
  // The channels known from the data; the last list is kept while a reload is in flight so the filter does not flicker.
  const channelList = useRef<string[]>([]);
  if (data) channelList.current = data.channels;
  const channels = channelList.current;

  return (
    <Stack gap="lg" data-testid="dashboard" data-loaded={data ? 'true' : 'false'}>
      <PageHeader
        title={settings?.companyName ? settings.companyName : 'Dashboard'}
        description={data ? `${periodLabel}; every figure comes from the ledger, open a KPI's info button for its formula and inputs.` : 'Stock at a glance; every figure comes straight from the ledger.'}
        actions={
          <Group gap="sm" align="flex-start">
            {wh.length > 1 ? (
              <Select
                aria-label="Warehouse"
                placeholder="All warehouses"
                clearable
                w={180}
                data={wh.map((w) => ({ value: String(w.id), label: w.name }))}
                value={warehouse}
                onChange={setWarehouse}
                data-testid="dashboard-warehouse"
              />
            ) : null}
            {channels.length > 0 ? (
              <Select
                aria-label="Sales channel"
                placeholder="All channels"
                clearable
                w={180}
                data={channels}
                value={channel}
                onChange={setChannel}
                data-testid="dashboard-channel"
              />
            ) : null}
            <PeriodPicker value={period} onChange={setPeriod} />
          </Group>
        }
      />
      {data?.channel ? (
        <Alert color="blue" variant="light" data-testid="dashboard-channel-note">
          Channel {data.channel}: revenue, COGS, gross margin, units sold and fill rate are this channel&apos;s orders. Stock is shared by all
          channels, so stock value, turnover, DIO, GMROI, sell-through, shrinkage, stockout days and the charts below are for all channels.
        </Alert>
      ) : null}
      {d.error ? (
        <Alert color="red" title="The dashboard could not be computed">
          {d.error.message}
        </Alert>
      ) : null}
      {!data ? (
        <Group justify="center" py="xl">
          <Loader />
          <Text c="dimmed">Computing the dashboard…</Text>
        </Group>
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <StatTile label="Stock value" value={money(data.summary.closingValueMinor, currency)} hint={`At FIFO cost, close of ${formatDate(data.to)}`} testId="tile-stock-value" />
            <StatTile label="Units on hand" value={formatQty(data.summary.closingQuantity)} hint={wh.length > 1 && warehouse === null ? 'All warehouses' : 'In bins'} testId="tile-units" />
            <StatTile label="Revenue" value={money(data.summary.revenueMinor, currency)} hint={`${formatQty(data.summary.unitsSold)} units sold in the period`} testId="tile-revenue" />
            <StatTile
              label="Gross margin"
              value={money(data.summary.revenueMinor - data.summary.cogsMinor, currency)}
              hint={`COGS ${money(data.summary.cogsMinor, currency)}${data.summary.revenueMinor > 0 ? ` · ${(((data.summary.revenueMinor - data.summary.cogsMinor) / data.summary.revenueMinor) * 100).toFixed(1)} %` : ''}`}
              testId="tile-margin"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm" data-testid="kpi-tiles">
            {TILE_ORDER.map((key) => {
              const kpi = data.kpis.find((k) => k.key === key);
              return kpi ? <KpiTile key={key} kpi={kpi} trend={data.trend.values[key] ?? []} months={months} currency={currency} periodLabel={periodLabel} /> : null;
            })}
          </SimpleGrid>
          <AlertsPanel d={data} currency={currency} />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, lg: 7 }}>
              <StockValueChart d={data} currency={currency} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 5 }}>
              <SellThroughChart d={data} currency={currency} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <AbcChart d={data} currency={currency} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 6 }}>
              <AgingChart d={data} currency={currency} />
            </Grid.Col>
          </Grid>
          <Text size="xs" c="dimmed" ta="right" data-testid="dashboard-ms">
            Computed by the core in {Math.round(data.ms)} ms{d.loading ? ' · refreshing…' : ''}
          </Text>
        </>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={5} mb="sm">
              Start a task
            </Title>
            <SimpleGrid cols={2} spacing="xs">
              {ACTIONS.map((a) => (
                <Button key={a.to} component="a" href={href(a.to)} variant="default" leftSection={<a.icon size={18} />} justify="flex-start">
                  {a.label}
                </Button>
              ))}
            </SimpleGrid>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <RecentMovements title="Latest movements" empty="No stock has moved yet. Receive a delivery to start the ledger." />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
