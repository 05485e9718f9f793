import { Anchor, Button, Grid, Group, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { call } from '../api/client';
import { FormError } from '../components/form-error';
import { PageHeader } from '../components/page-header';
import { PoLinesEditor, toDraftLines, type EditLine } from '../components/purchasing/po-lines-editor';
import { PurchasingTabs } from '../components/purchasing/purchasing-tabs';
import { useApi } from '../hooks/use-api';
import { href, navigate } from '../hooks/use-route';
import { useSubmit } from '../hooks/use-submit';
import { notifySuccess } from '../lib/notify';
import { optional } from '../lib/parse';

/**
 * A purchase order written by hand (a one-off buy, a new product, a phone order): supplier, receiving warehouse,
 * expected date and lines. It is saved as a draft; send it from its page like any other.
 */
export function NewPoPage() {
  const suppliers = useApi('purchasing.suppliers.list', {});
  const warehouses = useApi('locations.warehouses', {});
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [warehouseId, setWarehouseId] = useState<string | null>(null);
  const [expected, setExpected] = useState('');
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<EditLine[]>([]);
  const s = useSubmit();
  const supplier = suppliers.data?.find((x) => String(x.id) === supplierId) ?? null;
  const supplierItems = useApi('purchasing.supplierItems.list', supplier ? { supplierId: supplier.id } : null);
  const whs = warehouses.data ?? [];
  const wh = warehouseId ?? (whs.length === 1 ? String(whs[0]!.id) : null);
  const currency = supplier?.currency ?? 'GBP';

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    if (!supplier) errors.supplierId = 'Choose the supplier';
    if (!wh) errors.warehouseId = 'Choose where the goods arrive';
    const checked = toDraftLines(lines, currency);
    if ('errors' in checked) Object.assign(errors, checked.errors);
    if (Object.keys(errors).length || !supplier || !wh || 'errors' in checked) return s.setFieldErrors(errors);
    const po = await s.submit(() =>
      call('purchasing.orders.createDraft', {
        supplierId: supplier.id,
        warehouseId: Number(wh),
        ...(expected && { expectedDate: expected }),
        ...(optional(notes) !== undefined && { notes: notes.trim() }),
        lines: checked.lines,
      }),
    );
    if (!po) return;
    notifySuccess('Draft PO created', `${po.number} · ${po.supplierName}`);
    navigate(`/purchasing/orders/${po.id}`);
  };

  const err = s.fieldErrors;
  return (
    <>
      <PurchasingTabs active="orders" />
      <PageHeader
        above={
          <Anchor href={href('/purchasing')} size="sm">
            ← Purchase orders
          </Anchor>
        }
        title="New purchase order"
        description="Saved as a draft: check it, download the PDF and mark it as sent from its page."
      />
      <form onSubmit={save} data-testid="new-po-form">
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, xl: 8 }}>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="sm">
                Lines
              </Title>
              {supplier ? (
                <PoLinesEditor lines={lines} onChange={setLines} currency={currency} supplierItems={supplierItems.data ?? []} errors={err} />
              ) : (
                <Text c="dimmed" size="sm">
                  Choose the supplier first: unit costs start at its prices.
                </Text>
              )}
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, xl: 4 }}>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="sm">
                Order
              </Title>
              <Stack gap="sm">
                <FormError error={s.error} shownFields={['supplierId', 'warehouseId', 'expectedDate', 'notes']} />
                <Select
                  label="Supplier"
                  required
                  searchable
                  placeholder="Choose…"
                  data={(suppliers.data ?? []).map((x) => ({ value: String(x.id), label: x.name }))}
                  value={supplierId}
                  onChange={(v) => {
                    setSupplierId(v);
                    s.clearFieldError('supplierId');
                  }}
                  error={err.supplierId}
                  data-testid="po-supplier"
                />
                {supplier ? (
                  <Text size="xs" c="dimmed">
                    {supplier.currency} · pays in {supplier.paymentTermsDays} days · lead time {supplier.leadTimeDays ?? '—'} d
                    {supplier.minOrderQty ? ` · MOQ ${supplier.minOrderQty}` : ''}
                  </Text>
                ) : null}
                <Select
                  label="Receive into"
                  required
                  data={whs.map((w) => ({ value: String(w.id), label: `${w.code} · ${w.name}` }))}
                  value={wh}
                  onChange={(v) => {
                    setWarehouseId(v);
                    s.clearFieldError('warehouseId');
                  }}
                  error={err.warehouseId}
                  data-testid="po-warehouse"
                />
                <TextInput label="Expected" type="date" value={expected} onChange={(e) => setExpected(e.currentTarget.value)} error={err.expectedDate} data-testid="po-expected" />
                <Textarea label="Notes for the supplier" autosize minRows={2} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={err.notes} />
                <Group justify="flex-end">
                  <Button type="submit" leftSection={<IconDeviceFloppy size={16} />} loading={s.submitting} disabled={!supplier} data-testid="po-create">
                    Create draft PO
                  </Button>
                </Group>
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}
