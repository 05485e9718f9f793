import { Alert, Button, Checkbox, FileButton, Grid, Group, Paper, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDatabaseImport, IconEye, IconFileUpload, IconFlask } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { DEFAULT_NON_PRODUCT_CODES, type ColumnMapping, type DateFormat, type ImportSummary, type Output } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import { call } from '../api/client';
import { FormError } from '../components/form-error';
import { PageHeader } from '../components/page-header';
import { HistoryImportResult } from '../components/purchasing/history-import-result';
import { HistoryImportsList } from '../components/purchasing/history-imports-list';
import { HistoryMappingForm, type MappingDraft } from '../components/purchasing/history-mapping-form';
import { HistoryPreviewTable } from '../components/purchasing/history-preview-table';
import { PurchasingTabs } from '../components/purchasing/purchasing-tabs';
import { useApi } from '../hooks/use-api';
import { useSubmit } from '../hooks/use-submit';
import { formatQty } from '../lib/format';
import { notifySuccess } from '../lib/notify';

type Preview = Output<'planning.history.preview'>;
interface Options {
  source: string;
  cancellationPrefix: string;
  nonProductCodes: string[];
  keepUnknownSkus: boolean;
  strict: boolean;
}

/** The preview parses only the first 20 rows: sending the head of a big file keeps it instant. */
function head(csv: string, lines = 200): string {
  let at = -1;
  for (let i = 0; i < lines; i++) {
    at = csv.indexOf('\n', at + 1);
    if (at === -1) return csv;
  }
  return csv.slice(0, at + 1);
}

/** A File as text; gzipped exports (.gz) are unpacked in the browser. */
async function readFile(file: File): Promise<string> {
  if (!/\.gz$/i.test(file.name)) return file.text();
  return new Response(file.stream().pipeThrough(new DecompressionStream('gzip'))).text();
}

/** Column references from the API (a header name or a 0-based position) as the header names the selects show. */
function toDraft(m: Partial<ColumnMapping>, headers: string[]): MappingDraft {
  const out: MappingDraft = {};
  for (const [k, v] of Object.entries(m) as Array<[keyof ColumnMapping, string | number | undefined]>) {
    if (v === undefined) continue;
    const name = typeof v === 'number' ? headers[v] : v;
    if (name !== undefined) out[k] = name;
  }
  return out;
}

function complete(m: MappingDraft): ColumnMapping | null {
  if (!m.sku || !m.date || !m.quantity) return null;
  return { sku: m.sku, date: m.date, quantity: m.quantity, ...(m.price && { price: m.price }), ...(m.invoice && { invoice: m.invoice }), ...(m.customer && { customer: m.customer }) };
}

/**
 * Sales history import: past sales from the old shop system into the demand history (not the ledger), so planning
 * has something to forecast from on day one. Choose or paste the CSV, check the guessed columns on the first rows,
 * dry-run to see what would happen to every row, then import.
 */
