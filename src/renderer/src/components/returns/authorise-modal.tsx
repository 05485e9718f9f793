import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { Item } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import type { ApiError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { RefusalNote } from './refusal-note';
import { ItemField } from '../item-field';

type ItemRef = Item | null;

/** Authorise a return from a shipped order: which lines, how many (at most shipped less already returned), why. */
export function AuthoriseModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const [query, setQuery] = useState('');
  const shipped = useApi('orders.list', opened ? { status: 'shipped', query: query || undefined, limit: 50 } : null);
  const partly = useApi('orders.list', opened ? { status: 'partially_shipped', query: query || undefined, limit: 50 } : null);
  const [orderId, setOrderId] = useState<string | null>(null);
  const order = useApi('orders.get', orderId ? { id: Number(orderId) } : null);
  const [qty, setQty] = useState<Record<number, number | string>>({});
  const [lineReason, setLineReason] = useState<Record<number, string>>({});
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    setOrderId(null);
    setQty({});
    setLineReason({});
    setReason('');
    setError(undefined);
  }, [opened]);

  const options = useMemo(
    () => [...(shipped.data?.rows ?? []), ...(partly.data?.rows ?? [])].map((o) => ({ value: String(o.id), label: `${o.number} · ${o.customer.name}` })),
    [shipped.data, partly.data],
  );
  const lines = (order.data?.lines ?? []).filter((l) => l.shipped > 0);
  const asked = lines.filter((l) => typeof qty[l.id] === 'number' && (qty[l.id] as number) > 0);
  const fields = error?.fields ?? {};
  const lineError = (lineId: number, k: string) => {
    const i = asked.findIndex((l) => l.id === lineId);
    return i < 0 ? undefined : fields[`lines.${i}.${k}`];
  };

  const submit = async () => {
    if (!orderId) return setError({ code: 'VALIDATION', message: 'Choose the shipped order the parcel came from', fields: { orderId: 'Choose the order' } });
    if (!asked.length) return setError({ code: 'VALIDATION', message: 'Give the quantity returned on at least one line', fields: {} });
    setBusy(true);
    const r = await call('returns.authorise', {
      orderId: Number(orderId),
      reason,
      lines: asked.map((l) => ({ orderLineId: l.id, quantity: qty[l.id] as number, ...(lineReason[l.id]?.trim() && { reason: lineReason[l.id].trim() }) })),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value.id);
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Authorise a return" size="xl">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <Select
            label="Shipped order"
            placeholder="Type an order number or customer"
            data={options}
            value={orderId}
            onChange={setOrderId}
            searchable
            searchValue={query}
            onSearchChange={setQuery}
            filter={({ options: o }) => o}
            nothingFoundMessage={shipped.loading ? 'Loading…' : 'No shipped order matches'}
            error={fields.orderId}
            data-testid="rma-order"
          />
          {orderId && order.data ? (
            lines.length ? (
              <Table verticalSpacing={6} data-testid="rma-lines">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Item</Table.Th>
                    <Table.Th ta="right">Shipped</Table.Th>
                    <Table.Th w={130}>Returned</Table.Th>
                    <Table.Th>Line reason (optional)</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {lines.map((l) => (
                    <Table.Tr key={l.id} style={{ verticalAlign: 'top' }}>
                      <Table.Td>
                        <Text size="sm" fw={600} className="mono">
                          {l.sku}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {l.name}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">{l.shipped}</Table.Td>
                      <Table.Td>
                        <NumberInput
                          min={0}
                          allowDecimal={false}
                          value={qty[l.id] ?? ''}
                          placeholder="0"
                          onChange={(v) => setQty((cur) => ({ ...cur, [l.id]: v }))}
                          error={lineError(l.id, 'quantity')}
                          aria-label={`Quantity of ${l.sku} returned`}
                          data-testid={`rma-qty-${l.sku}`}
                        />
                      </Table.Td>
                      <Table.Td>
                        <TextInput value={lineReason[l.id] ?? ''} onChange={(e) => setLineReason((cur) => ({ ...cur, [l.id]: e.currentTarget.value }))} aria-label={`Reason for ${l.sku}`} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : (
              <Alert color="yellow">Nothing of this order has shipped yet.</Alert>
            )
          ) : null}
          <TextInput label="Reason" placeholder="e.g. Damaged in transit" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} data-testid="rma-reason" />
          <RefusalNote error={error} shownFields={['orderId', 'reason', ...asked.map((_, i) => `lines.${i}.quantity`)]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="rma-authorise">
              Authorise return
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A parcel nobody announced: the item, how many and at what cost (default: its last known cost). */
export function UnexpectedModal({ opened, onClose, onDone }: { opened: boolean; onClose: () => void; onDone: (id: number) => void }) {
  const { currency } = useSettings();
  const [customer, setCustomer] = useState('');
  const [item, setItem] = useState<ItemRef>(null);
  const [quantity, setQuantity] = useState<number | string>(1);
  const [cost, setCost] = useState('');
  const [lot, setLot] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!opened) return;
    setItem(null);
    setQuantity(1);
    setCost('');
    setLot('');
    setReason('');
    setCustomer('');
    setError(undefined);
  }, [opened]);
  const fields = error?.fields ?? {};
  const submit = async () => {
    const unit = cost.trim() ? parseMoney(cost, currency) : undefined;
    if (unit === null) return setError({ code: 'VALIDATION', message: 'The unit cost is not an amount', fields: { 'lines.0.unitCostMinor': 'Not an amount (e.g. 4.50)' } });
    if (!item) return setError({ code: 'VALIDATION', message: 'Choose the item returned', fields: { 'lines.0.itemId': 'Scan or type the item' } });
    setBusy(true);
    const r = await call('returns.authorise', {
      customerName: customer.trim() || undefined,
      reason,
      lines: [{ itemId: item.id, quantity: typeof quantity === 'number' ? quantity : 0, ...(unit !== undefined && { unitCostMinor: unit }), ...(lot.trim() && { lot: lot.trim() }) }],
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    onDone(r.value.id);
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Unexpected return" size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <TextInput label="Customer (if known)" value={customer} onChange={(e) => setCustomer(e.currentTarget.value)} />
          <ItemField value={item} onChange={setItem} error={fields['lines.0.itemId']} />
          <Group grow>
            <NumberInput label="Quantity" min={1} allowDecimal={false} value={quantity} onChange={setQuantity} error={fields['lines.0.quantity']} data-testid="unexpected-qty" />
            <TextInput label={`Unit cost (${currency})`} placeholder="last known cost" value={cost} onChange={(e) => setCost(e.currentTarget.value)} error={fields['lines.0.unitCostMinor']} />
            <TextInput label="Lot (tracked items)" value={lot} onChange={(e) => setLot(e.currentTarget.value)} error={fields['lines.0.lot']} />
          </Group>
          <TextInput label="Reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} data-testid="unexpected-reason" />
          <RefusalNote error={error} shownFields={['reason', 'lines.0.itemId', 'lines.0.quantity', 'lines.0.unitCostMinor', 'lines.0.lot']} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} data-testid="unexpected-authorise">
              Authorise
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
