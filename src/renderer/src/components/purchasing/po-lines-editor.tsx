import { ActionIcon, Button, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import type { Input, Item, PurchaseOrder, SupplierItem } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import { money, toDecimal } from '../../lib/format';
import { parseQty } from '../../lib/parse';
import { EmptyRow } from '../empty-row';
import { ItemField } from '../item-field';
import type { LookupHandle } from '../lookup-input';

export interface EditLine {
  key: string;
  itemId: number;
  sku: string;
  name: string;
  quantity: string;
  /** Decimal as typed ("4.20"); empty = the supplier's cost for the item. */
  cost: string;
  supplierSku: string | null;
  /** Not on the supplier's list: the cost comes from the item. */
  offList: boolean;
}

type DraftLine = NonNullable<Input<'purchasing.orders.updateDraft'>['lines']>[number];

let seq = 0;
const nextKey = () => `l${++seq}`;

/** The lines of a draft PO already on the server, as editable rows. */
export function linesFromPo(po: PurchaseOrder): EditLine[] {
  return po.lines.map((l) => ({
    key: nextKey(),
    itemId: l.itemId,
    sku: l.sku,
    name: l.name,
    quantity: String(l.quantity),
    cost: toDecimal(l.unitCostMinor, po.currency),
    supplierSku: l.supplierSku,
    offList: false,
  }));
}

/** Checks the rows and turns them into API lines; per-row errors keyed by line key ("<key>.quantity", "<key>.cost"). */
export function toDraftLines(lines: EditLine[], currency: string): { lines: DraftLine[] } | { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out: DraftLine[] = [];
  for (const l of lines) {
    const quantity = parseQty(l.quantity);
    const cost = l.cost.trim() ? parseMoney(l.cost, currency) : undefined;
    if (quantity === null) errors[`${l.key}.quantity`] = 'Whole number above 0';
    if (cost === null) errors[`${l.key}.cost`] = 'Amount like 2.50';
    if (quantity !== null && cost !== null) out.push({ itemId: l.itemId, quantity, ...(cost !== undefined && { unitCostMinor: cost }), ...(l.supplierSku && { supplierSku: l.supplierSku }) });
  }
  return Object.keys(errors).length ? { errors } : { lines: out };
}

/**
 * The lines of a PO being written: add an item by SKU or barcode (scanned or typed) with a quantity; the unit cost
 * starts at what this supplier charges for it and can be overwritten. Adding an item again adds to its line.
 */
export function PoLinesEditor({
  lines,
  onChange,
  currency,
  supplierItems,
  errors,
}: {
  lines: EditLine[];
  onChange: (lines: EditLine[]) => void;
  currency: string;
  supplierItems: SupplierItem[];
  errors: Record<string, string>;
}) {
  const [item, setItem] = useState<Item | null>(null);
  const [qty, setQty] = useState('1');
  const [addError, setAddError] = useState<string>();
  const itemRef = useRef<LookupHandle<Item>>(null);

  const add = async () => {
    // A click right after typing may come before the field resolved the code on blur.
    const item = (await itemRef.current?.resolveNow()) ?? null;
    if (!item) return setAddError('Scan or type the item first');
    const q = parseQty(qty);
    if (q === null) return setAddError('Quantity must be a whole number above 0');
    const existing = lines.find((l) => l.itemId === item.id);
    if (existing) {
      const before = parseQty(existing.quantity) ?? 0;
      onChange(lines.map((l) => (l === existing ? { ...l, quantity: String(before + q) } : l)));
    } else {
      const si = supplierItems.find((s) => s.itemId === item.id);
      onChange([
        ...lines,
        {
          key: nextKey(),
          itemId: item.id,
          sku: item.sku,
          name: item.name,
          quantity: String(q),
          cost: toDecimal(si ? si.effective.costMinor : item.costMinor, currency),
          supplierSku: si?.supplierSku ?? null,
          offList: !si,
        },
      ]);
    }
    setItem(null);
    setQty('1');
    setAddError(undefined);
  };

  const set = (key: string, patch: Partial<EditLine>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const total = lines.reduce((s, l) => {
    const q = parseQty(l.quantity);
    const c = parseMoney(l.cost, currency);
    return q !== null && c !== null ? s + q * c : s;
  }, 0);

  return (
    <Stack gap="sm">
      <Table verticalSpacing={6} data-testid="po-edit-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Their SKU</Table.Th>
            <Table.Th w={120}>Quantity</Table.Th>
            <Table.Th w={140}>Unit cost ({currency})</Table.Th>
            <Table.Th ta="right">Line total</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.length === 0 ? <EmptyRow cols={6}>No lines yet: scan or type an item below.</EmptyRow> : null}
          {lines.map((l) => {
            const q = parseQty(l.quantity);
            const c = parseMoney(l.cost, currency);
            return (
              <Table.Tr key={l.key} data-testid="po-edit-line" data-sku={l.sku}>
                <Table.Td>
                  <Text size="sm" fw={600} className="mono">
                    {l.sku}
                  </Text>
                  <Text size="xs" c={l.offList ? 'orange' : 'dimmed'}>
                    {l.name}
                    {l.offList ? ' · not on this supplier’s list: item cost used' : ''}
                  </Text>
                </Table.Td>
                <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                  {l.supplierSku ?? '—'}
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    inputMode="numeric"
                    value={l.quantity}
                    onChange={(e) => set(l.key, { quantity: e.currentTarget.value })}
                    error={errors[`${l.key}.quantity`]}
                    aria-label={`Quantity of ${l.sku}`}
                    data-testid="line-qty"
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    inputMode="decimal"
                    value={l.cost}
                    placeholder="supplier cost"
                    onChange={(e) => set(l.key, { cost: e.currentTarget.value })}
                    error={errors[`${l.key}.cost`]}
                    aria-label={`Unit cost of ${l.sku}`}
                    data-testid="line-cost"
                  />
                </Table.Td>
                <Table.Td ta="right" data-testid="line-total">
                  {q !== null && c !== null ? money(q * c, currency) : '—'}
                </Table.Td>
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove ${l.sku}`} onClick={() => onChange(lines.filter((x) => x.key !== l.key))} data-testid="line-remove">
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
        {lines.length ? (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={4} ta="right">
                Total
              </Table.Th>
              <Table.Th ta="right" data-testid="po-edit-total">
                {money(total, currency)}
              </Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Tfoot>
        ) : null}
      </Table>
      <Group align="flex-start" gap="sm" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <ItemField ref={itemRef} value={item} onChange={setItem} error={addError} />
        </div>
        <TextInput
          label="Quantity"
          w={110}
          inputMode="numeric"
          value={qty}
          onChange={(e) => setQty(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void add();
            }
          }}
          data-testid="add-qty"
        />
        <Button mt={25} variant="light" leftSection={<IconPlus size={16} />} onClick={() => void add()} data-testid="add-line">
          Add line
        </Button>
      </Group>
    </Stack>
  );
}
