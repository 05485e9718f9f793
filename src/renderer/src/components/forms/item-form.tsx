import { Autocomplete, Divider, Grid, Input, SegmentedControl, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Item } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { parseOptionalInt } from '../../lib/parse';
import { BarcodeListInput, newBarcodeDraft, type BarcodeDraft } from '../barcode-list-input';
import { FormError } from '../form-error';
import { FormActions } from './form-actions';

type Tracking = Item['tracking'];

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Stack gap="sm">
      <Divider label={<Text size="sm" fw={600}>{title}</Text>} labelPosition="left" />
      {children}
    </Stack>
  );
}

/** A new catalogue item with its barcodes. Money is typed as decimals and sent as integer minor units. */
export function ItemForm({ onCreated, onCancel }: { onCreated: (item: Item) => void; onCancel: () => void }) {
  const { currency } = useSettings();
  const categories = useApi('catalog.categories', {});
  const [f, setF] = useState({ sku: '', name: '', category: '', unit: 'ea', cost: '', price: '', shelfLife: '', weight: '', length: '', width: '', height: '', description: '' });
  const [tracking, setTracking] = useState<Tracking>('none');
  const [barcodes, setBarcodes] = useState<BarcodeDraft[]>([newBarcodeDraft()]);
  const s = useSubmit();
  const fe = s.fieldErrors;

  const field = (k: keyof typeof f, apiPath = k as string) => ({
    value: f[k],
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const v = e.currentTarget.value;
      setF((x) => ({ ...x, [k]: v }));
      s.clearFieldError(apiPath);
    },
    error: fe[apiPath],
  });

  const onSubmit = async () => {
    const costMinor = f.cost.trim() ? parseMoney(f.cost, currency) : 0;
    const priceMinor = f.price.trim() ? parseMoney(f.price, currency) : 0;
    const ints = { shelfLifeDays: f.shelfLife, weightGrams: f.weight, lengthMm: f.length, widthMm: f.width, heightMm: f.height };
    const parsed = Object.fromEntries(Object.entries(ints).map(([k, v]) => [k, parseOptionalInt(v)])) as Record<keyof typeof ints, number | null | undefined>;
    const errors: Record<string, string> = {};
    if (costMinor === null || costMinor < 0) errors.costMinor = 'An amount like 2.50';
    if (priceMinor === null || priceMinor < 0) errors.priceMinor = 'An amount like 4.99';
    for (const [k, v] of Object.entries(parsed)) if (v === null) errors[k] = 'A whole number above zero';
    if (Object.keys(errors).length || costMinor === null || priceMinor === null) {
      s.reset();
      s.setFieldErrors(errors);
      return;
    }
    const opt = (n: number | null | undefined) => (n === null ? undefined : n);
    const item = await s.submit(() =>
      call('catalog.create', {
        sku: f.sku,
        name: f.name,
        category: f.category,
        unit: f.unit || 'ea',
        description: f.description,
        costMinor,
        priceMinor,
        currency,
        tracking,
        shelfLifeDays: opt(parsed.shelfLifeDays),
        weightGrams: opt(parsed.weightGrams),
        lengthMm: opt(parsed.lengthMm),
        widthMm: opt(parsed.widthMm),
        heightMm: opt(parsed.heightMm),
        barcodes: barcodes.filter((b) => b.code.trim()).map((b) => ({ code: b.code.trim(), symbology: b.symbology })),
      }),
    );
    if (!item) return;
    notifySuccess('Item created', `${item.sku} — ${item.name}`);
    onCreated(item);
  };

  // Empty barcode rows are dropped before sending, so API indexes must be mapped back to the rows shown.
  const shownBarcodeErrors: Record<string, string> = {};
  let sent = 0;
  barcodes.forEach((b, i) => {
    if (!b.code.trim()) return;
    for (const suffix of ['.code', '']) {
      const m = fe[`barcodes.${sent}${suffix}`];
      if (m) shownBarcodeErrors[`barcodes.${i}${suffix}`] = m;
    }
    sent++;
  });
  const shown = ['sku', 'name', 'category', 'unit', 'costMinor', 'priceMinor', 'tracking', 'shelfLifeDays', 'weightGrams', 'lengthMm', 'widthMm', 'heightMm', 'description', ...Object.keys(fe).filter((k) => k.startsWith('barcodes.'))];

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target as HTMLElement).closest('[aria-expanded="true"]')) {
          e.preventDefault();
          onCancel();
        }
      }}
      aria-label="New item"
      data-testid="item-form"
    >
      <Stack gap="lg">
        <FormError error={s.error} shownFields={shown} />
        <Section title="Identity">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="SKU" withAsterisk autoFocus placeholder="e.g. MUG-ENAMEL-01" classNames={{ input: 'mono' }} {...field('sku')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput label="Name" withAsterisk placeholder="What the picker sees on the shelf" {...field('name')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Autocomplete
                label="Category"
                placeholder="e.g. Kitchen"
                data={(categories.data ?? []).map((c) => c.category).filter(Boolean)}
                value={f.category}
                onChange={(v) => {
                  setF((x) => ({ ...x, category: v }));
                  s.clearFieldError('category');
                }}
                error={fe.category}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Unit" description="Base unit stock is counted in" inputWrapperOrder={['label', 'input', 'description', 'error']} {...field('unit')} />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title="Price">
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Cost" inputMode="decimal" placeholder="0.00" leftSection={<Text size="xs">{currency}</Text>} {...field('cost', 'costMinor')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Price" inputMode="decimal" placeholder="0.00" leftSection={<Text size="xs">{currency}</Text>} {...field('price', 'priceMinor')} />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title="Tracking">
          <Grid gap="sm" align="flex-end">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <Input.Wrapper label="Track by" error={fe.tracking}>
                {/* A block wrapper keeps the label above the inline-flex control. */}
                <div>
                <SegmentedControl
                value={tracking}
                onChange={(v) => {
                  setTracking(v as Tracking);
                  s.clearFieldError('tracking');
                }}
                data={[
                  { value: 'none', label: 'Quantity only' },
                  { value: 'lot', label: 'Lot / batch' },
                  { value: 'serial', label: 'Serial number' },
                ]}
                aria-label="Tracking"
                  data-testid="tracking"
                />
                </div>
              </Input.Wrapper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput label="Shelf life (days)" inputMode="numeric" placeholder="None" {...field('shelfLife', 'shelfLifeDays')} />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title="Size and weight">
          <Grid gap="sm">
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="Weight (g)" inputMode="numeric" {...field('weight', 'weightGrams')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="Length (mm)" inputMode="numeric" {...field('length', 'lengthMm')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="Width (mm)" inputMode="numeric" {...field('width', 'widthMm')} />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput label="Height (mm)" inputMode="numeric" {...field('height', 'heightMm')} />
            </Grid.Col>
          </Grid>
        </Section>
        <Section title="Barcodes">
          <BarcodeListInput
            value={barcodes}
            onChange={(v) => {
              setBarcodes(v);
              s.setFieldErrors(Object.fromEntries(Object.entries(fe).filter(([k]) => !k.startsWith('barcodes.'))));
            }}
            errors={shownBarcodeErrors}
          />
        </Section>
        <Section title="Notes">
          <Textarea label="Description" autosize minRows={2} maxRows={6} {...field('description')} />
        </Section>
        <FormActions submitLabel="Create item" submitting={s.submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
