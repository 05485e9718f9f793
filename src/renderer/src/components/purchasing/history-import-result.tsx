import { Alert, Badge, Group, Paper, SimpleGrid, Table, Text, Title } from '@mantine/core';
import type { ImportSummary } from '../../../../shared/api';
import { formatDate, formatQty } from '../../lib/format';

function Count({ label, value, testId, color }: { label: string; value: number; testId: string; color?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="lg" fw={700} c={color} data-testid={testId}>
        {formatQty(value)}
      </Text>
    </div>
  );
}

/** What a dry run or an import did with the file: every row is accounted for, and each rejected row is listed. */
export function HistoryImportResult({ summary: s }: { summary: ImportSummary }) {
  const codes = Object.entries(s.nonProductByCode);
  return (
    <Paper withBorder radius="md" p="md" data-testid="import-result" data-dry-run={s.dryRun}>
      <Group justify="space-between" mb="sm">
        <Title order={4}>{s.dryRun ? 'Dry run: nothing was written' : `Imported (import #${s.importId})`}</Title>
        <Text size="sm" c="dimmed">
          {s.firstDay ? `${formatDate(s.firstDay)} → ${formatDate(s.lastDay)}` : 'no dated rows'} · {s.ms} ms
        </Text>
      </Group>
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="sm" verticalSpacing="sm">
        <Count label="Rows" value={s.rowsSeen} testId="count-rows" />
        <Count label="Sales lines" value={s.saleLines} testId="count-sales" />
        <Count label="Cancellations netted" value={s.cancellationLines} testId="count-cancellations" />
        <Count label="Returns netted" value={s.returnLines} testId="count-returns" />
        <Count label="Non-product skipped" value={s.nonProductSkipped} testId="count-non-product" />
        <Count label="Write-offs skipped" value={s.adjustmentsSkipped} testId="count-adjustments" />
        <Count label="Unknown SKU rows" value={s.unknownSkuRows} testId="count-unknown-rows" />
        <Count label="Unknown SKUs" value={s.unknownSkus} testId="count-unknown-skus" />
        <Count label="Rejected rows" value={s.rejected} testId="count-rejected" color={s.rejected ? 'red' : undefined} />
        <Count label="Units sold" value={s.unitsSold} testId="count-units-sold" />
        <Count label="Units returned" value={s.unitsReturned} testId="count-units-returned" />
        <Count label="History days × items" value={s.historyRows} testId="count-history-rows" />
      </SimpleGrid>
      {codes.length ? (
        <Group gap={6} mt="sm" data-testid="non-product-codes">
          <Text size="sm" c="dimmed">
            Non-product lines by code:
          </Text>
          {codes.map(([code, n]) => (
            <Badge key={code} variant="light" color="gray" data-code={code}>
              {code}: {n}
            </Badge>
          ))}
        </Group>
      ) : null}
      {s.unknownSkuRows > 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          {s.unknownSkusKept
            ? 'Rows of SKUs not in the catalogue are kept: they count for the item once it is created with that SKU.'
            : 'Rows of SKUs not in the catalogue were dropped.'}
        </Text>
      ) : null}
      {s.replacedRows > 0 ? (
        <Text size="sm" c="dimmed" mt="xs">
          Replaced {s.replacedRows} history rows of source “{s.source}” in this date range{s.sameContentAsImportId ? ` (same file as import #${s.sameContentAsImportId})` : ''}.
        </Text>
      ) : null}
      {s.rejected > 0 ? (
        <>
          <Title order={5} mt="md" mb={4}>
            Rejected rows{s.errors.length < s.rejected ? ` (first ${s.errors.length} of ${s.rejected})` : ''}
          </Title>
          <Table verticalSpacing={4} data-testid="rejected-rows">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Row</Table.Th>
                <Table.Th>Field</Table.Th>
                <Table.Th>Reason</Table.Th>
                <Table.Th>Value</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.errors.map((e, i) => (
                <Table.Tr key={`${e.row}-${e.field}-${i}`} data-testid="rejected-row" data-row={e.row}>
                  <Table.Td data-testid="rejected-row-number">{e.row}</Table.Td>
                  <Table.Td>{e.field}</Table.Td>
                  <Table.Td>{e.reason}</Table.Td>
                  <Table.Td className="mono">{e.value ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      ) : (
        <Alert mt="md" color="teal" variant="light">
          No row was rejected.
        </Alert>
      )}
    </Paper>
  );
}
