import { Fieldset, Group, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { Output } from '../../../../shared/api';
import { ADDRESS_FIELDS } from '../../lib/label-samples';

type Field = Output<'labels.templates'>[number]['fields'][number];
type Values = Record<string, unknown>;

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));
const PLACEHOLDERS: Partial<Record<Field['type'], string>> = { gtin: '8, 12, 13 or 14 digits', date: 'YYYY-MM-DD' };

/** The data fields of one label template, each with the API's error for it (keyed data.<field>[.<part>]). */
export function LabelFields({ fields, values, onChange, errors }: { fields: Field[]; values: Values; onChange: (v: Values) => void; errors: Record<string, string> }) {
  const set = (name: string, v: unknown) => onChange({ ...values, [name]: v });
  return (
    <Stack gap="xs">
      {fields.map((f) => {
        const error = errors[`data.${f.name}`];
        switch (f.type) {
          case 'address': {
            const a = (values[f.name] ?? {}) as Record<string, unknown>;
            return (
              <Fieldset key={f.name} legend={f.required ? f.label : `${f.label} (optional)`} p="xs" variant="filled">
                <SimpleGrid cols={2} spacing="xs" verticalSpacing={4}>
                  {ADDRESS_FIELDS.map((p) => (
                    <TextInput
                      key={p.name}
                      size="xs"
                      label={p.label}
                      aria-label={`${f.label}: ${p.label}`}
                      required={f.required && p.required}
                      value={str(a[p.name])}
                      onChange={(e) => set(f.name, { ...a, [p.name]: e.currentTarget.value })}
                      error={errors[`data.${f.name}.${p.name}`]}
                    />
                  ))}
                </SimpleGrid>
              </Fieldset>
            );
          }
          case 'lines': {
            const lines = Array.isArray(values[f.name]) ? (values[f.name] as unknown[]).map(str) : [];
            return (
              <Textarea
                key={f.name}
                size="xs"
                label={f.label}
                description="One line per row"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                autosize
                minRows={2}
                value={lines.join('\n')}
                onChange={(e) => set(f.name, e.currentTarget.value.split('\n'))}
                error={error ?? Object.entries(errors).find(([k]) => k.startsWith(`data.${f.name}.`))?.[1]}
              />
            );
          }
          case 'weight': {
            const w = (values[f.name] ?? {}) as { value?: unknown; unit?: unknown };
            return (
              <Group key={f.name} gap="xs" align="flex-start" wrap="nowrap">
                <TextInput size="xs" label={f.label} required={f.required} value={str(w.value)} onChange={(e) => set(f.name, { ...w, value: e.currentTarget.value })} error={errors[`data.${f.name}.value`] ?? error} style={{ flex: 1 }} />
                <Select size="xs" label="Unit" aria-label={`${f.label} unit`} value={str(w.unit) || 'kg'} onChange={(u) => u && set(f.name, { ...w, unit: u })} data={['kg', 'g', 'lb', 'oz']} allowDeselect={false} w={90} />
              </Group>
            );
          }
          case 'text':
          case 'gtin':
          case 'date':
          case 'number':
            return (
              <TextInput
                key={f.name}
                size="xs"
                label={f.label}
                required={f.required}
                placeholder={PLACEHOLDERS[f.type]}
                value={str(values[f.name])}
                onChange={(e) => set(f.name, e.currentTarget.value)}
                error={error}
                classNames={f.type === 'gtin' ? { input: 'mono' } : undefined}
              />
            );
        }
      })}
    </Stack>
  );
}
