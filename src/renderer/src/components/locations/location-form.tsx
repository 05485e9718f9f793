import { Grid, Input, SegmentedControl, Select, Stack, TextInput } from '@mantine/core';
import { useRef, useState } from 'react';
import type { Location } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { optional } from '../../lib/parse';
import { FormError } from '../form-error';
import { FormActions } from '../forms/form-actions';

type Kind = 'zone' | 'bin';

/**
 * Adds a zone or a bin. After saving, kind and parent stay and the code clears, because bins are
 * usually entered a shelf at a time (A-01, A-02, …).
 */
export function LocationForm({ warehouseId, zones, onCreated }: { warehouseId: number; zones: Location[]; onCreated: (l: Location) => void }) {
  const [kind, setKind] = useState<Kind>('bin');
  const [parentId, setParentId] = useState<string>('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [barcode, setBarcode] = useState('');
  const s = useSubmit();
  const codeRef = useRef<HTMLInputElement>(null);

  const save = async () => {
    const l = await s.submit(() =>
      call('locations.create', {
        warehouseId,
        kind,
        parentId: parentId ? Number(parentId) : null,
        code: code.trim(),
        name: name.trim(),
        barcode: optional(barcode) ?? undefined,
      }),
    );
    if (!l) return;
    notifySuccess(kind === 'bin' ? 'Bin created' : 'Zone created', l.path);
    setCode('');
    setName('');
    setBarcode('');
    codeRef.current?.focus();
    onCreated(l);
  };

  const fe = s.fieldErrors;
  return (
    <form
      noValidate
      aria-label="New location"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <FormError error={s.error} shownFields={['kind', 'parentId', 'code', 'name', 'barcode']} />
        <Grid gap="sm" align="flex-end">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Input.Wrapper label="Kind">
              <SegmentedControl
              fullWidth
              value={kind}
              onChange={(v) => setKind(v as Kind)}
              data={[
                { value: 'bin', label: 'Bin' },
                { value: 'zone', label: 'Zone' },
              ]}
                aria-label="Kind of location"
              />
            </Input.Wrapper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <Select
              label="Inside"
              data={[{ value: '', label: 'Warehouse (top level)' }, ...zones.map((z) => ({ value: String(z.id), label: z.path }))]}
              value={parentId}
              onChange={(v) => (setParentId(v ?? ''), s.clearFieldError('parentId'))}
              allowDeselect={false}
              error={fe.parentId}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput ref={codeRef} label="Code" withAsterisk placeholder={kind === 'bin' ? 'A-01-01' : 'A'} classNames={{ input: 'mono' }} value={code} onChange={(e) => (setCode(e.currentTarget.value), s.clearFieldError('code'))} error={fe.code} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Name" placeholder="Optional" value={name} onChange={(e) => (setName(e.currentTarget.value), s.clearFieldError('name'))} error={fe.name} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput
              label="Barcode"
              placeholder={kind === 'bin' ? 'Defaults to the code' : 'Optional'}
              classNames={{ input: 'mono' }}
              value={barcode}
              onChange={(e) => (setBarcode(e.currentTarget.value), s.clearFieldError('barcode'))}
              error={fe.barcode}
            />
          </Grid.Col>
        </Grid>
        <FormActions submitLabel={kind === 'bin' ? 'Add bin' : 'Add zone'} submitting={s.submitting} />
      </Stack>
    </form>
  );
}
