import { Group, Paper, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Movement, PurchaseOrder } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { formatDate, formatDateTime, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';

/** Lead times are fractions of days; a same-day delivery reads better in hours than as 0.0 d. */
function formatDays(d: number | null): string {
  if (d === null) return '—';
  if (d < 1 / 24) return '< 1 h';
  if (d < 1) return `${(d * 24).toFixed(1)} h`;
  return `${d.toFixed(1)} d`;
}

/**
 * The goods received against this PO (the ledger's receipt movements carrying its number) and the lead time each
 * line took. There is no receipts-by-PO method yet, so the movements of the PO's items are filtered by document.
 */
export function PoReceiptsPanel({ po }: { po: PurchaseOrder }) {
  const [moves, setMoves] = useState<Movement[] | null>(null);
  const lead = useApi('purchasing.leadTimes', { supplierId: po.supplierId });
  const itemKey = [...new Set(po.lines.map((l) => l.itemId))].join(',');
  const receivedUnits = po.lines.reduce((s, l) => s + l.received, 0);

  useEffect(() => {
    let live = true;
    const ids = itemKey ? itemKey.split(',').map(Number) : [];
    void Promise.all(ids.map((itemId) => call('stock.movements', { itemId, limit: 500 }))).then((rs) => {
      if (!live) return;
      setMoves(rs.flatMap((r) => (r.ok ? r.value : [])).filter((m) => m.docRef === po.number && m.reason === 'receipt').sort((a, b) => a.id - b.id));
    });
    return () => {
      live = false;
    };
    // receivedUnits: a new receipt changes it, and with it the movements to show.
  }, [itemKey, po.number, receivedUnits]);

  useEffect(() => lead.reload(), [receivedUnits, lead.reload]);
  const obs = (lead.data?.observations ?? []).filter((o) => o.poId === po.id);

  return (
    <Paper withBorder radius="md" p="md" data-testid="po-receipts">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Receipts</Title>
        {lead.data && lead.data.count > 0 ? (
          <Text size="sm" c="dimmed" data-testid="supplier-lead-time">
            {po.supplierName} measured lead time: mean {formatDays(lead.data.meanDays)}
            {lead.data.stdDevDays !== null ? `, σ ${formatDays(lead.data.stdDevDays)}` : ''}, max {formatDays(lead.data.maxDays)} over {lead.data.count} PO line{lead.data.count === 1 ? '' : 's'}
          </Text>
        ) : null}
      </Group>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>SKU</Table.Th>
            <Table.Th>Bin</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th ta="right">Unit cost</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {moves !== null && moves.length === 0 ? <EmptyRow cols={8}>Nothing received yet.</EmptyRow> : null}
          {(moves ?? []).map((m) => (
            <Table.Tr key={m.id} data-testid="receipt-row">
              <Table.Td>{formatDateTime(m.createdAt)}</Table.Td>
              <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                {m.sku}
              </Table.Td>
              <Table.Td className="mono" style={{ whiteSpace: 'nowrap' }}>
                {m.toPath}
              </Table.Td>
              <Table.Td className="mono">{m.lot ?? '—'}</Table.Td>
              <Table.Td>{m.expiry ? formatDate(m.expiry) : '—'}</Table.Td>
              <Table.Td ta="right">{m.quantity}</Table.Td>
              <Table.Td ta="right">{money(m.unitCostMinor, po.currency)}</Table.Td>
              <Table.Td>{m.actor}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {obs.length ? (
        <Text size="sm" mt="sm" data-testid="po-lead-times">
          Lead time on this PO (sent → first receipt):{' '}
          {obs.map((o) => `${o.sku} ${formatDays(o.days)}`).join(' · ')}
        </Text>
      ) : null}
    </Paper>
  );
}
