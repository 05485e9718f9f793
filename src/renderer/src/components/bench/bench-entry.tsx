import { Badge, Group, TextInput } from '@mantine/core';
import type { RefObject } from 'react';
import type { BenchStage } from './bench-stage';

/** A quantity for multiples is 1–4 digits; anything longer is a code typed by hand. */
export function quantityOf(entry: string): number {
  return /^\d{1,4}$/.test(entry.trim()) ? Math.max(1, Number(entry.trim())) : 1;
}

/** A typed "3*CODE" / "3xCODE" / "CODE": what a packer types when a barcode will not scan. */
export function typedCode(entry: string): { code: string; quantity: number } | null {
  const t = entry.trim();
  if (!t || /^\d{1,4}$/.test(t)) return null;
  const m = /^(\d{1,4})\s*[*x×]\s*(\S.*)$/i.exec(t);
  return m ? { code: m[2]!, quantity: Math.max(1, Number(m[1])) } : { code: t, quantity: 1 };
}

/**
 * The one field the keyboard lives in while waiting and packing: an order number to open, or the quantity for the
 * next scan. Scanner bursts are taken back out of it by the wedge listener, so it can stay focused while scanning.
 */
export function BenchEntry({
  stage,
  value,
  setValue,
  inputRef,
  onEnter,
}: {
  stage: BenchStage;
  value: string;
  setValue: (v: string) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  onEnter: () => void;
}) {
  const packing = stage === 'packing';
  const qty = quantityOf(value);
  return (
    <Group align="flex-end" gap="lg" wrap="nowrap">
      <TextInput
        ref={inputRef}
        className="bench-big-input"
        style={{ flex: packing ? '0 1 520px' : '1 1 auto' }}
        label={packing ? 'Quantity for the next scan (or type a code, Enter)' : 'Order number or tote: scan it, or type it and press Enter'}
        placeholder={packing ? '1' : 'SO-… or TOTE-…'}
        value={value}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onEnter();
          }
        }}
        autoComplete="off"
        spellCheck={false}
        data-testid="bench-entry"
      />
      {packing ? (
        <Badge size="xl" h={64} px="xl" radius="md" color={qty > 1 ? 'orange' : 'gray'} variant={qty > 1 ? 'filled' : 'light'} data-testid="bench-quantity" data-quantity={qty} style={{ fontSize: 28 }}>
          Next scan × {qty}
        </Badge>
      ) : null}
    </Group>
  );
}
