import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { CsvUpload, useCsvImport } from '../csv-upload';

const COLUMNS = 'order_id, line_id, sku, quantity, unit_price, currency, customer_name, email, ship_name, company, address1, address2, city, region, postal_code, country, status, updated_at';

/** A marketplace without an API: download the quantity feed for it, upload its orders export. */
export function FileChannelPanel({ channel }: { channel: ChannelSummary }) {
  const [downloading, setDownloading] = useState(false);
  const csvImport = useCsvImport();

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
  const run = () =>
    csvImport.run(
      (csv) => call('channels.importOrdersCsv', { channelId: channel.id, csv }),
      (r) => `${r.created} order${r.created === 1 ? '' : 's'} imported, ${r.cancelled} cancelled, ${r.skipped} already imported` + (r.failed ? `, ${r.failed} could not be imported (see the alerts).` : '.'),
    );

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
        <CsvUpload {...csvImport.upload} placeholder="order_id,line_id,sku,quantity,unit_price,…" testId="file" textTestId="file-csv" />
        <Group justify="flex-end">
          <Button onClick={() => void run()} disabled={!csvImport.csv.trim()} loading={csvImport.submitting} data-testid="file-import">
            Import orders
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
