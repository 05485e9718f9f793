import { Grid, Stack, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import type { Warehouse } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../form-error';
import { FormActions } from '../forms/form-actions';

/** A new warehouse: a short code used in every location path, a name, and whether stock may go negative there. */
export function WarehouseForm({ onCreated, onCancel }: { onCreated: (w: Warehouse) => void; onCancel?: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [allowNegative, setAllowNegative] = useState(false);
  const s = useSubmit();
  const save = async () => {
    const w = await s.submit(() => call('locations.createWarehouse', { code: code.trim(), name: name.trim(), allowNegative }));
    if (!w) return;
    notifySuccess('Warehouse created', `${w.code} — ${w.name}`);
    onCreated(w);
  };
  return (
    <form
      noValidate
      aria-label="New warehouse"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onCancel) onCancel();
      }}
    >
      <Stack gap="sm">
        <FormError error={s.error} shownFields={['code', 'name', 'allowNegative']} />
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <TextInput label="Code" withAsterisk autoFocus data-autofocus placeholder="MAIN" classNames={{ input: 'mono' }} value={code} onChange={(e) => (setCode(e.currentTarget.value), s.clearFieldError('code'))} error={s.fieldErrors.code} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 8 }}>
            <TextInput label="Name" withAsterisk placeholder="Main warehouse" value={name} onChange={(e) => (setName(e.currentTarget.value), s.clearFieldError('name'))} error={s.fieldErrors.name} />
          </Grid.Col>
        </Grid>
        <Switch
          label="Allow negative on hand"
          description="Lets shipping go ahead when the system shows too little stock (counts fix it later). Off is safer."
          checked={allowNegative}
          onChange={(e) => setAllowNegative(e.currentTarget.checked)}
        />
        <FormActions submitLabel="Create warehouse" submitting={s.submitting} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
