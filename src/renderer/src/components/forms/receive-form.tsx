import { Grid, Stack, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { Item, OperationResult } from '../../../../shared/api';
import { parseMoney } from '../../../../shared/money';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { formatDate, localDate, toDecimal } from '../../lib/format';
import { notifyOperation } from '../../lib/notify';
import { optional, parseQty } from '../../lib/parse';
import { BinField, type BinRef } from '../bin-field';
import { FormError } from '../form-error';
import { ItemField } from '../item-field';
import type { LookupHandle } from '../lookup-input';
import { FormActions } from './form-actions';
import { KeyboardForm } from './keyboard-form';

export interface StockFormProps {
  initialItem?: Item | null;
  /** In a modal the form closes after saving; on a page it clears for the next line of the pile. */
  mode: 'modal' | 'page';
  onDone?: (r: OperationResult) => void;
  onCancel?: () => void;
}

const SHOWN = ['itemId', 'locationId', 'quantity', 'unitCostMinor', 'lot', 'expiry', 'docRef'];

/** Goods in: item, bin, quantity, unit cost, lot and expiry for tracked items, and the delivery's reference. */
export function ReceiveForm({ initialItem = null, mode, onDone, onCancel }: StockFormProps) {
  const [item, setItemState] = useState<Item | null>(initialItem);
  const [bin, setBin] = useState<BinRef | null>(null);
  const [qty, setQty] = useState('');
  const [cost, setCost] = useState(initialItem ? toDecimal(initialItem.costMinor, initialItem.currency) : '');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState(initialItem?.shelfLifeDays ? localDate(initialItem.shelfLifeDays) : '');
  const [docRef, setDocRef] = useState('');
  const s = useSubmit();
  const itemRef = useRef<LookupHandle<Item>>(null);
  const binRef = useRef<LookupHandle<BinRef>>(null);
  const tracked = item !== null && item.tracking !== 'none';

  const setItem = (i: Item | null) => {
    setItemState(i);
    s.clearFieldError('itemId');
    if (i && i.id !== item?.id) {
      // The item's standard cost and shelf life are the usual answers; the clerk overrides when the invoice differs.
      setCost(toDecimal(i.costMinor, i.currency));
      setExpiry(i.shelfLifeDays ? localDate(i.shelfLifeDays) : '');
    }
  };

  const clearForNextLine = () => {
    setItemState(null);
    setQty('');
    setCost('');
    setLot('');
    setExpiry('');
    s.reset();
    itemRef.current?.focus();
  };

  const onSubmit = async () => {
    const it = item ?? (await itemRef.current?.resolveNow()) ?? null;
    const b = bin ?? (await binRef.current?.resolveNow()) ?? null;
    const currency = it?.currency ?? 'GBP';
    const quantity = parseQty(qty);
    const unitCostMinor = cost.trim() ? parseMoney(cost, currency) : undefined;
    const errors: Record<string, string> = {};
    if (!it) errors.itemId = 'Scan or type the item';
    if (!b) errors.locationId = 'Scan or type the bin';
    if (quantity === null) errors.quantity = 'A whole number above zero';
    if (unitCostMinor === null || (unitCostMinor !== undefined && unitCostMinor < 0)) errors.unitCostMinor = 'An amount like 2.50';
    if (it && it.tracking !== 'none' && !lot.trim()) errors.lot = it.tracking === 'serial' ? 'Serial number required' : 'Lot required';
    if (Object.keys(errors).length || !it || !b || quantity === null || unitCostMinor === null) {
      s.reset();
      s.setFieldErrors(errors);
      return;
    }
    const r = await s.submit((idempotencyKey) =>
      call('stock.receive', {
        itemId: it.id,
        locationId: b.id,
        quantity,
        unitCostMinor,
        lot: it.tracking !== 'none' ? optional(lot) : undefined,
        expiry: it.tracking !== 'none' ? optional(expiry) : undefined,
        docRef: optional(docRef),
        idempotencyKey,
      }),
    );
    if (!r) return;
    const lotText = it.tracking !== 'none' && lot.trim() ? ` (lot ${lot.trim()}${expiry ? `, expires ${formatDate(expiry)}` : ''})` : '';
    notifyOperation(r, 'Received', `${quantity} × ${it.sku} into ${b.path}${lotText}`);
    if (mode === 'page') clearForNextLine();
    onDone?.(r);
  };

  const fe = s.fieldErrors;
  return (
    <KeyboardForm label="Receive stock" testId="receive-form" onSubmit={onSubmit} onEscape={mode === 'page' ? clearForNextLine : undefined}>
      <Stack gap="sm">
        <FormError error={s.error} shownFields={SHOWN} />
        <ItemField ref={itemRef} value={item} onChange={setItem} error={fe.itemId} autoFocus={!initialItem} />
        <BinField ref={binRef} label="Bin" value={bin} onChange={(b) => (setBin(b), s.clearFieldError('locationId'))} error={fe.locationId} autoFocus={!!initialItem} testId="bin-field" />
        <Grid gap="sm">
          <Grid.Col span={6}>
            <TextInput label="Quantity" inputMode="numeric" value={qty} onChange={(e) => (setQty(e.currentTarget.value), s.clearFieldError('quantity'))} error={fe.quantity} rightSection={item ? <small>{item.unit}</small> : undefined} />
          </Grid.Col>
          <Grid.Col span={6}>
            <TextInput
              label="Unit cost"
              inputMode="decimal"
              value={cost}
              onChange={(e) => (setCost(e.currentTarget.value), s.clearFieldError('unitCostMinor'))}
              error={fe.unitCostMinor}
              description={item ? `${item.currency}, per ${item.unit}` : undefined}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
            />
          </Grid.Col>
        </Grid>
        {tracked ? (
          <Grid gap="sm">
            <Grid.Col span={6}>
              <TextInput label={item.tracking === 'serial' ? 'Serial number' : 'Lot'} value={lot} onChange={(e) => (setLot(e.currentTarget.value), s.clearFieldError('lot'))} error={fe.lot} withAsterisk />
            </Grid.Col>
            <Grid.Col span={6}>
              <TextInput label="Expiry" type="date" value={expiry} onChange={(e) => (setExpiry(e.currentTarget.value), s.clearFieldError('expiry'))} error={fe.expiry} />
            </Grid.Col>
          </Grid>
        ) : null}
        <TextInput label="Document reference" placeholder="Delivery note or PO number" value={docRef} onChange={(e) => setDocRef(e.currentTarget.value)} error={fe.docRef} />
        <FormActions submitLabel="Receive" submitting={s.submitting} onCancel={onCancel ?? (mode === 'page' ? clearForNextLine : undefined)} cancelLabel={mode === 'page' ? 'Clear' : 'Cancel'} />
      </Stack>
    </KeyboardForm>
  );
}
