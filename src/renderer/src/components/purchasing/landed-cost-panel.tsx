import { Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { CHARGE_BASES, CHARGE_KINDS, type PurchaseOrder } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { money } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { EmptyRow } from '../empty-row';
import { FormError } from '../form-error';

type Kind = (typeof CHARGE_KINDS)[number];
type Basis = (typeof CHARGE_BASES)[number];
const BASIS_LABELS: Record<Basis, string> = { value: 'By value', quantity: 'By quantity', weight: 'By weight', volume: 'By volume' };
const KIND_LABELS: Record<Kind, string> = { freight: 'Freight', duty: 'Duty', tariff: 'Tariff', insurance: 'Insurance', other: 'Other' };

/**
 * Freight, duty and the like on this PO: add a charge with its allocation basis, and see what each received unit
 * really cost. Charges added before goods arrive wait as "pending" and are allocated on receipt.
 */
export function LandedCostPanel({ po, onChanged }: { po: PurchaseOrder; onChanged: () => void }) {
  const report = useApi('purchasing.landedCost', { poId: po.id });
  const [f, setF] = useState<{ kind: Kind; amount: string; basis: Basis; billRef: string }>({ kind: 'freight', amount: '', basis: 'value', billRef: '' });
  const s = useSubmit();
  const cur = po.currency;

  const add = async (e: FormEvent) => {
    e.preventDefault();
    const amount = parseMoney(f.amount, cur);
    if (amount === null || amount <= 0) return s.setFieldErrors({ amountMinor: `Enter an amount in ${cur}, like 25.00` });
    const r = await s.submit((key) => call('purchasing.addCharge', { poId: po.id, kind: f.kind, amountMinor: amount, basis: f.basis, billRef: f.billRef.trim() || undefined, idempotencyKey: key }));
    if (!r) return;
    notifySuccess('Charge added', `${KIND_LABELS[f.kind]} ${money(amount, cur)} ${r.charge.status === 'pending' ? 'waits for the goods' : 'allocated to the received lines'}`);
    setF((o) => ({ ...o, amount: '', billRef: '' }));
    report.reload();
    onChanged();
  };

  const t = report.data?.totals;
  return (
    <Paper withBorder radius="md" p="md" data-testid="landed-cost">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Landed cost</Title>
        {t ? (
          <Text size="sm" c="dimmed">
            Base {money(t.baseCostMinor, cur)} + charges {money(t.chargesMinor, cur)} = <b>{money(t.landedCostMinor, cur)}</b>
            {t.pendingChargesMinor ? ` · ${money(t.pendingChargesMinor, cur)} pending` : ''}
            {t.toCogsMinor ? ` · ${money(t.toCogsMinor, cur)} to cost of goods (already sold)` : ''}
          </Text>
        ) : null}
      </Group>
      <Table verticalSpacing={6} data-testid="landed-rows">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>SKU</Table.Th>
            <Table.Th ta="right">Received</Table.Th>
            <Table.Th ta="right">Unit cost</Table.Th>
            <Table.Th ta="right">Base</Table.Th>
            <Table.Th ta="right">Charges</Table.Th>
            <Table.Th ta="right">Landed</Table.Th>
            <Table.Th ta="right">Landed / unit</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(report.data?.rows.length ?? 0) === 0 && !report.loading ? <EmptyRow cols={7}>Nothing received yet: landed cost is worked out per received unit.</EmptyRow> : null}
          {report.data?.rows.map((r) => (
            <Table.Tr key={r.lineId}>
              <Table.Td className="mono">{r.sku}</Table.Td>
              <Table.Td ta="right">{r.received}</Table.Td>
              <Table.Td ta="right">{money(r.unitCostMinor, cur)}</Table.Td>
              <Table.Td ta="right">{money(r.baseCostMinor, cur)}</Table.Td>
              <Table.Td ta="right">{money(r.chargesMinor, cur)}</Table.Td>
              <Table.Td ta="right">{money(r.landedCostMinor, cur)}</Table.Td>
              <Table.Td ta="right" fw={600}>
                {r.landedUnitCostMinor === null ? '—' : money(r.landedUnitCostMinor, cur)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {po.charges.length ? (
        <Stack gap={4} mt="sm">
          {po.charges.map((c) => (
            <Group key={c.id} gap="xs" data-testid="charge-row">
              <Badge variant="light" color={c.status === 'pending' ? 'yellow' : 'teal'}>
                {c.status}
              </Badge>
              <Text size="sm">
                {KIND_LABELS[c.kind]} {money(c.amountMinor, cur)} {BASIS_LABELS[c.basis].toLowerCase()}
                {c.billRef ? ` · bill ${c.billRef}` : ''}
                {c.status === 'allocated' ? ` · to stock ${money(c.toStockMinor, cur)}, to cost of goods ${money(c.toCogsMinor, cur)}` : ''}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
      {po.status === 'cancelled' ? null : (
        <form onSubmit={add}>
          <Stack gap="xs" mt="md">
            <FormError error={s.error} shownFields={['amountMinor', 'kind', 'basis', 'billRef']} />
            <SimpleGrid cols={{ base: 2, md: 5 }} style={{ alignItems: 'end' }}>
              <Select label="Charge" data={CHARGE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }))} value={f.kind} onChange={(v) => v && setF((o) => ({ ...o, kind: v as Kind }))} allowDeselect={false} />
              <TextInput
                label={`Amount (${cur})`}
                value={f.amount}
                error={s.fieldErrors.amountMinor}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setF((o) => ({ ...o, amount: v }));
                  s.clearFieldError('amountMinor');
                }}
                data-testid="charge-amount"
              />
              <Select label="Allocate" data={CHARGE_BASES.map((b) => ({ value: b, label: BASIS_LABELS[b] }))} value={f.basis} onChange={(v) => v && setF((o) => ({ ...o, basis: v as Basis }))} allowDeselect={false} />
              <TextInput label="Bill ref" placeholder="optional" value={f.billRef} onChange={(e) => setF((o) => ({ ...o, billRef: e.currentTarget.value }))} />
              <Button type="submit" loading={s.submitting} data-testid="charge-add">
                Add charge
              </Button>
            </SimpleGrid>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
