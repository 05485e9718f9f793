import { ActionIcon, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { Barcode } from '../../../../shared/api';
import { checkGtin } from '../../../../shared/gtin';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { SYMBOLOGY_LABELS, SYMBOLOGY_OPTIONS } from '../../lib/symbologies';
import { EmptyRow } from '../empty-row';
import { FormError } from '../form-error';

/** The item's barcodes: add (GTINs are check-digit validated by the API) and remove. */
export function BarcodesPanel({ itemId, barcodes, onChanged }: { itemId: number; barcodes: Barcode[]; onChanged: () => void }) {
  const [code, setCode] = useState('');
  const [symbology, setSymbology] = useState<Barcode['symbology']>('gtin');
  const s = useSubmit();
  const [removing, setRemoving] = useState<number>();

  const add = async () => {
    const r = await s.submit(() => call('catalog.addBarcode', { itemId, code: code.trim(), symbology }));
    if (!r) return;
    notifySuccess('Barcode added', r.code);
    setCode('');
    onChanged();
  };

  const remove = async (b: Barcode) => {
    setRemoving(b.id);
    const r = await call('catalog.removeBarcode', { id: b.id });
    setRemoving(undefined);
    if (r.ok) {
      notifySuccess('Barcode removed', b.code);
      onChanged();
    }
  };

  const live = symbology === 'gtin' && code.trim() ? checkGtin(code.trim()) : null;
  return (
    <Stack gap="md">
      <Table maw={640}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th w={50} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {barcodes.length === 0 ? <EmptyRow cols={3}>No barcodes: scanning will only find this item by SKU.</EmptyRow> : null}
          {barcodes.map((b) => (
            <Table.Tr key={b.id}>
              <Table.Td className="mono">{b.code}</Table.Td>
              <Table.Td>
                <Badge variant="light" color="gray" tt="none">
                  {SYMBOLOGY_LABELS[b.symbology]}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Tooltip label="Remove barcode">
                  <ActionIcon variant="subtle" color="red" aria-label={`Remove barcode ${b.code}`} loading={removing === b.id} onClick={() => void remove(b)}>
                    <IconTrash size={16} />
                  </ActionIcon>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void add();
        }}
      >
        <Stack gap="xs" maw={640}>
          <Text fw={600} size="sm">
            Add a barcode
          </Text>
          <FormError error={s.error} shownFields={['code', 'symbology']} />
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <TextInput
              aria-label="New barcode"
              placeholder="Scan or type"
              classNames={{ input: 'mono' }}
              value={code}
              onChange={(e) => {
                setCode(e.currentTarget.value);
                s.clearFieldError('code');
              }}
              error={s.fieldErrors.code ?? (live && !live.ok ? live.message : undefined)}
              style={{ flex: 1 }}
            />
            <Select aria-label="Barcode type" data={SYMBOLOGY_OPTIONS} value={symbology} onChange={(v) => v && setSymbology(v as Barcode['symbology'])} allowDeselect={false} w={170} />
            <Button type="submit" loading={s.submitting} disabled={!code.trim()}>
              Add
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
