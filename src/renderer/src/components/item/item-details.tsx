import { SimpleGrid, Text } from '@mantine/core';
import type { Item } from '../../../../shared/api';
import { formatDateTime, money } from '../../lib/format';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

const dims = (i: Item) => (i.lengthMm && i.widthMm && i.heightMm ? `${i.lengthMm} × ${i.widthMm} × ${i.heightMm} mm` : '—');

export function ItemDetails({ item }: { item: Item }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="lg" verticalSpacing="md">
      <Fact label="Category">{item.category || '—'}</Fact>
      <Fact label="Unit">{item.unit}</Fact>
      <Fact label="Standard cost">{money(item.costMinor, item.currency)}</Fact>
      <Fact label="Price">{money(item.priceMinor, item.currency)}</Fact>
      <Fact label="Tracking">{{ none: 'Quantity only', lot: 'Lot / batch', serial: 'Serial number' }[item.tracking]}</Fact>
      <Fact label="Shelf life">{item.shelfLifeDays ? `${item.shelfLifeDays} days` : '—'}</Fact>
      <Fact label="Weight">{item.weightGrams ? `${item.weightGrams} g` : '—'}</Fact>
      <Fact label="Dimensions">{dims(item)}</Fact>
      <Fact label="Created">{formatDateTime(item.createdAt)}</Fact>
      <Fact label="Updated">{formatDateTime(item.updatedAt)}</Fact>
      <Fact label="Status">{item.active ? 'Active' : 'Inactive'}</Fact>
      {item.description ? <Fact label="Description">{item.description}</Fact> : null}
    </SimpleGrid>
  );
}
