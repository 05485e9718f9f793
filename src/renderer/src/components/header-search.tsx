import { Autocomplete, Group, Kbd, Text, type ComboboxItem } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import type { ItemRow } from '../../../shared/api';
import { call } from '../api/client';
import { navigate } from '../hooks/use-route';

/**
 * Jump to an item from anywhere: suggestions as you type; Enter on a scanned or typed code goes straight to the
 * item it identifies (barcode, then SKU); otherwise to the Items list filtered by the text.
 */
export function HeaderSearch() {
  const [value, setValue] = useState('');
  const [debounced] = useDebouncedValue(value, 120);
  const [rows, setRows] = useState<ItemRow[]>([]);
  const ref = useRef<HTMLInputElement>(null);
  useHotkeys([['mod+K', () => ref.current?.focus()], ['/', () => ref.current?.focus()]]);

  useEffect(() => {
    const q = debounced.trim();
    if (!q) return setRows([]);
    let live = true;
    void call('catalog.search', { query: q, limit: 8 }).then((r) => {
      if (live && r.ok) setRows(r.value.rows);
    });
    return () => {
      live = false;
    };
  }, [debounced]);

  const open = (id: number) => {
    navigate(`/items/${id}`);
    // Autocomplete writes the option label into the input after submit; clear once it has.
    setTimeout(() => setValue(''), 0);
    ref.current?.blur();
  };

  const go = async (text: string) => {
    const q = text.trim();
    if (!q) return;
    const found = await call('catalog.lookup', { code: q });
    if (found.ok && found.value.item) return open(found.value.item.id);
    navigate(`/items?q=${encodeURIComponent(q)}`);
    setValue('');
  };

  const data: ComboboxItem[] = rows.map((r) => ({ value: String(r.id), label: `${r.sku} — ${r.name}` }));
  const byId = new Map(rows.map((r) => [String(r.id), r]));

  return (
    <Autocomplete
      ref={ref}
      aria-label="Search items"
      placeholder="Search SKU, name or barcode"
      leftSection={<IconSearch size={16} />}
      rightSection={<Kbd size="xs">/</Kbd>}
      rightSectionWidth={36}
      value={value}
      onChange={setValue}
      data={data}
      // The server already matched; filtering again client-side would hide barcode matches.
      filter={({ options }) => options}
      onOptionSubmit={(v) => open(Number(v))}
      renderOption={({ option }) => {
        const r = byId.get(option.value);
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} ff="monospace">
                {r?.sku}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {r?.name}
              </Text>
            </div>
            <Text size="xs" c="dimmed">
              {r ? `${r.onHand} on hand` : ''}
            </Text>
          </Group>
        );
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          setValue('');
          e.currentTarget.blur();
        }
        // An option highlighted with the arrows is submitted by the combobox itself.
        if (e.key === 'Enter' && !e.currentTarget.getAttribute('aria-activedescendant')) {
          e.preventDefault();
          void go(value);
        }
      }}
      w={{ base: 200, sm: 340 }}
      data-testid="global-search"
    />
  );
}
