import { ScrollArea, Stack, Table, Text } from '@mantine/core';
import type { ReportColumn, ReportTable as ReportTableDto } from '../../../../shared/api';
import { formatDate, formatDateTime, money } from '../../lib/format';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const pct = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const NUMERIC: ReadonlySet<ReportColumn['type']> = new Set(['int', 'money', 'percent', 'number']);

/** One cell as the screen shows it: money in the table's currency, percent with one decimal, dates in the user's format. */
export function formatCell(v: string | number | null | undefined, type: ReportColumn['type'], currency: string): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'string') return type === 'date' ? formatDate(v) : type === 'datetime' ? formatDateTime(v) : v;
  switch (type) {
    case 'money':
      return money(v, currency);
    case 'int':
      return integer.format(v);
    case 'percent':
      return `${pct.format(v)} %`;
    case 'number':
      return decimal.format(v);
    case 'date':
    case 'datetime':
    case 'text':
      return String(v);
  }
}

/** The generic report table: typed columns, numbers right-aligned, a totals row, the notes underneath. */
export function ReportTable({ table }: { table: ReportTableDto }) {
  const cols = table.columns;
  return (
    <Stack gap="xs">
      <ScrollArea.Autosize mah="calc(100vh - 330px)" type="auto">
        <Table striped stickyHeader withTableBorder fz="sm" data-testid="report-table" data-report={table.report} data-rows={table.rows.length}>
          <Table.Thead>
            <Table.Tr>
              {cols.map((c) => (
                <Table.Th key={c.key} className={NUMERIC.has(c.type) ? 'num' : undefined} data-key={c.key}>
                  {c.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.length === 0 ? (
              <Table.Tr>
                <Table.Td colSpan={cols.length}>
                  <Text size="sm" c="dimmed" py="sm">
                    Nothing to report for these parameters.
                  </Text>
                </Table.Td>
              </Table.Tr>
            ) : (
              table.rows.map((r, i) => (
                <Table.Tr key={i} data-testid="report-row">
                  {cols.map((c) => (
                    <Table.Td
                      key={c.key}
                      className={NUMERIC.has(c.type) ? 'num' : c.type === 'text' && /sku|code/i.test(c.key) ? 'mono' : undefined}
                      style={c.type === 'text' && /name|item|label|note|location|path/i.test(c.key) ? { minWidth: 150 } : undefined}
                      data-key={c.key}
                    >
                      {formatCell(r[c.key], c.type, table.currency)}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
          {table.totals && table.rows.length > 0 ? (
            <Table.Tfoot>
              <Table.Tr data-testid="report-totals" style={{ fontWeight: 700 }}>
                {cols.map((c, i) => {
                  const v = table.totals?.[c.key];
                  return (
                    <Table.Td key={c.key} className={NUMERIC.has(c.type) ? 'num' : undefined} data-key={c.key}>
                      {i === 0 && (v === null || v === undefined) ? 'Total' : v === null || v === undefined ? '' : formatCell(v, c.type, table.currency)}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            </Table.Tfoot>
          ) : null}
        </Table>
      </ScrollArea.Autosize>
      {table.notes.map((n) => (
        <Text key={n} size="xs" c="dimmed">
          {n}
        </Text>
      ))}
    </Stack>
  );
}
