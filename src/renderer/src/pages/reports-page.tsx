import { Alert, Button, Grid, Group, Loader, NavLink, NumberInput, Paper, Select, Stack, Tabs, Text, TextInput, Title } from '@mantine/core';
import { IconCalculator, IconFileTypeCsv, IconFileTypePdf, IconFileTypeXls, IconPackageExport, IconReportAnalytics } from '@tabler/icons-react';
import { useState } from 'react';
import { REPORT_IDS, REPORT_KINDS, REPORT_TITLES, type ReportExportFormat, type ReportId } from '../../../shared/api';
import { call } from '../api/client';
import { addDays, utcToday } from '../components/dashboard/period-picker';
import { AccountingPanel } from '../components/reports/accounting-panel';
import { downloadBase64 } from '../components/reports/download';
import { ReportTable } from '../components/reports/report-table';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { navigate } from '../hooks/use-route';
import { notifySuccess } from '../lib/notify';

const DESCRIPTIONS: Record<ReportId, string> = {
  valuation_by_location: 'FIFO value per bin, as of a day close',
  valuation_by_category: 'FIFO value per category, as of a day close',
  cogs: 'Cost of the units sold, net of returns, with landed cost',
  margin_by_item: 'Revenue, COGS and margin per item',
  margin_by_channel: 'Revenue, COGS and margin per sales channel',
  landed_cost: 'Freight, duty and other charges spread onto receipts',
  movements_journal: 'Every stock movement in the period',
  low_stock: 'Items at or below their reorder point',
  overstock: 'Items with more days of cover than the threshold',
  dead_stock: 'Items in stock with no sale for the threshold',
};

