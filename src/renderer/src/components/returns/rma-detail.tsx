import { Alert, Badge, Button, Drawer, Group, Loader, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCash, IconPackageImport, IconRecycle, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import type { Rma } from '../../../../shared/api/returns';
import type { ApiError } from '../../../../shared/errors';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { newIdempotencyKey } from '../../lib/idempotency';
import { formatDateTime, money } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { RefusalNote } from './refusal-note';
import { useBinOptions } from './use-bins';

type Line = Rma['lines'][number];

export const RMA_STATUS: Record<Rma['status'], { label: string; color: string }> = {
  authorised: { label: 'Authorised', color: 'blue' },
  received: { label: 'Received', color: 'orange' },
  inspected: { label: 'Inspected', color: 'teal' },
  cancelled: { label: 'Cancelled', color: 'gray' },
};

const num = (v: number | string | undefined): number => (typeof v === 'number' ? v : 0);

/** One return: its lines and every next step (receive, inspect, restock refurbished, refund). */
export function RmaDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  return (
    <Drawer opened={id !== null} onClose={onClose} position="right" size={920} padding="lg" title={null} data-testid="rma-drawer">
      {id !== null ? <RmaDetail key={id} id={id} onChanged={onChanged} /> : null}
    </Drawer>
  );
}

