import { Button, Group, Paper, ScrollArea, SegmentedControl, Table, Text, TextInput } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Bill, Invoice } from '../../../../shared/api';
import type { DocumentStatus } from '../../../../shared/api/finance';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { formatDate, money } from '../../lib/format';
import { EmptyRow } from '../empty-row';
import { AgingSummary } from './aging-summary';
import { DocumentStatusBadge, utcToday, type FinanceKind } from './finance-common';
import type { PaymentTarget } from './payment-modal';

/** 'unpaid' is open and overdue together: the list asks for all and leaves out the paid ones. */
type Filter = 'unpaid' | 'all' | DocumentStatus;
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'unpaid', label: 'Unpaid' },
  { value: 'open', label: 'Not yet due' },
  { value: 'overdue', label: 'Overdue' },
  { value: 'paid', label: 'Paid' },
  { value: 'all', label: 'All' },
];

/** One row of either list, in the words of the table. */
interface Row {
  id: number;
  number: string;
  party: string;
  source: string | null;
  ref: string | null;
  date: string;
  doc: Invoice | Bill;
}

const invoiceRow = (v: Invoice): Row => ({ id: v.id, number: v.number, party: v.customerName, source: v.orderNumber, ref: v.reference, date: v.issueDate, doc: v });
const billRow = (b: Bill): Row => ({ id: b.id, number: b.number, party: b.supplierName, source: b.poNumber, ref: b.supplierRef, date: b.billDate, doc: b });

/** Receivables or payables as of a day: status filter, aging per currency, and the documents with what is still owed. */
export function DocumentsView({ kind, onPay }: { kind: FinanceKind; onPay: (t: PaymentTarget) => void }) {
  const [status, setStatus] = useState<Filter>('unpaid');
  const [asOf, setAsOf] = useState(utcToday);
  const input = { status: status === 'unpaid' ? ('all' as const) : status, asOf: /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : undefined };
  const invoices = useApi('finance.listInvoices', kind === 'invoice' ? input : null);
  const bills = useApi('finance.listBills', kind === 'bill' ? input : null);
  const list = kind === 'invoice' ? invoices : bills;
  useEvent('finance.changed', (e) => {
    if (e.kind === kind) list.reload();
  });
  const listed: Row[] = kind === 'invoice' ? (invoices.data?.rows ?? []).map(invoiceRow) : (bills.data?.rows ?? []).map(billRow);
  const rows = status === 'unpaid' ? listed.filter((r) => r.doc.status !== 'paid') : listed;
  const words = kind === 'invoice' ? { party: 'Customer', source: 'Order', date: 'Issued', owed: 'Customers owe', none: 'invoices' } : { party: 'Supplier', source: 'PO', date: 'Billed', owed: 'You owe', none: 'bills' };
  const cols = 10;

  return (
    <>
      <Group justify="space-between" mb="md" wrap="wrap">
        <SegmentedControl value={status} onChange={(v) => setStatus(v as Filter)} data={FILTERS} data-testid={`${kind}-status-filter`} />
        <Group gap="xs">
          <Text size="sm" fw={500} component="label" htmlFor={`${kind}-as-of`}>
            As of
          </Text>
          <TextInput id={`${kind}-as-of`} type="date" w={170} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} data-testid={`${kind}-as-of`} />
          <Button variant="subtle" size="xs" disabled={asOf === utcToday()} onClick={() => setAsOf(utcToday())}>
            Today
          </Button>
        </Group>
      </Group>
      {list.error ? (
        <Text c="red" mb="sm" role="alert">
          {list.error.message}
        </Text>
      ) : null}
      <AgingSummary totals={list.data?.totals ?? []} owedWord={words.owed} />
      <Paper withBorder radius="md" p="xs">
        <ScrollArea>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid={`${kind}-list`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Number</Table.Th>
                <Table.Th>{words.party}</Table.Th>
                <Table.Th>{words.source}</Table.Th>
                <Table.Th>{words.date}</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th className="num">Amount</Table.Th>
                <Table.Th className="num">Paid</Table.Th>
                <Table.Th className="num">Open</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.length === 0 ? (
                <EmptyRow cols={cols}>{list.loading ? 'Loading…' : `No ${status === 'all' ? '' : `${FILTERS.find((f) => f.value === status)!.label.toLowerCase()} `}${words.none} as of ${formatDate(list.data?.asOf) || 'today'}`}</EmptyRow>
              ) : (
                rows.map((r) => {
                  const d = r.doc;
                  const late = d.status === 'overdue';
                  return (
                    <Table.Tr key={r.id} data-testid={`${kind}-row`} data-number={r.number} data-status={d.status} bg={late ? 'var(--mantine-color-red-light)' : undefined}>
                      <Table.Td fw={600}>{r.number}</Table.Td>
                      <Table.Td>
                        {r.party}
                        {r.ref ? (
                          <Text size="xs" c="dimmed">
                            {kind === 'bill' ? 'Their ref ' : 'Ref '}
                            {r.ref}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{r.source ?? <Text c="dimmed" span>—</Text>}</Table.Td>
                      <Table.Td>{formatDate(r.date)}</Table.Td>
                      <Table.Td>
                        <Text span size="sm" c={late ? 'red' : undefined} fw={late ? 700 : undefined}>
                          {formatDate(d.dueDate)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {d.termsDays} days
                        </Text>
                      </Table.Td>
                      <Table.Td className="num">{money(d.amountMinor, d.currency)}</Table.Td>
                      <Table.Td className="num" data-testid="doc-paid">
                        {d.paidMinor ? money(d.paidMinor, d.currency) : '—'}
                      </Table.Td>
                      <Table.Td className="num" fw={700} data-testid="doc-open" data-open={d.openMinor}>
                        {money(d.openMinor, d.currency)}
                      </Table.Td>
                      <Table.Td>
                        <DocumentStatusBadge status={d.status} daysOverdue={d.daysOverdue} />
                        {d.paidDate ? (
                          <Text size="xs" c="dimmed">
                            {formatDate(d.paidDate)}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">
                        {d.openMinor > 0 ? (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconCash size={14} />}
                            onClick={() => onPay({ kind, id: r.id, number: r.number, party: r.party, currency: d.currency, amountMinor: d.amountMinor, openMinor: d.openMinor })}
                            data-testid="record-payment"
                          >
                            Record payment
                          </Button>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  );
                })
              )}
            </Table.Tbody>
          </Table>
        </ScrollArea>
      </Paper>
    </>
  );
}
