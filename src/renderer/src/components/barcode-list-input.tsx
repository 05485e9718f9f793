import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPlus, IconTrash } from '@tabler/icons-react';
import { checkGtin } from '../../../shared/gtin';
import { SYMBOLOGY_OPTIONS, type Symbology } from '../lib/symbologies';

export interface BarcodeDraft {
  /** Stable React key: codes change as they are typed. */
  key: number;
  code: string;
  symbology: Symbology;
}

let nextKey = 1;
export const newBarcodeDraft = (): BarcodeDraft => ({ key: nextKey++, code: '', symbology: 'gtin' });

/** Live GTIN feedback while typing; the API checks again and its answer lands on the same field. */
function gtinHint(b: BarcodeDraft): { ok: boolean; text: string } | null {
  if (b.symbology !== 'gtin' || !b.code.trim()) return null;
  const r = checkGtin(b.code.trim());
  return r.ok ? { ok: true, text: `Valid ${r.kind.toUpperCase().replace('GTIN', 'GTIN-')}` } : { ok: false, text: r.message };
}

/** The barcodes of an item being created; errors come keyed "barcodes.<index>.code" from the API. */
export function BarcodeListInput({
  value,
  onChange,
  errors,
}: {
  value: BarcodeDraft[];
  onChange: (v: BarcodeDraft[]) => void;
  errors: Record<string, string>;
}) {
  const set = (i: number, patch: Partial<BarcodeDraft>) => onChange(value.map((b, j) => (j === i ? { ...b, ...patch } : b)));
  return (
    <Stack gap="xs">
      {value.map((b, i) => {
        const hint = gtinHint(b);
        const error = errors[`barcodes.${i}.code`] ?? errors[`barcodes.${i}`] ?? (hint && !hint.ok ? hint.text : undefined);
        return (
          <Group key={b.key} align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              aria-label={`Barcode ${i + 1}`}
              placeholder="Scan or type the barcode"
              value={b.code}
              onChange={(e) => set(i, { code: e.currentTarget.value })}
              error={error}
              description={
                hint?.ok && !error ? (
                  <Group gap={4} component="span">
                    <IconCircleCheck size={12} color="var(--mantine-color-teal-6)" />
                    <Text span size="xs" c="teal">
                      {hint.text}
                    </Text>
                  </Group>
                ) : undefined
              }
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              style={{ flex: 1 }}
              classNames={{ input: 'mono' }}
              data-testid={`barcode-${i}`}
              onKeyDown={(e) => {
                // A scanner ends with Enter: take the scan, do not submit the half-filled item.
                if (e.key === 'Enter') e.preventDefault();
              }}
            />
            <Select
              aria-label={`Barcode ${i + 1} type`}
              data={SYMBOLOGY_OPTIONS}
              value={b.symbology}
              onChange={(v) => v && set(i, { symbology: v as BarcodeDraft['symbology'] })}
              allowDeselect={false}
              w={170}
            />
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove barcode ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button variant="subtle" size="compact-sm" leftSection={<IconPlus size={14} />} onClick={() => onChange([...value, newBarcodeDraft()])}>
          Add barcode
        </Button>
      </Group>
    </Stack>
  );
}
