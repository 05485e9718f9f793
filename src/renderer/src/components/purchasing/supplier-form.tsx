import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { Supplier } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSettings } from '../../hooks/use-settings';
import { useSubmit } from '../../hooks/use-submit';
import { parseOptionalInt, parseQty } from '../../lib/parse';
import { parseWhole } from '../../lib/parse-whole';
import { FormError } from '../form-error';

const SHOWN = ['name', 'email', 'phone', 'address', 'currency', 'paymentTermsDays', 'leadTimeDays', 'minOrderQty', 'packSize'];

/** New supplier, or the terms of an existing one. Numbers are whole days / units; empty lead time and MOQ mean "none stated". */
export function SupplierForm({ supplier, onSaved, onCancel }: { supplier?: Supplier; onSaved: (s: Supplier) => void; onCancel: () => void }) {
  const { currency } = useSettings();
  const [f, setF] = useState({
    name: supplier?.name ?? '',
    email: supplier?.email ?? '',
    phone: supplier?.phone ?? '',
    address: supplier?.address ?? '',
    currency: supplier?.currency ?? currency,
    paymentTermsDays: String(supplier?.paymentTermsDays ?? 30),
    leadTimeDays: supplier?.leadTimeDays == null ? '' : String(supplier.leadTimeDays),
    minOrderQty: supplier?.minOrderQty == null ? '' : String(supplier.minOrderQty),
    packSize: String(supplier?.packSize ?? 1),
  });
  const s = useSubmit();
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => {
    const v = e.currentTarget.value;
    setF((o) => ({ ...o, [k]: v }));
    s.clearFieldError(k);
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const terms = parseWhole(f.paymentTermsDays);
    if (terms === null) errors.paymentTermsDays = 'Enter whole days';
    const lead = f.leadTimeDays.trim() ? parseWhole(f.leadTimeDays) : undefined;
    if (lead === null) errors.leadTimeDays = 'Enter whole days, or leave empty';
    const moq = parseOptionalInt(f.minOrderQty);
    if (moq === null) errors.minOrderQty = 'Enter a whole number, or leave empty';
    const pack = parseQty(f.packSize);
    if (pack === null) errors.packSize = 'Enter a whole number of at least 1';
    if (Object.keys(errors).length) return s.setFieldErrors(errors);
    const patch = {
      name: f.name,
      email: f.email.trim() || null,
      phone: f.phone.trim() || null,
      address: f.address,
      currency: f.currency.trim().toUpperCase(),
      paymentTermsDays: terms!,
      leadTimeDays: lead ?? null,
      minOrderQty: moq ?? null,
      packSize: pack!,
    };
    const saved = await s.submit(() => (supplier ? call('purchasing.suppliers.update', { id: supplier.id, patch }) : call('purchasing.suppliers.create', patch)));
    if (saved) onSaved(saved);
  };

  const err = s.fieldErrors;
  return (
    <form onSubmit={save} data-testid="supplier-form">
      <Stack gap="sm">
        <FormError error={s.error} shownFields={SHOWN} />
        <TextInput label="Name" required data-autofocus value={f.name} onChange={set('name')} error={err.name} />
        <SimpleGrid cols={2}>
          <TextInput label="Email" value={f.email} onChange={set('email')} error={err.email} />
          <TextInput label="Phone" value={f.phone} onChange={set('phone')} error={err.phone} />
        </SimpleGrid>
        <Textarea label="Address" autosize minRows={2} value={f.address} onChange={set('address')} error={err.address} />
        <SimpleGrid cols={3}>
          <TextInput label="Currency" value={f.currency} onChange={set('currency')} error={err.currency} maxLength={3} />
          <TextInput label="Payment terms (days)" value={f.paymentTermsDays} onChange={set('paymentTermsDays')} error={err.paymentTermsDays} />
          <TextInput label="Stated lead time (days)" value={f.leadTimeDays} onChange={set('leadTimeDays')} error={err.leadTimeDays} placeholder="not stated" />
          <TextInput label="Minimum order qty" value={f.minOrderQty} onChange={set('minOrderQty')} error={err.minOrderQty} placeholder="none" />
          <TextInput label="Pack size" value={f.packSize} onChange={set('packSize')} error={err.packSize} description="Orders are rounded up to whole packs" />
        </SimpleGrid>
        <Group justify="flex-end" mt="xs">
          <Button variant="default" onClick={onCancel} disabled={s.submitting}>
            Cancel
          </Button>
          <Button type="submit" loading={s.submitting} data-testid="supplier-save">
            {supplier ? 'Save supplier' : 'Create supplier'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
