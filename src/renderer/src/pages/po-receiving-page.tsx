import { Anchor, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { ScanResult } from '../../../shared/api/devices';
import { call } from '../api/client';
import type { BinRef } from '../components/bin-field';
import type { LookupHandle } from '../components/lookup-input';
import { PageHeader } from '../components/page-header';
import { PoPicker } from '../components/purchasing/receiving/po-picker';
import { PoProgressTable } from '../components/purchasing/receiving/po-progress-table';
import { ReceiptDraftTable, type OverState } from '../components/purchasing/receiving/receipt-draft-table';
import { addToReceipt, inReceipt, overReceipts, type ReceiptLine } from '../components/purchasing/receiving/receipt-line';
import { ReceiveEntryForm, type Feedback, type Pending, type Tracking } from '../components/purchasing/receiving/receive-entry-form';
import { PO_STATUS_LABELS, PoStatusBadge } from '../components/purchasing/po-status-badge';
import { PurchasingTabs } from '../components/purchasing/purchasing-tabs';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { href, navigate } from '../hooks/use-route';
import { useScans } from '../hooks/use-scans';
import { useSubmit } from '../hooks/use-submit';
import { notifySuccess } from '../lib/notify';
import { parseQty } from '../lib/parse';

const RECEIVABLE = ['sent', 'partially_received'] as const;
/** The scan record shows the GS separator as ␝ (a control picture); the lookup wants the real character back. */
const rawCode = (s: ScanResult): string => s.raw.replace(/\u241d/g, '\x1d');
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Goods in against a purchase order, scanner first: scan the PO (or pick it), then per item its label (GS1 lot and
 * expiry fill in), the bin, and Enter for the quantity. Lines build up a receipt that is posted at once, with one
 * idempotency key, so a retry after a lost answer never books the delivery twice.
 */
export function PoReceivingPage({ poId }: { poId: number | null }) {
  const open = useApi('purchasing.orders.list', { status: [...RECEIVABLE], limit: 200 });
  const po = useApi('purchasing.orders.get', poId === null ? null : { id: poId });
  useEvent('stock.changed', () => {
    open.reload();
    po.reload();
  });

  const [code, setCode] = useState('');
  const [pending, setPending] = useState<Pending | null>(null);
  const [lot, setLot] = useState('');
  const [expiry, setExpiry] = useState('');
  const [bin, setBin] = useState<BinRef | null>(null);
  const [qty, setQty] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [feedback, setFeedback] = useState<Feedback | null>(null);
  const [lines, setLines] = useState<ReceiptLine[]>([]);
  const [overState, setOverState] = useState<OverState>({ accept: false, reason: '' });
  const post = useSubmit();
  const tracking = useRef(new Map<number, Tracking>());
  // The bin as of now, not as of the render a slow lookup started in: a bin scan may land while it is in flight.
  const binNow = useRef<BinRef | null>(null);
  binNow.current = bin;

  const codeRef = useRef<HTMLInputElement>(null);
  const lotRef = useRef<HTMLInputElement>(null);
  const expiryRef = useRef<HTMLInputElement>(null);
  const binRef = useRef<LookupHandle<BinRef>>(null);
  const qtyRef = useRef<HTMLInputElement>(null);

  // A different PO is a different delivery: nothing scanned for the last one carries over.
  useEffect(() => {
    setPending(null);
    setLines([]);
    setCode('');
    setFeedback(null);
    setOverState({ accept: false, reason: '' });
    post.reset();
  }, [poId, post.reset]);

  const p = po.data && po.data.id === poId ? po.data : undefined;
  // The form appears once the PO has loaded: that is when the scanner's first item belongs in it.
  const loadedId = p?.id;
  useEffect(() => {
    if (loadedId !== undefined) codeRef.current?.focus();
  }, [loadedId]);
  const receivable = p !== undefined && (RECEIVABLE as readonly string[]).includes(p.status);

  const trackingOf = async (itemId: number): Promise<Tracking> => {
    const known = tracking.current.get(itemId);
    if (known) return known;
    const r = await call('catalog.get', { id: itemId });
    const t: Tracking = r.ok ? r.value.item.tracking : 'none';
    tracking.current.set(itemId, t);
    return t;
  };

  // Focus moves after the render that fills the fields: selecting the quantity before its new value is painted would
  // leave the caret after the old text, and the clerk's typed quantity would be appended to the offered one.
  const [focusReq, setFocusReq] = useState<{ field: 'code' | 'lot' | 'bin' | 'qty'; n: number } | null>(null);
  const focusField = (field: 'code' | 'lot' | 'bin' | 'qty') => setFocusReq((r) => ({ field, n: (r?.n ?? 0) + 1 }));
  useEffect(() => {
    if (!focusReq) return;
    if (focusReq.field === 'code') codeRef.current?.focus();
    else if (focusReq.field === 'lot') lotRef.current?.focus();
    else if (focusReq.field === 'bin') binRef.current?.focus();
    else {
      qtyRef.current?.focus();
      qtyRef.current?.select();
    }
  }, [focusReq]);

  /** Where the clerk's next keystroke belongs after a scan: the first thing still missing. */
  const focusNextMissing = (t: Tracking, lotNow: string, binNow: BinRef | null) => {
    if (t !== 'none' && !lotNow) return focusField('lot');
    if (!binNow) return focusField('bin');
    focusField('qty');
  };

  const lookup = async (raw: string) => {
    if (!p) return setFeedback({ color: 'orange', text: 'Pick or scan the purchase order first.' });
    if (!receivable) return setFeedback({ color: 'red', text: `${p.number} is ${PO_STATUS_LABELS[p.status].toLowerCase()}: nothing can be received against it.` });
    const r = await call('purchasing.receivingLookup', { poId: p.id, code: raw });
    if (!r.ok) {
      setErrors({ code: r.error.fields?.code ?? r.error.message });
      return setFeedback({ color: 'red', text: r.error.message });
    }
    const { line, matchedBy, lot: scannedLot, expiry: scannedExpiry, quantity } = r.value;
    const t = await trackingOf(line.itemId);
    const already = inReceipt(lines).get(line.id) ?? 0;
    const rest = line.outstanding - already;
    // A case label's count (37) is what arrived; otherwise offer the rest of the line, which the clerk overtypes.
    const q = quantity ?? (rest > 0 ? rest : 1);
    const nextLot = t === 'none' ? '' : (scannedLot ?? '');
    setPending({ line, tracking: t, matchedBy });
    setLot(nextLot);
    setExpiry(t === 'none' ? '' : (scannedExpiry ?? ''));
    setQty(String(t === 'serial' ? 1 : q));
    setCode('');
    setErrors({});
    const labelInfo = [scannedLot && `lot ${scannedLot}`, scannedExpiry && `expiry ${scannedExpiry}`].filter(Boolean).join(', ');
    setFeedback({
      color: 'blue',
      text:
        `${line.sku} ${line.name}${labelInfo ? ` · ${labelInfo}` : ''}${t === 'none' && scannedLot ? ' (not lot tracked: lot ignored)' : ''}. ` +
        (rest > 0 ? `${rest} still expected.` : `Nothing more expected on this line: receiving more needs a reason.`),
    });
    focusNextMissing(t, nextLot, binNow.current);
  };

  const chooseBin = (b: BinRef | null) => {
    binNow.current = b;
    setBin(b);
    setErrors((e) => {
      const { binId: _b, ...rest } = e;
      return rest;
    });
  };

  useScans((s) => {
    switch (s.kind) {
      case 'document': {
        if (s.document?.type !== 'purchase-order') return setFeedback({ color: 'red', text: `${s.message}: not a purchase order.` });
        const number = `PO-${s.document.number}`.toUpperCase();
        const hit = open.data?.find((o) => o.number.toUpperCase() === number);
        if (hit) return navigate(`/purchasing/receive?po=${hit.id}`);
        return setFeedback({ color: 'red', text: `${number} is not waiting for goods (it is not a sent order).` });
      }
      case 'bin':
        if (!s.location) return setFeedback({ color: 'red', text: s.message });
        chooseBin({ id: s.location.id, path: s.location.path, code: s.location.path.split('/').pop()?.trim() || s.raw });
        setFeedback({ color: 'blue', text: `Bin ${s.location.path}.` });
        if (pending && (pending.tracking === 'none' || lot)) focusField('qty');
        return;
      case 'error':
        return setFeedback({ color: 'red', text: s.message });
      case 'gs1':
      case 'digital-link':
      case 'gtin':
      case 'sku':
      case 'unknown':
        // 'unknown' too: a supplier's own SKU means nothing to the catalogue but may be on this PO.
        return void lookup(rawCode(s));
    }
  });

  const add = () => {
    const errs: Record<string, string> = {};
    if (!pending) errs.code = 'Scan an item first';
    const t = pending?.tracking ?? 'none';
    if (t !== 'none' && !lot.trim()) errs.lot = t === 'serial' ? 'Serial number required' : 'Lot required: this item is lot tracked';
    if (t !== 'none' && expiry.trim() && !ISO_DATE.test(expiry.trim())) errs.expiry = 'YYYY-MM-DD';
    if (!bin) errs.binId = 'Scan or type the bin';
    const q = parseQty(qty);
    if (q === null) errs.quantity = 'A whole number of units';
    else if (t === 'serial' && q !== 1) errs.quantity = 'One unit per serial number';
    setErrors(errs);
    if (Object.keys(errs).length || !pending || !bin || q === null) {
      focusField(errs.code ? 'code' : errs.lot ? 'lot' : errs.binId ? 'bin' : 'qty');
      return;
    }
    setLines((ls) =>
      addToReceipt(ls, {
        lineId: pending.line.id,
        sku: pending.line.sku,
        name: pending.line.name,
        binId: bin.id,
        binCode: bin.code,
        lot: t === 'none' ? null : lot.trim(),
        expiry: t === 'none' || !expiry.trim() ? null : expiry.trim(),
        quantity: q,
      }),
    );
    setFeedback({ color: 'teal', text: `Added ${q} × ${pending.line.sku}${t !== 'none' ? ` lot ${lot.trim()}` : ''} to ${bin.code}. Scan the next item.` });
    setPending(null);
    setLot('');
    setExpiry('');
    setQty('');
    focusField('code');
  };

  const over = p ? overReceipts(p.lines, lines) : [];
  const submitReceipt = async () => {
    if (!p) return;
    const r = await post.submit((idempotencyKey) =>
      call('purchasing.receive', {
        poId: p.id,
        lines: lines.map((l) => ({ lineId: l.lineId, binId: l.binId, quantity: l.quantity, ...(l.lot !== null && { lot: l.lot }), ...(l.expiry !== null && { expiry: l.expiry }) })),
        ...(over.length ? { allowOver: true, overReason: overState.reason.trim() } : {}),
        idempotencyKey,
      }),
    );
    if (!r) return;
    const units = lines.reduce((s, l) => s + l.quantity, 0);
    notifySuccess(r.replayed ? 'Already posted' : 'Receipt posted', `${units} units into stock on ${r.po.number}: now ${PO_STATUS_LABELS[r.po.status].toLowerCase()}`);
    setLines([]);
    setOverState({ accept: false, reason: '' });
    setFeedback({ color: 'teal', text: `Receipt posted: ${units} units. ${r.po.number} is now ${PO_STATUS_LABELS[r.po.status].toLowerCase()}.` });
    po.reload();
    open.reload();
    focusField('code');
  };

  return (
    <>
      <PurchasingTabs active="receive" />
      <PageHeader
        title={
          p ? (
            <Group gap="sm">
              <span>Receive</span>
              <Anchor href={href(`/purchasing/orders/${p.id}`)} className="mono" inherit data-testid="receiving-po">
                {p.number}
              </Anchor>
              <PoStatusBadge status={p.status} size="lg" />
            </Group>
          ) : (
            'Receive against a purchase order'
          )
        }
        description={p ? `${p.supplierName} · into ${p.warehouseCode}. Scan the item label, scan the bin, Enter for the quantity; post when the delivery is done.` : 'Scan the PO number from the delivery note, or pick the order.'}
        actions={
          p ? (
            <Anchor component="button" size="sm" onClick={() => navigate('/purchasing/receive')}>
              Another order
            </Anchor>
          ) : undefined
        }
      />
      {poId === null ? <PoPicker orders={open.data ?? []} loading={open.loading} /> : null}
      {poId !== null && !p ? po.error ? <Text c="red">{po.error.message}</Text> : <Loader /> : null}
      {p ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack gap="lg">
              <ReceiveEntryForm
                refs={{ code: codeRef, lot: lotRef, expiry: expiryRef, bin: binRef, qty: qtyRef }}
                code={code}
                onCode={(v) => {
                  setCode(v);
                  setErrors(({ code: _c, ...rest }) => rest);
                }}
                onCodeEnter={() => code.trim() && void lookup(code.trim())}
                pending={pending}
                lot={lot}
                onLot={setLot}
                expiry={expiry}
                onExpiry={setExpiry}
                bin={bin}
                onBin={chooseBin}
                qty={qty}
                onQty={setQty}
                errors={errors}
                feedback={feedback}
                onAdd={add}
              />
              <ReceiptDraftTable
                lines={lines}
                over={over.map((o) => ({ sku: o.line.sku, expected: o.expected, receiving: o.receiving }))}
                overState={overState}
                onOverState={setOverState}
                onRemove={(key) => setLines((ls) => ls.filter((l) => l.key !== key))}
                onPost={() => void submitReceipt()}
                posting={post.submitting}
                error={post.error}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder radius="md" p="md">
              <Title order={4} mb="xs">
                Order progress
              </Title>
              <PoProgressTable po={p} inReceipt={inReceipt(lines)} activeLineId={pending?.line.id ?? null} />
            </Paper>
          </Grid.Col>
        </Grid>
      ) : null}
    </>
  );
}
