import { Button, Checkbox, Group, Modal, MultiSelect, NumberInput, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { DEFAULT_COUNT_THRESHOLDS as d } from '../../../../shared/api/counts';
import type { Location } from '../../../../shared/api/locations';
import type { ApiError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { money } from '../../lib/format';
import { FormError } from '../form-error';

type By = 'bins' | 'zone' | 'items';

/** Every bin at or below a location. */
function binsUnder(all: Location[], rootId: number): number[] {
  const kids = new Map<number, Location[]>();
  for (const l of all) if (l.parentId !== null) kids.set(l.parentId, [...(kids.get(l.parentId) ?? []), l]);
  const out: number[] = [];
  const walk = (id: number) => {
    const l = all.find((x) => x.id === id);
    if (l?.kind === 'bin') out.push(id);
    for (const k of kids.get(id) ?? []) walk(k.id);
  };
  walk(rootId);
  return out;
}

/** Starts a count session: some bins, every bin of a zone, or some items wherever they are. */
export function CountCreateModal({
  opened,
  onClose,
  onCreated,
  initialBinIds = [],
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (id: number) => void;
  initialBinIds?: number[];
}) {
  const { currency } = useSettings();
  const locs = useApi('locations.list', opened ? {} : null);
  const [by, setBy] = useState<By>('bins');
  const [bins, setBins] = useState<string[]>([]);
  const [zone, setZone] = useState<string | null>(null);
  const [items, setItems] = useState<string[]>([]);
  const [query, setQuery] = useState('');
  const [allowFound, setAllowFound] = useState(false);
  const [approvalUnits, setApprovalUnits] = useState<number | string>(10);
  const [autoUnits, setAutoUnits] = useState<number | string>(2);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const search = useApi('catalog.search', opened && by === 'items' ? { query, limit: 50 } : null);
  const [itemLabels, setItemLabels] = useState<Record<string, string>>({});

  useEffect(() => {
    if (!opened) return;
    setBy('bins');
    setBins(initialBinIds.map(String));
    setZone(null);
    setItems([]);
    setError(undefined);
  }, [opened, initialBinIds]);

  const all = locs.data ?? [];
  const binOptions = useMemo(() => all.filter((l) => l.kind === 'bin').map((l) => ({ value: String(l.id), label: l.path })), [all]);
  const zoneOptions = useMemo(() => all.filter((l) => l.kind === 'zone').map((l) => ({ value: String(l.id), label: l.path })), [all]);
  const zoneBins = zone ? binsUnder(all, Number(zone)) : [];
  useEffect(() => {
    if (!search.data) return;
    setItemLabels((cur) => ({ ...cur, ...Object.fromEntries(search.data!.rows.map((r) => [String(r.id), `${r.sku} · ${r.name}`])) }));
  }, [search.data]);
  const itemOptions = [...new Set([...items, ...(search.data?.rows ?? []).map((r) => String(r.id))])].map((v) => ({ value: v, label: itemLabels[v] ?? v }));

  const fieldError = (k: string) => error?.fields?.[k];
  const submit = async () => {
    setBusy(true);
    const thresholds = {
      ...(typeof autoUnits === 'number' && { autoUnits }),
      ...(typeof approvalUnits === 'number' && { approvalUnits }),
    };
    const input =
      by === 'items'
        ? { scope: 'item' as const, itemIds: items.map(Number), allowFound, thresholds }
        : { scope: 'bin' as const, locationIds: by === 'zone' ? zoneBins : bins.map(Number), allowFound, thresholds };
    const r = await call('counts.create', input);
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onCreated(r.value.id);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="New count" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <SegmentedControl
            value={by}
            onChange={(v) => setBy(v as By)}
            data={[
              { value: 'bins', label: 'By bins' },
              { value: 'zone', label: 'A whole zone' },
              { value: 'items', label: 'By items' },
            ]}
            data-testid="count-create-by"
          />
          {by === 'bins' ? (
            <MultiSelect
              label="Bins to count"
              placeholder="Type to find bins"
              data={binOptions}
              value={bins}
              onChange={setBins}
              searchable
              error={fieldError('locationIds') ?? fieldError('locationIds.0')}
              data-testid="count-create-bins"
            />
          ) : null}
          {by === 'zone' ? (
            <Select
              label="Zone"
              placeholder="Choose a zone"
              data={zoneOptions}
              value={zone}
              onChange={setZone}
              searchable
              error={fieldError('locationIds')}
              description={zone ? `${zoneBins.length} bin${zoneBins.length === 1 ? '' : 's'} in this zone` : undefined}
              data-testid="count-create-zone"
            />
          ) : null}
          {by === 'items' ? (
            <MultiSelect
              label="Items to count (in every bin that holds them)"
              placeholder="Type a SKU or name"
              data={itemOptions}
              value={items}
              onChange={setItems}
              searchable
              searchValue={query}
              onSearchChange={setQuery}
              filter={({ options }) => options}
              error={fieldError('itemIds')}
              data-testid="count-create-items"
            />
          ) : null}
          <SimpleGrid cols={2}>
            <NumberInput label="Auto-accept up to (units)" min={0} allowDecimal={false} value={autoUnits} onChange={setAutoUnits} error={fieldError('thresholds')} />
            <NumberInput label="Manager approval above (units)" min={0} allowDecimal={false} value={approvalUnits} onChange={setApprovalUnits} />
          </SimpleGrid>
          <Text size="xs" c="dimmed">
            Percent and value limits stay at their defaults (auto-accept within {d.autoPct} % and {money(d.autoValueMinor, currency)}, approval above {d.approvalPct} % or{' '}
            {money(d.approvalValueMinor, currency)}). Between the two, a line is counted again.
          </Text>
          <Checkbox
            label="Allow found items (an item not recorded in the bin is counted instead of refused)"
            checked={allowFound}
            onChange={(e) => setAllowFound(e.currentTarget.checked)}
            data-testid="count-create-allow-found"
          />
          <FormError error={error} shownFields={['locationIds', 'locationIds.0', 'itemIds', 'thresholds']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="count-create-submit">
              Start counting
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