/** Reports with a channel filter, and with a days threshold (and its default). */
const CHANNEL_REPORTS: ReadonlySet<ReportId> = new Set(['cogs', 'margin_by_item', 'margin_by_channel']);
const DAYS_REPORTS: Partial<Record<ReportId, { label: string; placeholder: string }>> = {
  dead_stock: { label: 'No sale for (days)', placeholder: '180' },
  overstock: { label: 'Cover above (days)', placeholder: '90' },
};

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function ReportsPage({ initialReport }: { initialReport: string | null }) {
  const [tab, setTab] = useState<string>('reports');
  const [report, setReport] = useState<ReportId>(REPORT_IDS.includes(initialReport as ReportId) ? (initialReport as ReportId) : 'valuation_by_category');
  const today = utcToday();
  const [from, setFrom] = useState(addDays(today, -29));
  const [to, setTo] = useState(today);
  const [asOf, setAsOf] = useState(today);
  const [warehouse, setWarehouse] = useState<string | null>(null);
  const [category, setCategory] = useState<string | null>(null);
  const [channel, setChannel] = useState('');
  const [days, setDays] = useState<number | string>('');
  const [busy, setBusy] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const warehouses = useApi('locations.warehouses', {});
  const categories = useApi('catalog.categories', {});

  const kind = REPORT_KINDS[report];
  const periodError = kind === 'period' && isDay(from) && isDay(to) && to < from ? 'The period must not end before it starts' : null;
  const valid = kind === 'period' ? isDay(from) && isDay(to) && !periodError : isDay(asOf);
  const params = {
    report,
    ...(kind === 'period' ? { from, to } : { asOf }),
    ...(warehouse !== null && { warehouseId: Number(warehouse) }),
    ...(category !== null && { category }),
    ...(CHANNEL_REPORTS.has(report) && channel.trim() !== '' && { channel: channel.trim() }),
    ...(DAYS_REPORTS[report] && typeof days === 'number' && days > 0 && { days }),
  };
  const table = useApi('reports.run', valid ? params : null);
  useEvent('stock.changed', () => table.reload());

  const choose = (id: ReportId) => {
    setReport(id);
    navigate(`/reports?report=${id}`, { replace: true });
  };

  const exportAs = async (format: ReportExportFormat) => {
    setBusy(format);
    setExportError(null);
    const r = await call('reports.export', { ...params, format });
    setBusy(null);
    if (!r.ok) return setExportError(r.error.message);
    downloadBase64(r.value);
  };

  const pack = async () => {
    setBusy('pack');
    setExportError(null);
    const r = await call('reports.pack', {
      from: kind === 'period' ? from : addDays(asOf, -29),
      to: kind === 'period' ? to : asOf,
      ...(kind === 'asOf' && { asOf }),
      ...(warehouse !== null && { warehouseId: Number(warehouse) }),
      ...(category !== null && { category }),
    });
    setBusy(null);
    if (!r.ok) return setExportError(r.error.message);
    downloadBase64(r.value);
    notifySuccess('Report pack ready', `${r.value.filename}: KPIs and every report in one PDF.`);
  };

  const t = table.data;
  return (
    <>
      <PageHeader
        title="Reports"
        description="Valuation, cost of goods, margins, movements and stock health, for any period or day; exports for the spreadsheet and the accountant."
        actions={
          <Button variant="light" leftSection={<IconPackageExport size={18} />} onClick={() => void pack()} loading={busy === 'pack'} data-testid="report-pack">
            PDF report pack
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => setTab(v ?? 'reports')} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="reports" leftSection={<IconReportAnalytics size={16} />}>
            Reports
          </Tabs.Tab>
          <Tabs.Tab value="accounting" leftSection={<IconCalculator size={16} />}>
            Accounting exports
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="reports">
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 3 }}>
              <Paper withBorder radius="md" p={4} data-testid="report-list">
                {(['period', 'asOf'] as const).map((k) => (
                  <Stack key={k} gap={0} mb={4}>
                    <Text size="xs" c="dimmed" tt="uppercase" fw={700} px="sm" pt="xs" pb={4}>
                      {k === 'period' ? 'For a period' : 'As of a day'}
                    </Text>
                    {REPORT_IDS.filter((id) => REPORT_KINDS[id] === k).map((id) => (
                      <NavLink key={id} label={REPORT_TITLES[id]} description={DESCRIPTIONS[id]} active={id === report} onClick={() => choose(id)} data-report={id} style={{ borderRadius: 4 }} />
                    ))}
                  </Stack>
                ))}
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              <Paper withBorder radius="md" p="md">
                <Group justify="space-between" align="flex-start" mb="sm" wrap="wrap">
                  <Stack gap={0}>
                    <Title order={4} data-testid="report-title">
                      {REPORT_TITLES[report]}
                    </Title>
                    <Text size="sm" c="dimmed" data-testid="report-subtitle">
                      {t && t.report === report ? t.subtitle : DESCRIPTIONS[report]}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Button size="xs" variant="default" leftSection={<IconFileTypeCsv size={16} />} onClick={() => void exportAs('csv')} loading={busy === 'csv'} disabled={!valid} data-testid="export-csv">
                      CSV
                    </Button>
                    <Button size="xs" variant="default" leftSection={<IconFileTypeXls size={16} />} onClick={() => void exportAs('xlsx')} loading={busy === 'xlsx'} disabled={!valid} data-testid="export-xlsx">
                      XLSX
                    </Button>
                    <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={() => void exportAs('pdf')} loading={busy === 'pdf'} disabled={!valid} data-testid="export-pdf">
                      PDF
                    </Button>
                  </Group>
                </Group>
                <Group gap="sm" align="flex-start" mb="md" wrap="wrap" data-testid="report-params">
                  {kind === 'period' ? (
                    <>
                      <TextInput type="date" label="From" w={150} value={from} onChange={(e) => setFrom(e.currentTarget.value)} error={table.error?.fields?.from} />
                      <TextInput type="date" label="To" w={150} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={periodError ?? table.error?.fields?.to} />
                    </>
                  ) : (
                    <TextInput type="date" label="As of (close of day)" w={170} value={asOf} onChange={(e) => setAsOf(e.currentTarget.value)} error={table.error?.fields?.asOf} />
                  )}
                  <Select
                    label="Warehouse"
                    placeholder="All warehouses"
                    clearable
                    w={180}
                    data={(warehouses.data ?? []).map((w) => ({ value: String(w.id), label: w.name }))}
                    value={warehouse}
                    onChange={setWarehouse}
                  />
                  <Select
                    label="Category"
                    placeholder="All categories"
                    clearable
                    searchable
                    w={200}
                    data={(categories.data ?? []).filter((c) => c.category !== '').map((c) => c.category)}
                    value={category}
                    onChange={setCategory}
                  />
                  {CHANNEL_REPORTS.has(report) ? (
                    <TextInput label="Channel" placeholder="All channels" w={170} value={channel} onChange={(e) => setChannel(e.currentTarget.value)} error={table.error?.fields?.channel} />
                  ) : null}
                  {DAYS_REPORTS[report] ? (
                    <NumberInput label={DAYS_REPORTS[report].label} placeholder={DAYS_REPORTS[report].placeholder} w={160} min={1} max={3650} allowDecimal={false} value={days} onChange={setDays} error={table.error?.fields?.days} />
                  ) : null}
                </Group>
                {exportError ? (
                  <Alert color="red" mb="sm" withCloseButton onClose={() => setExportError(null)} data-testid="export-error">
                    {exportError}
                  </Alert>
                ) : null}
                {table.error && !table.error.fields ? (
                  <Alert color="red" mb="sm" data-testid="report-error">
                    {table.error.message}
                  </Alert>
                ) : null}
                {t && t.report === report ? (
                  <div style={{ opacity: table.loading ? 0.6 : 1 }}>
                    <ReportTable table={t} />
                  </div>
                ) : table.loading ? (
                  <Group justify="center" py="xl">
                    <Loader size="sm" />
                    <Text c="dimmed" size="sm">
                      Running the report…
                    </Text>
                  </Group>
                ) : null}
              </Paper>
            </Grid.Col>
          </Grid>
        </Tabs.Panel>
        <Tabs.Panel value="accounting">
          <AccountingPanel />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
