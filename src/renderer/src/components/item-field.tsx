import { Badge, Group, Text } from '@mantine/core';
import { IconPackage } from '@tabler/icons-react';
import type { Ref } from 'react';
import type { Item } from '../../../shared/api';
import { call } from '../api/client';
import { LookupInput, type LookupHandle, type Resolved } from './lookup-input';

async function resolveItem(code: string): Promise<Resolved<Item>> {
  const r = await call('catalog.lookup', { code });
  if (!r.ok) return { error: r.error.message };
  if (!r.value.item) return { error: `No item has SKU or barcode “${code}”` };
  return { value: r.value.item };
}

const display = (i: Item) => i.sku;
const describe = (i: Item) => (
  <Group gap={6} component="span" wrap="nowrap">
    <Text span size="xs">
      {i.name}
    </Text>
    {i.tracking !== 'none' ? (
      <Badge size="xs" variant="light" color="grape" component="span">
        {i.tracking} tracked
      </Badge>
    ) : null}
  </Group>
);

/** Item by SKU or any of its barcodes (typed or scanned). */
export function ItemField(props: {
  value: Item | null;
  onChange: (i: Item | null) => void;
  error?: string;
  autoFocus?: boolean;
  ref?: Ref<LookupHandle<Item>>;
}) {
  return (
    <LookupInput<Item>
      label="Item"
      placeholder="Scan or type SKU / barcode"
      leftSection={<IconPackage size={16} />}
      display={display}
      describe={describe}
      resolve={resolveItem}
      testId="item-field"
      {...props}
    />
  );
}
