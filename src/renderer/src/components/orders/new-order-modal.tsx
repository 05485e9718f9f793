import { ActionIcon, Button, Divider, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import type { Item } from '../../../../shared/api';
import type { Order } from '../../../../shared/api/orders';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useSettings } from '../../hooks/use-settings';
import { useSubmit } from '../../hooks/use-submit';
import { FormError } from '../form-error';
import { ItemField } from '../item-field';

interface LineDraft {
  key: number;
  item: Item | null;
  quantity: number | string;
  price: string;
}

const ADDRESS_FIELDS = [
  ['name', 'Name', true],
  ['company', 'Company', false],
  ['line1', 'Address line 1', true],
  ['line2', 'Address line 2', false],
  ['city', 'City', true],
  ['region', 'Region', false],
  ['postalCode', 'Postal code', true],
  ['country', 'Country', true],
] as const;
type AddressKey = (typeof ADDRESS_FIELDS)[number][0];

let nextKey = 1;
const blankLine = (): LineDraft => ({ key: nextKey++, item: null, quantity: 1, price: '' });
const blankAddress = (): Record<AddressKey, string> => ({ name: '', company: '', line1: '', line2: '', city: '', region: '', postalCode: '', country: '' });
const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** A sales order typed by hand: customer, ship-to address and lines (item by SKU or barcode, quantity, price). */
export function NewOrderModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (o: Order) => void }) {
  const { currency } = useSettings();
  const [customerName, setCustomerName] = useState('');
  const [customerEmail, setCustomerEmail] = useState('');
  const [address, setAddress] = useState(blankAddress);
  const [lines, setLines] = useState<LineDraft[]>(() => [blankLine()]);
  const form = useSubmit();
  const fe = form.fieldErrors;

  const patchLine = (key: number, patch: Partial<LineDraft>, field: string) => {
    const i = lines.findIndex((l) => l.key === key);
    form.clearFieldError(`lines.${i}.${field}`);
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  };

  const reset = () => {
    setCustomerName('');
    setCustomerEmail('');
    setAddress(blankAddress());
    setLines([blankLine()]);
    form.reset();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    lines.forEach((l, i) => {
      if (!l.item) local[`lines.${i}.itemId`] = 'Scan or type an item';
      if (l.price.trim() && parseMoney(l.price, currency) === null) local[`lines.${i}.unitPriceMinor`] = 'Not a price (e.g. 12.50)';
    });
    if (Object.keys(local).length) return form.setFieldErrors(local);
    const created = await form.submit(() =>
      call('orders.create', {
        customerName,
        customerEmail: opt(customerEmail),
        shipTo: {
          name: address.name,
          company: opt(address.company),
          line1: address.line1,
          line2: opt(address.line2),
          city: address.city,
          region: opt(address.region),
          postalCode: address.postalCode,
          country: address.country,
        },
        lines: lines.map((l) => ({
          itemId: l.item!.id,
          quantity: typeof l.quantity === 'number' ? l.quantity : 0,
          unitPriceMinor: l.price.trim() ? (parseMoney(l.price, currency) ?? 0) : 0,
        })),
      }),
    );
    if (!created) return;
    reset();
    onCreated(created);
  };

  const shown = [
    'customerName',
    'customerEmail',
    'lines',
    ...ADDRESS_FIELDS.map(([k]) => `shipTo.${k}`),
    ...lines.flatMap((_, i) => [`lines.${i}.itemId`, `lines.${i}.quantity`, `lines.${i}.unitPriceMinor`]),
  ];

  return (
    <Modal opened={opened} onClose={onClose} title="New order" size="xl">
      <form onSubmit={submit} noValidate data-testid="new-order-form">
        <Stack gap="md">
          <FormError
            error={
              // Every problem is next to its field: say so rather than repeat the first one in API terms.
              form.error?.fields && Object.keys(form.error.fields).every((k) => shown.includes(k))
                ? { ...form.error, message: 'Check the fields marked in red.' }
                : form.error
            }
            shownFields={shown}
          />
          <SimpleGrid cols={2}>
            <TextInput
              label="Customer"
              required
              data-autofocus
              value={customerName}
              error={fe.customerName}
              onChange={(e) => {
                setCustomerName(e.currentTarget.value);
                form.clearFieldError('customerName');
              }}
              data-testid="order-customer"
            />
            <TextInput
              label="Email"
              type="email"
              value={customerEmail}
              error={fe.customerEmail}
              onChange={(e) => {
                setCustomerEmail(e.currentTarget.value);
                form.clearFieldError('customerEmail');
              }}
              data-testid="order-email"
            />
          </SimpleGrid>
          <Divider label="Ship to" labelPosition="left" />
          <SimpleGrid cols={2} verticalSpacing="xs">
            {ADDRESS_FIELDS.map(([k, label, required]) => (
              <TextInput
                key={k}
                label={label}
                required={required}
                value={address[k]}
                error={fe[`shipTo.${k}`]}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setAddress((a) => ({ ...a, [k]: v }));
                  form.clearFieldError(`shipTo.${k}`);
                }}
                data-testid={`ship-${k}`}
              />
            ))}
          </SimpleGrid>
          <Divider label="Lines" labelPosition="left" />
          {fe.lines ? (
            <Text c="red" size="sm">
              {fe.lines}
            </Text>
          ) : null}
          <Stack gap="xs">
            {lines.map((l, i) => (
              <Group key={l.key} align="flex-start" gap="sm" wrap="nowrap" data-testid="order-line-input">
                <div style={{ flex: 1 }}>
                  <ItemField value={l.item} onChange={(item) => patchLine(l.key, { item }, 'itemId')} error={fe[`lines.${i}.itemId`]} />
                </div>
                <NumberInput
                  w={130}
                  label="Quantity"
                  min={1}
                  allowDecimal={false}
                  value={l.quantity}
                  error={fe[`lines.${i}.quantity`]}
                  onChange={(v) => patchLine(l.key, { quantity: v }, 'quantity')}
                  data-testid="line-quantity"
                />
                <TextInput
                  w={150}
                  label={`Unit price (${currency})`}
                  placeholder="0.00"
                  value={l.price}
                  error={fe[`lines.${i}.unitPriceMinor`]}
                  onChange={(e) => patchLine(l.key, { price: e.currentTarget.value }, 'unitPriceMinor')}
                  data-testid="line-price"
                />
                <ActionIcon
                  mt={30}
                  variant="subtle"
                  color="red"
                  aria-label="Remove line"
                  disabled={lines.length === 1}
                  onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
          <Group justify="space-between">
            <Button variant="subtle" leftSection={<IconPlus size={16} />} onClick={() => setLines((ls) => [...ls, blankLine()])} data-testid="add-line">
              Add line
            </Button>
            <Group>
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting} data-testid="order-save">
                Create order
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
