import { Paper, Table, Text, Title } from '@mantine/core';
import type { Output } from '../../../../shared/api';
import { formatDate, formatDateTime, formatQty } from '../../lib/format';
import { EmptyRow } from '../empty-row';

type Imports = Output<'planning.history.imports'>;

/** Earlier imports, newest first, with the counts each one reported. */
export function HistoryImportsList({ imports, loading }: { imports: Imports; loading: boolean }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb="sm">
        Previous imports
      </Title>
      <Table.ScrollContainer minWidth={900}>
      <Table striped verticalSpacing="xs" data-testid="history-imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>When</Table.Th>
            <Table.Th>Source</Table.Th>
            <Table.Th>Days</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Sales</Table.Th>
            <Table.Th ta="right">Cancelled</Table.Th>
            <Table.Th ta="right">Non-product</Table.Th>
            <Table.Th ta="right">Unknown SKUs</Table.Th>
            <Table.Th ta="right">Rejected</Table.Th>
            <Table.Th>By</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {imports.length === 0 && !loading ? <EmptyRow cols={11}>No sales history imported yet.</EmptyRow> : null}
          {imports.map((i) => (
            <Table.Tr key={i.importId ?? i.fileHash} data-testid="history-import-row">
              <Table.Td>{i.importId}</Table.Td>
              <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
              <Table.Td>
                {i.source}
                {i.fileName ? (
                  <Text size="xs" c="dimmed">
                    {i.fileName}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{i.firstDay ? `${formatDate(i.firstDay)} → ${formatDate(i.lastDay)}` : '—'}</Table.Td>
              <Table.Td ta="right">{formatQty(i.rowsSeen)}</Table.Td>
              <Table.Td ta="right">{formatQty(i.saleLines)}</Table.Td>
              <Table.Td ta="right">{formatQty(i.cancellationLines)}</Table.Td>
              <Table.Td ta="right">{formatQty(i.nonProductSkipped)}</Table.Td>
              <Table.Td ta="right">{formatQty(i.unknownSkus)}</Table.Td>
              <Table.Td ta="right" c={i.rejected ? 'red' : undefined}>
                {formatQty(i.rejected)}
              </Table.Td>
              <Table.Td>{i.actor}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
