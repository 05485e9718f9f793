import { Grid, Input, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { AdjustReason, Item } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { REASON_LABELS } from '../../lib/format';
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

type Direction = 'remove' | 'add';

/** Which way each reason moves stock; only a count correction can go either way. */
const DIRECTION: Record<AdjustReason, Direction | 'either'> = {
  damage: 'remove',
  theft: 'remove',
  lost: 'remove',
  expired: 'remove',
  found: 'add',
  count_correction: 'either',
};

// Keys of a Record over the contract's union: tsc flags a reason added there and missing here.
const REASONS = Object.keys(DIRECTION) as AdjustReason[];

const SHOWN = ['itemId', 'locationId', 'quantity', 'reason', 'lot', 'expiry', 'docRef'];

/** Corrects stock in a bin with a reason; removals go to scrap or adjustment, additions come from adjustment. */
export function AdjustForm({ initialItem = null, mode, onDone, onCancel }: StockFormProps) {
  const [item, setItem] = useState<Item | null>(initialItem);
  const [bin, setBin] = useState<BinRef | null>(null);
  const [reason, setReason] = useState<AdjustReason>('damage');
  const [direction, setDirection] = useState<Direction>('remove');
  const [qty, setQty] = useState('');
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [note, setNote] = useState('');
  const s = useSubmit();
  const itemRef = useRef<LookupHandle<Item>>(null);
  const binRef = useRef<LookupHandle<BinRef>>(null);
  const tracked = item !== null && item.tracking !== 'none';
  const fixed = DIRECTION[reason];
  const effective: Direction = fixed === 'either' ? direction : fixed;

  const clearForNextLine = () => {
    setItem(null);
    setBin(null);
    setQty('');
    setLot('');
    setExpiry('');
    setNote('');
    s.reset();
    itemRef.current?.focus();
  };

  const onSubmit = async () => {
    const it = item ?? (await itemRef.current?.resolveNow()) ?? null;
    const b = bin ?? (await binRef.current?.resolveNow()) ?? null;
    const n = parseQty(qty);
    const errors: Record<string, string> = {};
    if (!it) errors.itemId = 'Scan or type the item';
    if (!b) errors.locationId = 'Scan or type the bin';
    if (n === null) errors.quantity = 'A whole number above zero';
    if (it && it.tracking !== 'none' && effective === 'add' && !lot.trim()) errors.lot = 'Lot required when adding stock';
    if (Object.keys(errors).length || !it || !b || n === null) {
      s.reset();
      s.setFieldErrors(errors);
      return;
    }
    const quantity = effective === 'remove' ? -n : n;
    const r = await s.submit((idempotencyKey) =>
      call('stock.adjust', {
        itemId: it.id,
        locationId: b.id,
        quantity,
        reason,
        lot: it.tracking !== 'none' ? optional(lot) : undefined,
        expiry: it.tracking !== 'none' && effective === 'add' ? optional(expiry) : undefined,
        note: optional(note),
        idempotencyKey,
      }),
    );
    if (!r) return;
    const verb = effective === 'remove' ? `Removed ${n} × ${it.sku} from` : `Added ${n} × ${it.sku} to`;
    notifyOperation(r, `Adjusted: ${REASON_LABELS[reason].toLowerCase()}`, `${verb} ${b.path}`);
    if (mode === 'page') clearForNextLine();
    onDone?.(r);
  };

  const fe = s.fieldErrors;
  return (
    <KeyboardForm label="Adjust stock" testId="adjust-form" onSubmit={onSubmit} onEscape={mode === 'page' ? clearForNextLine : undefined}>
      <Stack gap="sm">
        <FormError error={s.error} shownFields={SHOWN} />
        <ItemField ref={itemRef} value={item} onChange={(i) => (setItem(i), s.clearFieldError('itemId'))} error={fe.itemId} autoFocus={!initialItem} />
        {item ? (
          <StockHint
            itemId={item.id}
            onPick={(b, l) => {
              setBin(b);
              if (l) setLot(l);
              s.clearFieldError('locationId');
            }}
          />
        ) : null}
        <BinField ref={binRef} label="Bin" value={bin} onChange={(b) => (setBin(b), s.clearFieldError('locationId'))} error={fe.locationId} autoFocus={!!initialItem} testId="bin-field" />
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <Select
              label="Reason"
              data={REASONS.map((r) => ({ value: r, label: REASON_LABELS[r] }))}
              value={reason}
              onChange={(v) => {
                if (!v) return;
                const r = v as AdjustReason;
                setReason(r);
                const d = DIRECTION[r];
                if (d !== 'either') setDirection(d);
                s.clearFieldError('reason');
              }}
              allowDeselect={false}
              error={fe.reason}
              data-testid="reason-select"
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, xs: 6 }}>
            <Input.Wrapper label="Direction">
              <SegmentedControl
              fullWidth
              value={effective}
              onChange={(v) => setDirection(v as Direction)}
              disabled={fixed !== 'either'}
              data={[
                { value: 'remove', label: '− Remove' },
                { value: 'add', label: '+ Add' },
              ]}
                aria-label="Direction"
              />
            </Input.Wrapper>
          </Grid.Col>
        </Grid>
        <Grid gap="sm">
          <Grid.Col span={tracked ? 4 : 12}>
            <TextInput
              label="Quantity"
              inputMode="numeric"
              value={qty}
              onChange={(e) => (setQty(e.currentTarget.value), s.clearFieldError('quantity'))}
              error={fe.quantity}
              leftSection={<Text fw={700}>{effective === 'remove' ? '−' : '+'}</Text>}
              rightSection={item ? <small>{item.unit}</small> : undefined}
            />
          </Grid.Col>
          {tracked ? (
            <>
              <Grid.Col span={4}>
                <TextInput label={item.tracking === 'serial' ? 'Serial number' : 'Lot'} value={lot} onChange={(e) => (setLot(e.currentTarget.value), s.clearFieldError('lot'))} error={fe.lot} />
              </Grid.Col>
              <Grid.Col span={4}>
                <TextInput label="Expiry" type="date" disabled={effective === 'remove'} value={expiry} onChange={(e) => (setExpiry(e.currentTarget.value), s.clearFieldError('expiry'))} error={fe.expiry} />
              </Grid.Col>
            </>
          ) : null}
        </Grid>
        <TextInput label="Note" placeholder="What happened (optional)" value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        <FormActions submitLabel="Adjust" submitting={s.submitting} onCancel={onCancel ?? (mode === 'page' ? clearForNextLine : undefined)} cancelLabel={mode === 'page' ? 'Clear' : 'Cancel'} />
      </Stack>
    </KeyboardForm>
  );
}
