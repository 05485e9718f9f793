import { Badge, Table, Text } from '@mantine/core';
import type { Output } from '../../../../shared/api';
import { EmptyRow } from '../empty-row';

type PreviewRow = Output<'planning.history.preview'>['rows'][number];

const KIND_COLORS: Record<PreviewRow['kind'], string> = {
  sale: 'teal',
  cancellation: 'orange',
  return: 'yellow',
  'non-product': 'gray',
  adjustment: 'grape',
  rejected: 'red',
};

/** The first rows as the import would read them: what each row becomes, and why a row would be rejected. */
export function HistoryPreviewTable({ rows }: { rows: PreviewRow[] }) {
  return (
    <Table verticalSpacing={4} striped data-testid="history-preview" style={{ whiteSpace: 'nowrap' }}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Row</Table.Th>
          <Table.Th>SKU</Table.Th>
          <Table.Th>Day</Table.Th>
          <Table.Th ta="right">Quantity</Table.Th>
          <Table.Th ta="right">Price</Table.Th>
          <Table.Th w={130}>Read as</Table.Th>
          <Table.Th>Problem</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.length === 0 ? <EmptyRow cols={7}>No data rows.</EmptyRow> : null}
        {rows.map((r) => (
          <Table.Tr key={r.row} data-testid="preview-row" data-row={r.row} data-kind={r.kind === 'rejected' && !r.error ? 'unread' : r.kind}>
            <Table.Td>{r.row}</Table.Td>
            <Table.Td className="mono">{r.sku ?? '—'}</Table.Td>
            <Table.Td>{r.day ?? '—'}</Table.Td>
            <Table.Td ta="right">{r.quantity ?? '—'}</Table.Td>
            <Table.Td ta="right">{r.price ?? '—'}</Table.Td>
            <Table.Td>
              {r.kind === 'rejected' && !r.error ? (
                <Badge variant="outline" color="gray" styles={{ label: { overflow: 'visible' } }}>
                  not read yet
                </Badge>
              ) : (
                <Badge variant="light" color={KIND_COLORS[r.kind]} styles={{ label: { overflow: 'visible' } }}>
                  {r.kind}
                </Badge>
              )}
            </Table.Td>
            <Table.Td style={{ whiteSpace: 'normal' }}>
              {r.error ? (
                <Text size="sm" c="red">
                  {r.error.field}: {r.error.reason}
                </Text>
              ) : null}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
