import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { PurchaseOrder } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../form-error';
import { PoLinesEditor, linesFromPo, toDraftLines, type EditLine } from './po-lines-editor';

/** A draft's lines and expected date, edited in place; saving replaces the lines as a whole. */
export function PoDraftEditor({ po, onDone }: { po: PurchaseOrder; onDone: (saved: boolean) => void }) {
  const [lines, setLines] = useState<EditLine[]>(() => linesFromPo(po));
  const [expected, setExpected] = useState(po.expectedDate ?? '');
  const supplierItems = useApi('purchasing.supplierItems.list', { supplierId: po.supplierId });
  const s = useSubmit();

  const save = async () => {
    const checked = toDraftLines(lines, po.currency);
    if ('errors' in checked) return s.setFieldErrors(checked.errors);
    const r = await s.submit(() => call('purchasing.orders.updateDraft', { id: po.id, expectedDate: expected || null, lines: checked.lines }));
    if (!r) return;
    notifySuccess('Draft saved', `${r.number}: ${r.lines.length} line${r.lines.length === 1 ? '' : 's'}`);
    onDone(true);
  };

  return (
    <Stack gap="sm" data-testid="po-draft-editor">
      <FormError error={s.error} shownFields={Object.keys(s.fieldErrors).filter((k) => /^l\d+\./.test(k))} />
      <PoLinesEditor lines={lines} onChange={setLines} currency={po.currency} supplierItems={supplierItems.data ?? []} errors={s.fieldErrors} />
      <Group justify="space-between" align="flex-end">
        <TextInput label="Expected" type="date" w={180} value={expected} onChange={(e) => setExpected(e.currentTarget.value)} data-testid="po-edit-expected" />
        <Group gap="sm">
          <Button variant="default" onClick={() => onDone(false)} data-testid="po-edit-cancel">
            Discard changes
          </Button>
          <Button loading={s.submitting} onClick={() => void save()} data-testid="po-edit-save">
            Save draft
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