function RmaDetail({ id, onChanged }: { id: number; onChanged: () => void }) {
  const { currency } = useSettings();
  const r = useApi('returns.get', { id });
  const refresh = () => {
    r.reload();
    onChanged();
  };
  if (!r.data) return r.error ? <Alert color="red">{r.error.message}</Alert> : <Loader />;
  const rma = r.data;
  const outstanding = rma.lines.filter((l) => l.received < l.quantity);
  const inLimbo = rma.lines.filter((l) => l.inLimbo > 0);
  const refurbishing = rma.lines.filter((l) => l.refurbish > l.refurbished);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={3}>
            <span className="mono" data-testid="rma-number">
              {rma.number}
            </span>{' '}
            <Badge size="lg" variant="light" color={RMA_STATUS[rma.status].color} style={{ verticalAlign: 'middle' }} data-testid="rma-status">
              {RMA_STATUS[rma.status].label}
            </Badge>
          </Title>
          <Text size="sm" c="dimmed">
            {rma.orderNumber ? `Order ${rma.orderNumber}` : 'Unexpected return'} · {rma.customerName || 'unknown customer'} · {rma.reason} · {formatDateTime(rma.createdAt)}
          </Text>
        </div>
        <Text size="sm">
          Refunded <b data-testid="rma-refunded">{money(rma.refundMinor, currency)}</b>
        </Text>
      </Group>
      <Table verticalSpacing={6} striped data-testid="rma-detail-lines">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">Authorised</Table.Th>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th ta="right">In limbo</Table.Th>
            <Table.Th ta="right">Restocked</Table.Th>
            <Table.Th ta="right">Refurbish</Table.Th>
            <Table.Th ta="right">Written off</Table.Th>
            <Table.Th ta="right">Cost received</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rma.lines.map((l) => (
            <Table.Tr key={l.id} data-testid={`rma-line-${l.sku}`}>
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {l.sku}
                </Text>
                {l.reason ? (
                  <Text size="xs" c="dimmed">
                    {l.reason}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right">{l.received}</Table.Td>
              <Table.Td ta="right" fw={l.inLimbo ? 700 : undefined} c={l.inLimbo ? 'orange' : undefined}>
                {l.inLimbo}
              </Table.Td>
              <Table.Td ta="right">{l.restocked}</Table.Td>
              <Table.Td ta="right">{l.refurbish ? `${l.refurbished}/${l.refurbish} back` : 0}</Table.Td>
              <Table.Td ta="right">
                {l.writtenOff}
                {l.writeOffMinor ? (
                  <Text size="xs" c="red">
                    {money(l.writeOffMinor, currency)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{money(l.receivedCostMinor, currency)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {outstanding.length && rma.status !== 'cancelled' ? <ReceiveForm rma={rma} lines={outstanding} onDone={refresh} /> : null}
      {inLimbo.map((l) => (
        <InspectForm key={l.id} rma={rma} line={l} onDone={refresh} />
      ))}
      {refurbishing.map((l) => (
        <RefurbishedForm key={l.id} rma={rma} line={l} onDone={refresh} />
      ))}
      <RefundForm rma={rma} onDone={refresh} />
    </Stack>
  );
}

function Section({ icon, title, children, testId }: { icon: React.ReactNode; title: string; children: React.ReactNode; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Group gap={8} mb="sm">
        {icon}
        <Title order={5}>{title}</Title>
      </Group>
      {children}
    </Paper>
  );
}

function ReceiveForm({ rma, lines, onDone }: { rma: Rma; lines: Line[]; onDone: () => void }) {
  const [qty, setQty] = useState<Record<number, number | string>>(() => Object.fromEntries(lines.map((l) => [l.id, l.quantity - l.received])));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const asked = lines.filter((l) => num(qty[l.id]) > 0);
  const submit = async () => {
    setBusy(true);
    const r = await call('returns.receive', { returnId: rma.id, idempotencyKey: key, lines: asked.map((l) => ({ returnLineId: l.id, quantity: num(qty[l.id]) })) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    notifySuccess('Received', `${rma.number}: ${asked.reduce((n, l) => n + num(qty[l.id]), 0)} unit(s) in returns limbo, waiting for inspection`);
    onDone();
  };
  return (
    <Section icon={<IconPackageImport size={18} />} title="Receive the parcel (into returns limbo, not available)" testId="rma-receive">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Group align="flex-end" gap="md">
          {lines.map((l) => {
            const i = asked.findIndex((a) => a.id === l.id);
            return (
              <NumberInput
                key={l.id}
                label={`${l.sku} (of ${l.quantity - l.received} expected)`}
                min={0}
                allowDecimal={false}
                w={200}
                value={qty[l.id]}
                onChange={(v) => setQty((c) => ({ ...c, [l.id]: v }))}
                error={i >= 0 ? error?.fields?.[`lines.${i}.quantity`] : undefined}
                data-testid={`receive-qty-${l.sku}`}
              />
            );
          })}
          <Button type="submit" loading={busy} disabled={!asked.length} data-testid="rma-receive-submit">
            Receive
          </Button>
        </Group>
        <RefusalNote error={error} shownFields={asked.map((_, i) => `lines.${i}.quantity`)} />
      </form>
    </Section>
  );
}

/** Splits the units in limbo between restock (to a bin), refurbish (to a refurbish bin) and write off (to scrap). */
function InspectForm({ rma, line, onDone }: { rma: Rma; line: Line; onDone: () => void }) {
  const bins = useBinOptions();
  const [restock, setRestock] = useState<number | string>(line.inLimbo);
  const [restockBin, setRestockBin] = useState<string | null>(null);
  const [refurb, setRefurb] = useState<number | string>(0);
  const [refurbBin, setRefurbBin] = useState<string | null>(null);
  const [writeOff, setWriteOff] = useState<number | string>(0);
  const [note, setNote] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const total = num(restock) + num(refurb) + num(writeOff);
  const grades = [
    ...(num(restock) > 0 ? [{ grade: 'restock' as const, quantity: num(restock), ...(restockBin && { locationId: Number(restockBin) }) }] : []),
    ...(num(refurb) > 0 ? [{ grade: 'refurbish' as const, quantity: num(refurb), ...(refurbBin && { locationId: Number(refurbBin) }) }] : []),
    ...(num(writeOff) > 0 ? [{ grade: 'write_off' as const, quantity: num(writeOff) }] : []),
  ];
  const idx = (g: string) => grades.findIndex((x) => x.grade === g);
  const f = (g: string, k: string) => {
    const i = idx(g);
    return i < 0 ? undefined : error?.fields?.[`grades.${i}.${k}`];
  };
  const over = total > line.inLimbo ? `${total} graded but only ${line.inLimbo} in limbo` : undefined;
  const submit = async () => {
    if (!grades.length) return setError({ code: 'VALIDATION', message: 'Grade at least one unit', fields: {} });
    setBusy(true);
    const r = await call('returns.inspect', { returnLineId: line.id, grades, idempotencyKey: key, ...(note.trim() && { note: note.trim() }) });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setKey(newIdempotencyKey());
    notifySuccess('Inspected', `${line.sku}: ${num(restock)} restocked, ${num(refurb)} to refurbish, ${num(writeOff)} written off`);
    onDone();
  };
  return (
    <Section icon={<IconSearch size={18} />} title={`Inspect ${line.sku}: ${line.inLimbo} in limbo`} testId={`rma-inspect-${line.sku}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={3} spacing="md">
          <Stack gap={6}>
            <NumberInput label="Restock (as new)" min={0} allowDecimal={false} value={restock} onChange={setRestock} error={f('restock', 'quantity')} data-testid="inspect-restock" />
            <Select label="to bin" data={bins} value={restockBin} onChange={setRestockBin} searchable placeholder="Choose a bin" error={f('restock', 'locationId')} data-testid="inspect-restock-bin" />
          </Stack>
          <Stack gap={6}>
            <NumberInput label="Refurbish" min={0} allowDecimal={false} value={refurb} onChange={setRefurb} error={f('refurbish', 'quantity')} data-testid="inspect-refurbish" />
            <Select label="to refurbish bin" data={bins} value={refurbBin} onChange={setRefurbBin} searchable placeholder="Choose a bin" error={f('refurbish', 'locationId')} data-testid="inspect-refurbish-bin" />
          </Stack>
          <Stack gap={6}>
            <NumberInput label="Write off (scrap)" min={0} allowDecimal={false} value={writeOff} onChange={setWriteOff} error={f('write_off', 'quantity')} data-testid="inspect-write-off" />
            <Text size="xs" c="dimmed" mt={4}>
              Written-off units go to scrap and their cost is written off.
            </Text>
          </Stack>
        </SimpleGrid>
        <Group mt="sm" align="flex-end">
          <TextInput style={{ flex: 1 }} label="Note (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
          <Button type="submit" loading={busy} data-testid="inspect-submit">
            Grade {total} unit{total === 1 ? '' : 's'}
          </Button>
        </Group>
        {over ? (
          <Text size="sm" c="red" mt={6} data-testid="inspect-over">
            {over}
          </Text>
        ) : null}
        <RefusalNote error={error} shownFields={grades.flatMap((_, i) => [`grades.${i}.quantity`, `grades.${i}.locationId`])} />
      </form>
    </Section>
  );
}

function RefurbishedForm({ rma, line, onDone }: { rma: Rma; line: Line; onDone: () => void }) {
  const { currency } = useSettings();
  const bins = useBinOptions();
  const waiting = line.refurbish - line.refurbished;
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [qty, setQty] = useState<number | string>(waiting);
  const [cost, setCost] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);
  const fields = error?.fields ?? {};
  const submit = async () => {
    const added = cost.trim() ? parseMoney(cost, currency) : undefined;
    if (added === null) return setError({ code: 'VALIDATION', message: 'The added cost is not an amount', fields: { addedCostMinor: 'Not an amount (e.g. 3.50)' } });
    if (!from || !to) return setError({ code: 'VALIDATION', message: 'Choose the refurbish bin and the bin to restock to', fields: { ...(!from && { fromLocationId: 'Choose the refurbish bin' }), ...(!to && { toLocationId: 'Choose a bin' }) } });
    setBusy(true);
    const r = await call('returns.restockRefurbished', {
      returnLineId: line.id,
      fromLocationId: Number(from),
      toLocationId: Number(to),
      quantity: num(qty),
      idempotencyKey: key,
      ...(added !== undefined && { addedCostMinor: added }),
    });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setKey(newIdempotencyKey());
    notifySuccess('Restocked', `${num(qty)} refurbished ${line.sku} back in stock`);
    onDone();
  };
  return (
    <Section icon={<IconRecycle size={18} />} title={`Refurbished ${line.sku}: ${waiting} waiting`} testId={`rma-refurbished-${line.sku}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <SimpleGrid cols={4} spacing="sm">
          <Select label="From refurbish bin" data={bins} value={from} onChange={setFrom} searchable error={fields.fromLocationId} data-testid="refurb-from" />
          <Select label="To bin" data={bins} value={to} onChange={setTo} searchable error={fields.toLocationId} data-testid="refurb-to" />
          <NumberInput label="Quantity" min={1} allowDecimal={false} value={qty} onChange={setQty} error={fields.quantity} />
          <TextInput label={`Added cost, total (${currency})`} placeholder="0.00" value={cost} onChange={(e) => setCost(e.currentTarget.value)} error={fields.addedCostMinor} data-testid="refurb-cost" />
        </SimpleGrid>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" loading={busy} data-testid="refurb-submit">
            Restock
          </Button>
        </Group>
        <RefusalNote error={error} shownFields={['fromLocationId', 'toLocationId', 'quantity', 'addedCostMinor']} />
      </form>
    </Section>
  );
}

function RefundForm({ rma, onDone }: { rma: Rma; onDone: () => void }) {
  const { currency } = useSettings();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const fields = error?.fields ?? {};
  const submit = async () => {
    const minor = parseMoney(amount, currency);
    if (minor === null) return setError({ code: 'VALIDATION', message: 'The refund is not an amount', fields: { amountMinor: 'Not an amount (e.g. 18.00)' } });
    setBusy(true);
    const r = await call('returns.refund', { returnId: rma.id, amountMinor: minor, reason });
    setBusy(false);
    if (!r.ok) return setError(r.error);
    setAmount('');
    setReason('');
    setError(undefined);
    notifySuccess('Refund recorded', `${money(minor, currency)} on ${rma.number}`);
    onDone();
  };
  return (
    <Section icon={<IconCash size={18} />} title="Refund" testId="rma-refund">
      {rma.refunds.length ? (
        <Table verticalSpacing={4} mb="sm">
          <Table.Tbody>
            {rma.refunds.map((x, i) => (
              <Table.Tr key={i}>
                <Table.Td>{formatDateTime(x.createdAt)}</Table.Td>
                <Table.Td ta="right">{money(x.amountMinor, currency)}</Table.Td>
                <Table.Td>{x.reason}</Table.Td>
                <Table.Td c="dimmed">{x.actor}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Group align="flex-start">
          <TextInput label={`Amount (${currency})`} w={160} value={amount} onChange={(e) => setAmount(e.currentTarget.value)} error={fields.amountMinor} data-testid="refund-amount" />
          <TextInput label="Reason" style={{ flex: 1 }} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={fields.reason} data-testid="refund-reason" />
          <Button type="submit" mt={25} variant="light" loading={busy} data-testid="refund-submit">
            Record refund
          </Button>
        </Group>
        <RefusalNote error={error} shownFields={['amountMinor', 'reason']} />
      </form>
    </Section>
  );
}
