import { Alert, Button, FileButton, Group, Modal, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';

interface RowError {
  row: number;
  field: string;
  message: string;
}

const COLUMNS = 'order_id, line_id, sku, quantity, unit_price, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, currency';

function rowErrors(details: Record<string, unknown> | undefined): RowError[] {
  const errors = details?.errors;
  return Array.isArray(errors) ? (errors as RowError[]) : [];
}

/** Orders from a CSV file (pasted or chosen): every bad row is listed with its row and field, and then nothing is imported. */
export function ImportCsvModal({ opened, onClose, onImported }: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const imp = useSubmit();
  const errors = rowErrors(imp.error?.details);

  const choose = async (file: File | null) => {
    if (!file) return;
    setCsv(await file.text());
    setFileName(file.name);
    setDone(null);
    imp.reset();
  };

  const run = async () => {
    setDone(null);
    const r = await imp.submit(() => call('orders.importCsv', { csv }));
    if (!r) return;
    const created = r.orders.filter((o) => o.created).length;
    setDone(
      `Imported ${r.linesAdded} line${r.linesAdded === 1 ? '' : 's'} in ${r.orders.length} order${r.orders.length === 1 ? '' : 's'} (${created} new)` +
        (r.linesSkipped ? `; ${r.linesSkipped} line${r.linesSkipped === 1 ? ' was' : 's were'} imported before and skipped.` : '.'),
    );
    onImported();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import orders from CSV" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          One row per order line. Columns: {COLUMNS}. The header is row 1. If any row has a problem, nothing is imported.
        </Text>
        <Group>
          <FileButton onChange={(f) => void choose(f)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button variant="light" leftSection={<IconFileUpload size={16} />} {...props} data-testid="csv-choose">
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed">
            {fileName ?? 'or paste the file below'}
          </Text>
        </Group>
        <Textarea
          placeholder="order_id,line_id,sku,quantity,unit_price,customer_name,…"
          autosize
          minRows={6}
          maxRows={14}
          value={csv}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            setFileName(null);
            setDone(null);
          }}
          data-testid="csv-text"
        />
        {imp.error ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Nothing was imported" role="alert" data-testid="csv-error">
            <Text size="sm" mb={errors.length ? 'xs' : 0}>
              {imp.error.message}
            </Text>
            {errors.length ? (
              <ScrollArea.Autosize mah={260}>
                <Table withTableBorder verticalSpacing={4} fz="sm" bg="var(--mantine-color-body)" data-testid="csv-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={70}>Row</Table.Th>
                      <Table.Th w={140}>Field</Table.Th>
                      <Table.Th>Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {errors.map((e, i) => (
                      <Table.Tr key={i} data-testid="csv-error-row" data-row={e.row} data-field={e.field}>
                        <Table.Td>{e.row}</Table.Td>
                        <Table.Td className="mono">{e.field}</Table.Td>
                        <Table.Td>{e.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
            ) : null}
          </Alert>
        ) : null}
        {done ? (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="csv-done">
            {done}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => void run()} disabled={!csv.trim()} loading={imp.submitting} data-testid="csv-import">
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
