import { Grid, Stack, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { Item } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifyOperation } from '../../lib/notify';
import { optional, parseQty } from '../../lib/parse';
import { BinField, type BinRef } from '../bin-field';
import { FormError } from '../form-error';
import { ItemField } from '../item-field';
import type { LookupHandle } from '../lookup-input';
import { StockHint } from '../stock-hint';
import { FormActions } from './form-actions';
import type { StockFormProps } from './receive-form';
import { KeyboardForm } from './keyboard-form';

const SHOWN = ['itemId', 'fromLocationId', 'toLocationId', 'quantity', 'lot', 'docRef'];

/** Bin to bin. Cost layers and receipt dates travel with the units, so nothing about cost is asked. */
export function TransferForm({ initialItem = null, mode, onDone, onCancel }: StockFormProps) {
  const [item, setItem] = useState<Item | null>(initialItem);
  const [from, setFrom] = useState<BinRef | null>(null);
  const [to, setTo] = useState<BinRef | null>(null);
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [docRef, setDocRef] = useState('');
  const s = useSubmit();
  const itemRef = useRef<LookupHandle<Item>>(null);
  const fromRef = useRef<LookupHandle<BinRef>>(null);
  const toRef = useRef<LookupHandle<BinRef>>(null);
  const tracked = item !== null && item.tracking !== 'none';

  const clearForNextLine = () => {
    setItem(null);
    setFrom(null);
    setQty('');
    setLot('');
    s.reset();
    itemRef.current?.focus();
  };

  const onSubmit = async () => {
    const it = item ?? (await itemRef.current?.resolveNow()) ?? null;
    const f = from ?? (await fromRef.current?.resolveNow()) ?? null;
    const t = to ?? (await toRef.current?.resolveNow()) ?? null;
    const quantity = parseQty(qty);
    const errors: Record<string, string> = {};
    if (!it) errors.itemId = 'Scan or type the item';
    if (!f) errors.fromLocationId = 'Scan or type the bin it leaves';
    if (!t) errors.toLocationId = 'Scan or type the bin it goes to';
    if (f && t && f.id === t.id) errors.toLocationId = 'Same as the source bin';
    if (quantity === null) errors.quantity = 'A whole number above zero';
    if (Object.keys(errors).length || !it || !f || !t || quantity === null) {
      s.reset();
      s.setFieldErrors(errors);
      return;
    }
    const r = await s.submit((idempotencyKey) =>
      call('stock.transfer', {
        itemId: it.id,
        fromLocationId: f.id,
        toLocationId: t.id,
        quantity,
        lot: it.tracking !== 'none' ? optional(lot) : undefined,
        docRef: optional(docRef),
        idempotencyKey,
      }),
    );
    if (!r) return;
    const lots = [...new Set(r.movements.map((m) => m.lot).filter(Boolean))];
    notifyOperation(r, 'Transferred', `${quantity} × ${it.sku} from ${f.path} to ${t.path}${lots.length ? ` (lot ${lots.join(', ')})` : ''}`);
    if (mode === 'page') clearForNextLine();
    onDone?.(r);
  };

  const fe = s.fieldErrors;
  return (
    <KeyboardForm label="Transfer stock" testId="transfer-form" onSubmit={onSubmit} onEscape={mode === 'page' ? clearForNextLine : undefined}>
      <Stack gap="sm">
        <FormError error={s.error} shownFields={SHOWN} />
        <ItemField ref={itemRef} value={item} onChange={(i) => (setItem(i), s.clearFieldError('itemId'))} error={fe.itemId} autoFocus={!initialItem} />
        {item ? (
          <StockHint
            itemId={item.id}
            onPick={(b, l) => {
              setFrom(b);
              if (l) setLot(l);
              s.clearFieldError('fromLocationId');
            }}
          />
        ) : null}
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <BinField ref={fromRef} label="From bin" value={from} onChange={(b) => (setFrom(b), s.clearFieldError('fromLocationId'))} error={fe.fromLocationId} autoFocus={!!initialItem} testId="from-bin-field" />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <BinField ref={toRef} label="To bin" value={to} onChange={(b) => (setTo(b), s.clearFieldError('toLocationId'))} error={fe.toLocationId} testId="to-bin-field" />
          </Grid.Col>
        </Grid>
        <Grid gap="sm">
          <Grid.Col span={6}>
            <TextInput label="Quantity" inputMode="numeric" value={qty} onChange={(e) => (setQty(e.currentTarget.value), s.clearFieldError('quantity'))} error={fe.quantity} rightSection={item ? <small>{item.unit}</small> : undefined} />
          </Grid.Col>
          {tracked ? (
            <Grid.Col span={6}>
              <TextInput
                label={item.tracking === 'serial' ? 'Serial number' : 'Lot'}
                description="Empty: first expiry first out"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={lot}
                onChange={(e) => (setLot(e.currentTarget.value), s.clearFieldError('lot'))}
                error={fe.lot}
              />
            </Grid.Col>
          ) : null}
        </Grid>
        <TextInput label="Document reference" placeholder="Optional" value={docRef} onChange={(e) => setDocRef(e.currentTarget.value)} error={fe.docRef} />
        <FormActions submitLabel="Transfer" submitting={s.submitting} onCancel={onCancel ?? (mode === 'page' ? clearForNextLine : undefined)} cancelLabel={mode === 'page' ? 'Clear' : 'Cancel'} />
      </Stack>
    </KeyboardForm>
  );
}
