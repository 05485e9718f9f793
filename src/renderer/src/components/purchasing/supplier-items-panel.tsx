import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Item, Supplier } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { money } from '../../lib/format';
import { parseOptionalInt } from '../../lib/parse';
import { EmptyRow } from '../empty-row';
import { FormError } from '../form-error';
import { ItemField } from '../item-field';

/**
 * What one supplier sells us and on which terms. Empty fields fall back to the supplier's defaults (the "effective"
 * column), so only the exceptions need typing.
 */
export function SupplierItemsPanel({ supplier }: { supplier: Supplier }) {
  const detail = useApi('purchasing.suppliers.get', { id: supplier.id });
  const [item, setItem] = useState<Item | null>(null);
  const [f, setF] = useState({ supplierSku: '', cost: '', moq: '', pack: '', lead: '', preferred: true });
  const s = useSubmit();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!item) errors.itemId = 'Scan or type the item';
    const cost = f.cost.trim() ? parseMoney(f.cost, supplier.currency) : undefined;
    if (cost === null) errors.costMinor = 'Enter an amount like 2.50';
    const moq = parseOptionalInt(f.moq);
    const pack = parseOptionalInt(f.pack);
    const lead = parseOptionalInt(f.lead);
    if (moq === null) errors.minOrderQty = 'Whole number';
    if (pack === null) errors.packSize = 'Whole number';
    if (lead === null) errors.leadTimeDays = 'Whole days';
    if (Object.keys(errors).length || !item) return s.setFieldErrors(errors);
    const ok = await s.submit(() =>
      call('purchasing.supplierItems.set', {
        supplierId: supplier.id,
        itemId: item.id,
        supplierSku: f.supplierSku.trim() || null,
        costMinor: cost ?? null,
        minOrderQty: moq ?? null,
        packSize: pack ?? null,
        leadTimeDays: lead ?? null,
        preferred: f.preferred,
      }),
    );
    if (ok) {
      setItem(null);
      setF({ supplierSku: '', cost: '', moq: '', pack: '', lead: '', preferred: true });
      detail.reload();
    }
  };

  const items = detail.data?.items ?? [];
  const err = s.fieldErrors;
  const upd = (k: 'supplierSku' | 'cost' | 'moq' | 'pack' | 'lead') => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((o) => ({ ...o, [k]: v }));
  };
  return (
    <Stack gap="md">
      <Table verticalSpacing={6} data-testid="supplier-items">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Their SKU</Table.Th>
            <Table.Th ta="right">Cost</Table.Th>
            <Table.Th ta="right">MOQ</Table.Th>
            <Table.Th ta="right">Pack</Table.Th>
            <Table.Th ta="right">Lead time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && !detail.loading ? <EmptyRow cols={6}>No items yet: add what this supplier sells below.</EmptyRow> : null}
          {items.map((i) => (
            <Table.Tr key={i.itemId}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600} className="mono">
                    {i.sku}
                  </Text>
                  {i.preferred ? (
                    <Badge size="xs" variant="light">
                      preferred
                    </Badge>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed">
                  {i.name}
                </Text>
              </Table.Td>
              <Table.Td className="mono">{i.supplierSku ?? '—'}</Table.Td>
              <Table.Td ta="right">{money(i.effective.costMinor, supplier.currency)}</Table.Td>
              <Table.Td ta="right">{i.effective.minOrderQty ?? '—'}</Table.Td>
              <Table.Td ta="right">{i.effective.packSize}</Table.Td>
              <Table.Td ta="right">{i.effective.leadTimeDays === null ? '—' : `${i.effective.leadTimeDays} d`}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={save}>
        <Stack gap="xs">
          <Title order={5}>Add or change an item's terms</Title>
          <FormError error={s.error} shownFields={['itemId', 'costMinor', 'minOrderQty', 'packSize', 'leadTimeDays', 'supplierSku']} />
          <Group grow align="flex-start">
            <ItemField value={item} onChange={setItem} error={err.itemId} />
            <TextInput label="Their SKU" value={f.supplierSku} onChange={upd('supplierSku')} error={err.supplierSku} />
          </Group>
          <Group grow align="flex-start">
            <TextInput label={`Cost (${supplier.currency})`} placeholder="item cost" value={f.cost} onChange={upd('cost')} error={err.costMinor} />
            <TextInput label="MOQ" placeholder={supplier.minOrderQty?.toString() ?? 'none'} value={f.moq} onChange={upd('moq')} error={err.minOrderQty} />
            <TextInput label="Pack" placeholder={String(supplier.packSize)} value={f.pack} onChange={upd('pack')} error={err.packSize} />
            <TextInput label="Lead time (d)" placeholder={supplier.leadTimeDays?.toString() ?? '—'} value={f.lead} onChange={upd('lead')} error={err.leadTimeDays} />
          </Group>
          <Group justify="space-between">
            <Checkbox label="Preferred supplier of this item (replenishment orders from it)" checked={f.preferred} onChange={(e) => setF((o) => ({ ...o, preferred: e.currentTarget.checked }))} />
            <Button type="submit" loading={s.submitting}>
              Save terms
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
