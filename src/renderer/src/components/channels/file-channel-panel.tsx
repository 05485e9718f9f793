import { Alert, Button, FileButton, Group, Paper, ScrollArea, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck, IconDownload, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';

interface RowError {
  row: number;
  field: string;
  message: string;
}
const rowErrors = (details: Record<string, unknown> | undefined): RowError[] => (Array.isArray(details?.errors) ? (details.errors as RowError[]) : []);

const COLUMNS = 'order_id, line_id, sku, quantity, unit_price, currency, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, status, updated_at';

/** A marketplace without an API: download the quantity feed for it, upload its orders export. */
export function FileChannelPanel({ channel }: { channel: ChannelSummary }) {
  const [csv, setCsv] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);
  const imp = useSubmit();
  const errors = rowErrors(imp.error?.details);

  const download = async () => {
    setDownloading(true);
    const r = await call('channels.feedCsv', { id: channel.id });
    setDownloading(false);
    if (!r.ok) return void notifications.show({ color: 'red', title: 'No feed', message: r.error.message });
    const url = URL.createObjectURL(new Blob([r.value.csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const choose = async (file: File | null) => {
    if (!file) return;
    setCsv(await file.text());
    setFileName(file.name);
    setDone(null);
    imp.reset();
  };
  const run = async () => {
    setDone(null);
    const r = await imp.submit(() => call('channels.importOrdersCsv', { channelId: channel.id, csv }));
    if (!r) return;
    setDone(
      `${r.created} order${r.created === 1 ? '' : 's'} imported, ${r.cancelled} cancelled, ${r.skipped} already imported` + (r.failed ? `, ${r.failed} could not be imported (see the alerts).` : '.'),
    );
  };

  return (
    <Paper withBorder radius="md" p="md" data-testid="file-channel">
      <Stack gap="sm">
        <Title order={5}>Feed and orders by file</Title>
        <Group justify="space-between" wrap="wrap">
          <Text size="sm" c="dimmed">
            The feed lists sku,quantity for every mapped listing as this channel should show it now
            {typeof channel.config.feedPath === 'string' && channel.config.feedPath ? `; it is also written to ${channel.config.feedPath} at every push` : ''}.
          </Text>
          <Button variant="light" leftSection={<IconDownload size={16} />} loading={downloading} onClick={() => void download()} data-testid="file-download-feed">
            Download feed CSV
          </Button>
        </Group>
        <Text size="sm" fw={600} mt="xs">
          Upload orders
        </Text>
        <Text size="xs" c="dimmed">
          One row per order line. Columns: {COLUMNS}. The header is row 1. If any row has a problem, nothing is imported; an order imported before is skipped.
        </Text>
        <Group>
          <FileButton onChange={(f) => void choose(f)} accept=".csv,text/csv,text/plain">
            {(props) => (
              <Button variant="default" leftSection={<IconFileUpload size={16} />} {...props} data-testid="file-choose">
                Choose file…
              </Button>
            )}
          </FileButton>
          <Text size="sm" c="dimmed">
            {fileName ?? 'or paste the file below'}
          </Text>
        </Group>
        <Textarea
          placeholder="order_id,line_id,sku,quantity,unit_price,…"
          autosize
          minRows={4}
          maxRows={12}
          value={csv}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
          onChange={(e) => {
            setCsv(e.currentTarget.value);
            setFileName(null);
            setDone(null);
          }}
          data-testid="file-csv"
        />
        {imp.error ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Nothing was imported" role="alert" data-testid="file-error">
            <Text size="sm" mb={errors.length ? 'xs' : 0}>
              {imp.error.message}
            </Text>
            {errors.length ? (
              <ScrollArea.Autosize mah={260}>
                <Table withTableBorder verticalSpacing={4} fz="sm" bg="var(--mantine-color-body)" data-testid="file-errors">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={70}>Row</Table.Th>
                      <Table.Th w={140}>Field</Table.Th>
                      <Table.Th>Problem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {errors.map((e, i) => (
                      <Table.Tr key={i} data-testid="file-error-row" data-row={e.row} data-field={e.field}>
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
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid="file-done">
            {done}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button onClick={() => void run()} disabled={!csv.trim()} loading={imp.submitting} data-testid="file-import">
            Import orders
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