export function HistoryImportPage() {
  const [csv, setCsv] = useState('');
  const [pasted, setPasted] = useState('');
  const [file, setFile] = useState<{ name: string; size: number } | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<ApiError | undefined>();
  const [previewing, setPreviewing] = useState(false);
  const [mapping, setMapping] = useState<MappingDraft>({});
  const [dateFormat, setDateFormat] = useState<DateFormat | null>(null);
  const [opts, setOpts] = useState<Options>({ source: 'import', cancellationPrefix: 'C', nonProductCodes: [...DEFAULT_NON_PRODUCT_CODES], keepUnknownSkus: true, strict: false });
  const [result, setResult] = useState<ImportSummary | null>(null);
  const imports = useApi('planning.history.imports', { limit: 50 });
  const run = useSubmit();
  const ticket = useRef(0);
  const resetFile = useRef<() => void>(null);

  const runPreview = async (text: string, m: MappingDraft | null, df: DateFormat | null, o: Options) => {
    if (!text.trim()) return;
    const t = ++ticket.current;
    setPreviewing(true);
    const full = m ? complete(m) : null;
    const r = await call('planning.history.preview', {
      csv: head(text),
      ...(full && { mapping: full }),
      ...(df && { dateFormat: df }),
      cancellationPrefix: o.cancellationPrefix,
      nonProductCodes: o.nonProductCodes,
    });
    if (t !== ticket.current) return;
    setPreviewing(false);
    if (!r.ok) {
      setPreviewError(r.error);
      return;
    }
    setPreviewError(undefined);
    setPreview(r.value);
    // First look at a file: take the guesses. Later previews keep what the person chose.
    if (!m) {
      setMapping(toDraft(r.value.mapping, r.value.headers));
      setDateFormat(r.value.dateFormat);
    }
  };

  const load = (text: string) => {
    setCsv(text);
    setResult(null);
    run.reset();
    setPreview(null);
    setMapping({});
    setDateFormat(null);
    void runPreview(text, null, null, opts);
  };

  const pick = async (f: File | null) => {
    if (!f) return;
    setReadError(null);
    try {
      const text = await readFile(f);
      setFile({ name: f.name, size: f.size });
      setPasted('');
      load(text);
    } catch (e) {
      setReadError(`Could not read ${f.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
    resetFile.current?.();
  };

  const changeMapping = (m: MappingDraft) => {
    setMapping(m);
    setResult(null);
    void runPreview(csv, m, dateFormat, opts);
  };
  const changeDateFormat = (df: DateFormat) => {
    setDateFormat(df);
    setResult(null);
    void runPreview(csv, mapping, df, opts);
  };
  const changeOpts = (patch: Partial<Options>, refresh = false) => {
    const o = { ...opts, ...patch };
    setOpts(o);
    setResult(null);
    if (refresh && preview) void runPreview(csv, mapping, dateFormat, o);
  };

  const full = complete(mapping);
  const ready = Boolean(csv.trim() && preview && full && dateFormat && opts.source.trim());

  const submit = async (dryRun: boolean) => {
    if (!full || !dateFormat) return;
    const r = await run.submit(() =>
      call('planning.importHistory', {
        csv,
        source: opts.source.trim(),
        mapping: full,
        dateFormat,
        cancellationPrefix: opts.cancellationPrefix,
        nonProductCodes: opts.nonProductCodes,
        keepUnknownSkus: opts.keepUnknownSkus,
        strict: opts.strict,
        dryRun,
      }),
    );
    if (!r) return;
    setResult(r);
    if (!dryRun) {
      notifySuccess('Sales history imported', `${formatQty(r.rowsImported)} lines into the demand history`);
      imports.reload();
    }
  };

  return (
    <>
      <PurchasingTabs active="history" />
      <PageHeader
        title="Sales history import"
        description="Past sales from before Stockroom, into the demand history that forecasts and reorder points learn from (the stock ledger is not touched). Re-importing a source replaces its days."
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="sm">
                1. The file
              </Title>
              <Group align="flex-start" gap="md">
                <FileButton onChange={(f) => void pick(f)} accept=".csv,.tsv,.txt,.gz,text/csv,text/plain" resetRef={resetFile}>
                  {(props) => (
                    <Button {...props} leftSection={<IconFileUpload size={16} />} variant="light">
                      Choose CSV file…
                    </Button>
                  )}
                </FileButton>
                <Text size="sm" c="dimmed" mt={6} data-testid="history-file-name">
                  {file ? `${file.name} (${formatQty(Math.ceil(file.size / 1024))} KB, ${formatQty(csv.split('\n').length - 1)} lines)` : 'or paste the CSV below'}
                </Text>
              </Group>
              {readError ? (
                <Alert color="red" mt="sm">
                  {readError}
                </Alert>
              ) : null}
              <Textarea
                mt="sm"
                label="Paste CSV"
                placeholder={'InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice\n536365,MUG-1,6,2010-12-01 08:26,2.55'}
                autosize
                minRows={3}
                maxRows={10}
                value={pasted}
                onChange={(e) => setPasted(e.currentTarget.value)}
                styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
                data-testid="history-paste"
              />
              <Group justify="flex-end" mt="sm">
                <Button
                  variant="default"
                  leftSection={<IconEye size={16} />}
                  disabled={!pasted.trim()}
                  onClick={() => {
                    setFile(null);
                    load(pasted);
                  }}
                  data-testid="history-preview-pasted"
                >
                  Preview pasted text
                </Button>
              </Group>
            </Paper>

            {previewError ? <FormError error={previewError} /> : null}
            {preview ? (
              <Paper withBorder radius="md" p="md">
                <Group justify="space-between" mb="sm">
                  <Title order={4}>2. Columns</Title>
                  <Text size="sm" c="dimmed">
                    {previewing ? 'Reading…' : 'Guessed from the header: change any that are wrong.'}
                  </Text>
                </Group>
                <HistoryMappingForm
                  headers={preview.headers}
                  mapping={mapping}
                  onMapping={changeMapping}
                  dateFormat={dateFormat}
                  guessedDateFormat={preview.dateFormat}
                  dateFormatHint={preview.dateFormatHint}
                  onDateFormat={changeDateFormat}
                />
                <Title order={5} mt="lg" mb={4}>
                  First rows as they will be read
                </Title>
                <HistoryPreviewTable rows={preview.rows} />
              </Paper>
            ) : null}
            {result ? <HistoryImportResult summary={result} /> : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper withBorder radius="md" p="md" pos="sticky" top={16}>
            <Title order={4} mb="sm">
              3. Options and import
            </Title>
            <Stack gap="sm">
              <TextInput
                label="Source"
                description="The system the export comes from. Importing the same source again replaces its days in the file's date range."
                value={opts.source}
                onChange={(e) => changeOpts({ source: e.currentTarget.value })}
                error={opts.source.trim() ? undefined : 'Required'}
                data-testid="history-source"
              />
              <TextInput
                label="Cancellation prefix"
                description="Invoices starting with this are cancellations, netted against sales. Empty = none."
                value={opts.cancellationPrefix}
                maxLength={10}
                onChange={(e) => changeOpts({ cancellationPrefix: e.currentTarget.value })}
                onBlur={() => changeOpts({}, true)}
                data-testid="history-cancel-prefix"
              />
              <TagsInput
                label="Non-product codes"
                description="Postage, fees, discounts… skipped and counted. A trailing * matches a prefix (gift_*)."
                value={opts.nonProductCodes}
                onChange={(v) => changeOpts({ nonProductCodes: v }, true)}
                clearable
                data-testid="history-non-product"
              />
              <Checkbox
                label="Keep rows of SKUs not in the catalogue yet (they count once the item is created)"
                checked={opts.keepUnknownSkus}
                onChange={(e) => changeOpts({ keepUnknownSkus: e.currentTarget.checked })}
              />
              <Checkbox label="Strict: refuse the whole file if any row is rejected" checked={opts.strict} onChange={(e) => changeOpts({ strict: e.currentTarget.checked })} />
              <FormError error={run.error} />
              {!preview ? (
                <Text size="sm" c="dimmed">
                  Choose or paste a file first.
                </Text>
              ) : !full ? (
                <Text size="sm" c="red">
                  Choose the SKU, date and quantity columns.
                </Text>
              ) : !dateFormat ? (
                <Text size="sm" c="red">
                  Choose the date format.
                </Text>
              ) : null}
              <Group grow>
                <Button variant="default" leftSection={<IconFlask size={16} />} disabled={!ready} loading={run.submitting} onClick={() => void submit(true)} data-testid="history-dry-run">
                  Dry run
                </Button>
                <Button leftSection={<IconDatabaseImport size={16} />} disabled={!ready} loading={run.submitting} onClick={() => void submit(false)} data-testid="history-import">
                  Import
                </Button>
              </Group>
              <Text size="xs" c="dimmed">
                A dry run reads the whole file and reports what would happen to every row, writing nothing.
              </Text>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <div style={{ marginTop: 'var(--mantine-spacing-lg)' }}>
        <HistoryImportsList imports={imports.data ?? []} loading={imports.loading} />
      </div>
    </>
  );
}
