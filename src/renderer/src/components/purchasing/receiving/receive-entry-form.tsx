import { Alert, Badge, Button, Group, Kbd, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconBarcode, IconScan } from '@tabler/icons-react';
import type { FormEvent, Ref } from 'react';
import type { PoLine } from '../../../../../shared/api';
import { BinField, type BinRef } from '../../bin-field';
import type { LookupHandle } from '../../lookup-input';

export type Tracking = 'none' | 'lot' | 'serial';

/** The line being scanned: which PO line the scan matched and the item's tracking (lot fields only when tracked). */
export interface Pending {
  line: PoLine;
  tracking: Tracking;
  matchedBy: 'gtin' | 'sku' | 'supplier_sku';
}

export interface Feedback {
  color: 'teal' | 'red' | 'blue' | 'orange';
  text: string;
}

export interface EntryRefs {
  code: Ref<HTMLInputElement>;
  lot: Ref<HTMLInputElement>;
  expiry: Ref<HTMLInputElement>;
  bin: Ref<LookupHandle<BinRef>>;
  qty: Ref<HTMLInputElement>;
}

const MATCHED: Record<Pending['matchedBy'], string> = { gtin: 'by GTIN', sku: 'by SKU', supplier_sku: "by supplier's SKU" };

/**
 * Scan, scan, Enter: the item (its label fills lot and expiry), the bin, then the quantity; Enter adds the line and
 * the form is ready for the next scan with the bin kept. Everything can be typed too.
 */
export function ReceiveEntryForm(p: {
  refs: EntryRefs;
  code: string;
  onCode: (v: string) => void;
  onCodeEnter: () => void;
  pending: Pending | null;
  lot: string;
  onLot: (v: string) => void;
  expiry: string;
  onExpiry: (v: string) => void;
  bin: BinRef | null;
  onBin: (b: BinRef | null) => void;
  qty: string;
  onQty: (v: string) => void;
  errors: Record<string, string>;
  feedback: Feedback | null;
  onAdd: () => void;
}) {
  const tracked = p.pending ? p.pending.tracking !== 'none' : true;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    p.onAdd();
  };
  return (
    <Paper withBorder radius="md" p="lg" data-testid="receive-entry">
      <Group justify="space-between" mb="sm">
        <Title order={4}>Scan the goods</Title>
        <Text size="xs" c="dimmed">
          item label → bin label → quantity <Kbd size="xs">Enter</Kbd>
        </Text>
      </Group>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            ref={p.refs.code}
            label="Item"
            placeholder="Scan the item or case label, or type SKU / GTIN and Enter"
            leftSection={<IconBarcode size={16} />}
            autoComplete="off"
            spellCheck={false}
            value={p.code}
            error={p.errors.code}
            onChange={(e) => p.onCode(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              p.onCodeEnter();
            }}
            data-testid="receive-code"
          />
          {p.pending ? (
            <Group gap="xs" data-testid="pending-line">
              <Badge variant="filled" size="lg" className="mono" tt="none">
                {p.pending.line.sku}
              </Badge>
              <Text size="sm" fw={600}>
                {p.pending.line.name}
              </Text>
              <Text size="xs" c="dimmed">
                line {p.pending.line.position}, {MATCHED[p.pending.matchedBy]} · {p.pending.line.outstanding} still expected
              </Text>
              {p.pending.tracking !== 'none' ? (
                <Badge size="sm" variant="light" color="grape">
                  {p.pending.tracking} tracked
                </Badge>
              ) : null}
            </Group>
          ) : null}
          <SimpleGrid cols={2}>
            <TextInput
              ref={p.refs.lot}
              label={p.pending?.tracking === 'serial' ? 'Serial number' : 'Lot'}
              placeholder={tracked ? 'from the label, or type it' : 'not lot tracked'}
              disabled={!tracked}
              autoComplete="off"
              value={tracked ? p.lot : ''}
              error={p.errors.lot}
              onChange={(e) => p.onLot(e.currentTarget.value)}
              data-testid="receive-lot"
            />
            <TextInput
              ref={p.refs.expiry}
              label="Expiry"
              placeholder={tracked ? 'YYYY-MM-DD' : '—'}
              disabled={!tracked}
              autoComplete="off"
              value={tracked ? p.expiry : ''}
              error={p.errors.expiry}
              onChange={(e) => p.onExpiry(e.currentTarget.value)}
              data-testid="receive-expiry"
            />
          </SimpleGrid>
          <SimpleGrid cols={2}>
            <BinField ref={p.refs.bin} label="Bin" value={p.bin} onChange={p.onBin} error={p.errors.binId} testId="receive-bin" />
            <TextInput
              ref={p.refs.qty}
              label="Quantity"
              autoComplete="off"
              value={p.qty}
              error={p.errors.quantity}
              onChange={(e) => p.onQty(e.currentTarget.value)}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="receive-qty"
            />
          </SimpleGrid>
          {p.feedback ? (
            <Alert color={p.feedback.color} variant="light" py={8} icon={<IconScan size={16} />} data-testid="scan-feedback" data-color={p.feedback.color}>
              {p.feedback.text}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" variant="light" data-testid="add-line">
              Add to receipt
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
