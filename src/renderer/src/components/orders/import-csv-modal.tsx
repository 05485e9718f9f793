import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { call } from '../../api/client';
import { CsvUpload, useCsvImport } from '../csv-upload';

const COLUMNS = 'order_id, line_id, sku, quantity, unit_price, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, currency';

/** Orders from a CSV file (pasted or chosen): every bad row is listed with its row and field, and then nothing is imported. */
export function ImportCsvModal({ opened, onClose, onImported }: { opened: boolean; onClose: () => void; onImported: () => void }) {
  const csvImport = useCsvImport();

  const run = async () => {
    const r = await csvImport.run(
      (csv) => call('orders.importCsv', { csv }),
      (r) =>
        `Imported ${r.linesAdded} line${r.linesAdded === 1 ? '' : 's'} in ${r.orders.length} order${r.orders.length === 1 ? '' : 's'} (${r.orders.filter((o) => o.created).length} new)` +
        (r.linesSkipped ? `; ${r.linesSkipped} line${r.linesSkipped === 1 ? ' was' : 's were'} imported before and skipped.` : '.'),
    );
    if (r) onImported();
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import orders from CSV" size="xl">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          One row per order line. Columns: {COLUMNS}. The header is row 1. If any row has a problem, nothing is imported.
        </Text>
        <CsvUpload
          {...csvImport.upload}
          placeholder="order_id,line_id,sku,quantity,unit_price,customer_name,…"
          rows={[6, 14]}
          chooseVariant="light"
          testId="csv"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
          <Button onClick={() => void run()} disabled={!csvImport.csv.trim()} loading={csvImport.submitting} data-testid="csv-import">
            Import
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
