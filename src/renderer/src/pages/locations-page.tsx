import { Alert, Badge, Button, Group, Loader, Modal, Paper, Stack, Switch, Tabs, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Warehouse } from '../../../shared/api';
import { call } from '../api/client';
import { LocationForm } from '../components/locations/location-form';
import { LocationTree, stockByLocation } from '../components/locations/location-tree';
import { WarehouseForm } from '../components/locations/warehouse-form';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { notifySuccess } from '../lib/notify';

function WarehousePanel({ warehouse, onChanged }: { warehouse: Warehouse; onChanged: () => void }) {
  const locations = useApi('locations.list', { warehouseId: warehouse.id });
  const balances = useApi('stock.balances', { warehouseId: warehouse.id });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  useEvent('locations.changed', () => locations.reload());
  useEvent('stock.changed', () => balances.reload());

  const setNegative = async (allowNegative: boolean) => {
    setSaving(true);
    const r = await call('locations.updateWarehouse', { id: warehouse.id, allowNegative });
    setSaving(false);
    if (!r.ok) return setError(r.error.message);
    setError(undefined);
    notifySuccess('Warehouse updated', allowNegative ? `${warehouse.code} now allows negative on hand` : `${warehouse.code} no longer allows negative on hand`);
    onChanged();
  };

  const locs = locations.data ?? [];
  const bins = locs.filter((l) => l.kind === 'bin').length;
  const zones = locs.filter((l) => l.kind === 'zone');
  const stock = stockByLocation(balances.data ?? []);
  const units = [...stock.values()].reduce((s, x) => s + x.units, 0);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>{warehouse.name}</Title>
          <Text size="sm" c="dimmed">
            Code <span className="mono">{warehouse.code}</span> · {zones.length} zone{zones.length === 1 ? '' : 's'} · {bins} bin{bins === 1 ? '' : 's'} · {units} unit{units === 1 ? '' : 's'} in stock
          </Text>
        </div>
        <Switch
          label="Allow negative on hand"
          checked={warehouse.allowNegative}
          disabled={saving}
          onChange={(e) => void setNegative(e.currentTarget.checked)}
          data-testid="allow-negative"
        />
      </Group>
      {error ? <Alert color="red">{error}</Alert> : null}
      {locations.loading && !locations.data ? <Loader /> : <LocationTree locations={locs} stock={stock} />}
      <Paper withBorder radius="md" p="md" bg="var(--mantine-color-default-hover)">
        <Text fw={600} mb="sm">
          Add a zone or bin to {warehouse.code}
        </Text>
        <LocationForm warehouseId={warehouse.id} zones={zones} onCreated={locations.reload} />
      </Paper>
    </Stack>
  );
}

/** Warehouses, their zones and bins, with the stock in each bin. */
export function LocationsPage() {
  const warehouses = useApi('locations.warehouses', {});
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  useEvent('locations.changed', () => warehouses.reload());
  const list = warehouses.data ?? [];
  const current = list.find((w) => String(w.id) === selected) ?? list[0];

  return (
    <>
      <PageHeader
        title="Locations"
        description="Stock is kept in bins; zones group bins. Scan a bin's barcode in any form to use it."
        actions={
          list.length ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="new-warehouse">
              New warehouse
            </Button>
          ) : undefined
        }
      />
      {warehouses.error ? <Alert color="red">{warehouses.error.message}</Alert> : null}
      {warehouses.data && list.length === 0 ? (
        <Paper withBorder radius="md" p="lg" maw={720}>
          <Title order={4}>Create your first warehouse</Title>
          <Text size="sm" c="dimmed" mb="md">
            A warehouse holds zones and bins. Most businesses have one.
          </Text>
          <WarehouseForm onCreated={(w) => (warehouses.reload(), setSelected(String(w.id)))} />
        </Paper>
      ) : null}
      {current ? (
        <Paper withBorder radius="md" p="md">
          <Tabs value={String(current.id)} onChange={setSelected} mb="md">
            <Tabs.List>
              {list.map((w) => (
                <Tabs.Tab key={w.id} value={String(w.id)} rightSection={w.allowNegative ? <Badge size="xs" color="orange" variant="light">negative ok</Badge> : null}>
                  <span className="mono">{w.code}</span>
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <WarehousePanel key={current.id} warehouse={current} onChanged={warehouses.reload} />
        </Paper>
      ) : null}
      <Modal opened={creating} onClose={() => setCreating(false)} title="New warehouse" size="lg" centered>
        <WarehouseForm
          onCancel={() => setCreating(false)}
          onCreated={(w) => {
            setCreating(false);
            warehouses.reload();
            setSelected(String(w.id));
          }}
        />
      </Modal>
    </>
  );
}
