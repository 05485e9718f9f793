import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Bill } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { formatDate, money } from '../../lib/format';
import { optional } from '../../lib/parse';
import { FormError } from '../form-error';
import { KeyboardForm } from '../forms/keyboard-form';
import { DayInput, FormFooter, plusDays, summaryError, TermsInput, typedMoney, utcToday } from './finance-common';

const SHOWN = ['supplierId', 'poId', 'supplierRef', 'billDate', 'termsDays', 'amountMinor', 'currency'];

/** A supplier bill: the supplier, optionally the PO it is for (its received value is the default amount), their invoice number. */
export function NewBillModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (b: Bill) => void }) {
  const [supplierId, setSupplierId] = useState<string | null>(null);
  const [poId, setPoId] = useState<string | null>(null);
  const [supplierRef, setSupplierRef] = useState('');
  const [billDate, setBillDate] = useState(utcToday);
  const [terms, setTerms] = useState<number | string>('');
  const [amount, setAmount] = useState('');
  const suppliers = useApi('purchasing.suppliers.list', opened ? { all: false } : null);
  const pos = useApi('purchasing.orders.list', opened && supplierId ? { supplierId: Number(supplierId), status: ['sent', 'partially_received', 'received', 'closed'], limit: 200 } : null);
  const form = useSubmit();
  const fe = form.fieldErrors;
  const supplier = suppliers.data?.find((s) => String(s.id) === supplierId);
  const currency = supplier?.currency ?? '';
  const clear = (f: string) => form.clearFieldError(f);
  const termsDays = typeof terms === 'number' ? terms : supplier?.paymentTermsDays;
  const due = termsDays === undefined ? '' : plusDays(billDate, termsDays);

  const close = () => {
    setSupplierId(null);
    setPoId(null);
    setSupplierRef('');
    setBillDate(utcToday());
    setTerms('');
    setAmount('');
    form.reset();
    onClose();
  };

  const submit = async () => {
    const local: Record<string, string> = {};
    const minor = typedMoney(amount, currency || 'GBP');
    if (!supplier) local.supplierId = 'Pick the supplier';
    if (minor === null || (minor !== undefined && minor <= 0)) local.amountMinor = 'Not an amount (e.g. 120.50)';
    else if (minor === undefined && !poId) local.amountMinor = 'Give the amount (or pick the purchase order)';
    if (Object.keys(local).length) return form.setFieldErrors(local);
    const created = await form.submit(() =>
      call('finance.createBill', {
        supplierId: supplier!.id,
        poId: poId ? Number(poId) : undefined,
        supplierRef: optional(supplierRef),
        billDate: billDate || undefined,
        termsDays: typeof terms === 'number' ? terms : undefined,
        amountMinor: minor ?? undefined,
      }),
    );
    if (!created) return;
    close();
    onCreated(created);
  };

  return (
    <Modal opened={opened} onClose={close} title="New supplier bill" size="lg">
      <KeyboardForm label="New bill" testId="bill-form" onSubmit={submit}>
        <Stack gap="md">
          <FormError error={summaryError(form.error, SHOWN)} shownFields={SHOWN} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label="Supplier"
              required
              searchable
              data-autofocus
              placeholder="Type the supplier's name"
              nothingFoundMessage="No supplier matches"
              data={(suppliers.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
              value={supplierId}
              error={fe.supplierId}
              onChange={(v) => {
                setSupplierId(v);
                setPoId(null);
                clear('supplierId');
              }}
              data-testid="bill-supplier"
            />
            <Select
              label="Purchase order"
              placeholder={supplier ? 'Optional' : 'Pick the supplier first'}
              disabled={!supplier}
              clearable
              searchable
              nothingFoundMessage="No purchase order of this supplier"
              data={(pos.data ?? []).map((p) => ({ value: String(p.id), label: `${p.number} · ${p.status.replace('_', ' ')} · ${money(p.totalMinor, p.currency)}` }))}
              value={poId}
              error={fe.poId}
              onChange={(v) => {
                setPoId(v);
                clear('poId');
              }}
              data-testid="bill-po"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Supplier's invoice number"
              placeholder="As printed on their invoice"
              value={supplierRef}
              error={fe.supplierRef}
              onChange={(e) => {
                setSupplierRef(e.currentTarget.value);
                clear('supplierRef');
              }}
              data-testid="bill-ref"
            />
            <DayInput
              label="Bill date"
              required
              value={billDate}
              error={fe.billDate}
              onChange={(v) => {
                setBillDate(v);
                clear('billDate');
              }}
              testId="bill-date"
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={`Amount${currency ? ` (${currency})` : ''}`}
              required={!poId}
              placeholder={poId ? 'Value received on the PO' : '0.00'}
              value={amount}
              error={fe.amountMinor ?? fe.currency}
              onChange={(e) => {
                setAmount(e.currentTarget.value);
                clear('amountMinor');
              }}
              data-testid="bill-amount"
            />
            <TermsInput
              placeholder={supplier ? `${supplier.paymentTermsDays} (supplier's terms)` : "Supplier's terms"}
              value={terms}
              error={fe.termsDays}
              onChange={(v) => {
                setTerms(v);
                clear('termsDays');
              }}
              testId="bill-terms"
            />
          </SimpleGrid>
          <FormFooter note={due ? `Due ${formatDate(due)}` : ''} noteTestId="bill-due" onCancel={close} submitting={form.submitting} saveLabel="Record bill" saveTestId="bill-save" />
        </Stack>
      </KeyboardForm>
    </Modal>
  );
}
