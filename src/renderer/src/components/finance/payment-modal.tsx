import { Button, Group, Modal, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { money, toDecimal } from '../../lib/format';
import { optional } from '../../lib/parse';
import { FormError } from '../form-error';
import { KeyboardForm } from '../forms/keyboard-form';
import { DayInput, typedMoney, utcToday, type FinanceKind } from './finance-common';

/** The document a payment is recorded against. */
export interface PaymentTarget {
  kind: FinanceKind;
  id: number;
  number: string;
  party: string;
  currency: string;
  amountMinor: number;
  openMinor: number;
}

const SHOWN = ['amountMinor', 'paidOn', 'reference'];

/** Record a payment: the amount starts at what is still owed; the hub refuses more than that, next to the field. */
export function PaymentModal({ target, onClose, onDone }: { target: PaymentTarget | null; onClose: () => void; onDone: () => void }) {
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState(utcToday);
  const [reference, setReference] = useState('');
  const form = useSubmit();
  const fe = form.fieldErrors;
  const { reset } = form;

  useEffect(() => {
    if (!target) return;
    setAmount(toDecimal(target.openMinor, target.currency));
    setPaidOn(utcToday());
    setReference('');
    reset();
  }, [target, reset]);

  const submit = async () => {
    if (!target) return;
    const minor = typedMoney(amount, target.currency);
    if (minor === undefined || minor === null || minor <= 0) return form.setFieldErrors({ amountMinor: minor === undefined ? 'Give the amount paid' : 'Not an amount (e.g. 120.50)' });
    const common = { amountMinor: minor, paidOn: paidOn || undefined, reference: optional(reference) };
    const done = await form.submit<unknown>((idempotencyKey) =>
      target.kind === 'invoice'
        ? call('finance.recordInvoicePayment', { invoiceId: target.id, ...common, idempotencyKey })
        : call('finance.recordBillPayment', { billId: target.id, ...common, idempotencyKey }),
    );
    if (done) onDone();
  };

  return (
    <Modal opened={target !== null} onClose={onClose} title={target ? `Record payment · ${target.number}` : ''} size="lg">
      {target ? (
        <KeyboardForm label="Record payment" testId="payment-form" onSubmit={submit}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {target.kind === 'invoice' ? 'From' : 'To'} {target.party} · {money(target.amountMinor, target.currency)} in all ·{' '}
              <Text span fw={700} c="var(--mantine-color-text)">
                {money(target.openMinor, target.currency)} still owed
              </Text>
            </Text>
            <FormError error={form.error} shownFields={SHOWN} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <TextInput
                label={`Amount (${target.currency})`}
                required
                data-autofocus
                value={amount}
                error={fe.amountMinor}
                onChange={(e) => {
                  setAmount(e.currentTarget.value);
                  form.clearFieldError('amountMinor');
                }}
                data-testid="payment-amount"
              />
              <DayInput
                label="Paid on"
                required
                value={paidOn}
                error={fe.paidOn}
                onChange={(v) => {
                  setPaidOn(v);
                  form.clearFieldError('paidOn');
                }}
                testId="payment-date"
              />
              <TextInput
                label="Reference"
                placeholder="Bank ref, cheque no."
                value={reference}
                error={fe.reference}
                onChange={(e) => {
                  setReference(e.currentTarget.value);
                  form.clearFieldError('reference');
                }}
                data-testid="payment-reference"
              />
            </SimpleGrid>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={form.submitting} data-testid="payment-save">
                Record payment
              </Button>
            </Group>
          </Stack>
        </KeyboardForm>
      ) : null}
    </Modal>
  );
}
