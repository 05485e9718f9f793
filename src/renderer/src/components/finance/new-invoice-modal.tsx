import { Modal, SegmentedControl, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Invoice } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSettings } from '../../hooks/use-settings';
import { useSubmit } from '../../hooks/use-submit';
import { formatDate, money } from '../../lib/format';
import { optional } from '../../lib/parse';
import { FormError } from '../form-error';
import { KeyboardForm } from '../forms/keyboard-form';
import { DayInput, FormFooter, plusDays, summaryError, TermsInput, typedMoney, utcToday } from './finance-common';

const SHOWN = ['orderId', 'customerName', 'amountMinor', 'termsDays', 'issueDate', 'reference', 'currency'];

/** A sales invoice: from a shipped order (customer, currency and value come from it) or typed by hand. */
export function NewInvoiceModal({ opened, onClose, onCreated }: { opened: boolean; onClose: () => void; onCreated: (i: Invoice) => void }) {
  const settings = useSettings();
  const [source, setSource] = useState<'order' | 'manual'>('order');
  const [orderId, setOrderId] = useState<string | null>(null);
  const [customer, setCustomer] = useState('');
  const [amount, setAmount] = useState('');
  const [terms, setTerms] = useState<number | string>(30);
  const [issueDate, setIssueDate] = useState(utcToday);
  const [reference, setReference] = useState('');
  const orders = useApi('orders.list', opened ? { status: 'shipped', limit: 200 } : null);
  const form = useSubmit();
  const fe = form.fieldErrors;
  const order = orders.data?.rows.find((o) => String(o.id) === orderId);
  const currency = source === 'order' && order ? order.currency : settings.currency;
  const clear = (f: string) => form.clearFieldError(f);

  const close = () => {
    setOrderId(null);
    setCustomer('');
    setAmount('');
    setTerms(30);
    setIssueDate(utcToday());
    setReference('');
    form.reset();
    onClose();
  };

  const submit = async () => {
    const local: Record<string, string> = {};
    const minor = typedMoney(amount, currency);
    if (minor === null || (minor !== undefined && minor <= 0)) local.amountMinor = 'Not an amount (e.g. 120.50)';
    if (source === 'order' && !order) local.orderId = 'Pick the shipped order to invoice';
    if (source === 'manual' && !customer.trim()) local.customerName = 'Give the customer';
    if (source === 'manual' && minor === undefined) local.amountMinor = 'Give the amount';
    if (typeof terms !== 'number') local.termsDays = 'Give the terms in days';
    if (Object.keys(local).length) return form.setFieldErrors(local);
    const created = await form.submit(() =>
      call('finance.createInvoice', {
        orderId: source === 'order' ? order!.id : undefined,
        customerName: source === 'manual' ? customer.trim() : undefined,
        amountMinor: minor ?? undefined,
        termsDays: terms as number,
        issueDate: issueDate || undefined,
        reference: optional(reference),
      }),
    );
    if (!created) return;
    close();
    onCreated(created);
  };

  return (
    <Modal opened={opened} onClose={close} title="New invoice" size="lg">
      <KeyboardForm label="New invoice" testId="invoice-form" onSubmit={submit}>
        <Stack gap="md">
          <FormError error={summaryError(form.error, SHOWN)} shownFields={SHOWN} />
          <SegmentedControl
            value={source}
            onChange={(v) => {
              setSource(v as 'order' | 'manual');
              form.reset();
            }}
            data={[
              { value: 'order', label: 'From a shipped order' },
              { value: 'manual', label: 'Manual' },
            ]}
            data-testid="invoice-source"
          />
          {source === 'order' ? (
            <Select
              label="Shipped order"
              placeholder={orders.loading ? 'Loading…' : 'Type the order number or customer'}
              searchable
              required
              data-autofocus
              nothingFoundMessage="No shipped order matches"
              data={(orders.data?.rows ?? []).map((o) => ({ value: String(o.id), label: `${o.number} · ${o.customer.name} · ${money(o.totalMinor, o.currency)}` }))}
              value={orderId}
              error={fe.orderId}
              onChange={(v) => {
                setOrderId(v);
                clear('orderId');
              }}
              data-testid="invoice-order"
            />
          ) : (
            <TextInput
              label="Customer"
              required
              data-autofocus
              value={customer}
              error={fe.customerName}
              onChange={(e) => {
                setCustomer(e.currentTarget.value);
                clear('customerName');
              }}
              data-testid="invoice-customer"
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={`Amount (${currency})`}
              required={source === 'manual'}
              placeholder={source === 'order' ? (order ? `${money(order.totalMinor, order.currency)} (order value)` : 'Order value') : '0.00'}
              value={amount}
              error={fe.amountMinor}
              onChange={(e) => {
                setAmount(e.currentTarget.value);
                clear('amountMinor');
              }}
              data-testid="invoice-amount"
            />
            <TermsInput
              required
              value={terms}
              error={fe.termsDays}
              onChange={(v) => {
                setTerms(v);
                clear('termsDays');
              }}
              testId="invoice-terms"
            />
            <DayInput
              label="Issue date"
              required
              value={issueDate}
              error={fe.issueDate}
              onChange={(v) => {
                setIssueDate(v);
                clear('issueDate');
              }}
              testId="invoice-date"
            />
          </SimpleGrid>
          <TextInput
            label="Reference"
            placeholder="Customer PO or your reference (optional)"
            value={reference}
            error={fe.reference}
            onChange={(e) => {
              setReference(e.currentTarget.value);
              clear('reference');
            }}
            data-testid="invoice-reference"
          />
          <FormFooter note={typeof terms === 'number' && plusDays(issueDate, terms) ? `Due ${formatDate(plusDays(issueDate, terms))}` : ''} noteTestId="invoice-due" onCancel={close} submitting={form.submitting} saveLabel="Create invoice" saveTestId="invoice-save" />
        </Stack>
      </KeyboardForm>
    </Modal>
  );
}
