import { Group, SegmentedControl, TextInput } from '@mantine/core';
import { useState } from 'react';

export type PeriodPreset = '30d' | 'quarter' | '12m' | 'custom';
export interface Period {
  preset: PeriodPreset;
  from: string;
  to: string;
}

/** Today as the core counts days: UTC calendar days of the ledger timestamps. */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);
export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** The period a preset means, ending today: 30 days, a quarter (91 days ≈ 13 weeks), 12 months (365 days). */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today = utcToday()): Period {
  const days = preset === '30d' ? 30 : preset === 'quarter' ? 91 : 365;
  return { preset, from: addDays(today, -(days - 1)), to: today };
}

const dayRe = /^\d{4}-\d{2}-\d{2}$/;

/** Period presets, and two date fields for a custom period (an error next to the field that is wrong). */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const [draft, setDraft] = useState({ from: value.from, to: value.to });
  const toError = dayRe.test(draft.from) && dayRe.test(draft.to) && draft.to < draft.from ? 'The period must not end before it starts' : null;
  const setField = (field: 'from' | 'to', v: string) => {
    const next = { ...draft, [field]: v };
    setDraft(next);
    if (dayRe.test(next.from) && dayRe.test(next.to) && next.from <= next.to) onChange({ preset: 'custom', ...next });
  };
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <SegmentedControl
        data-testid="period-picker"
        value={value.preset}
        onChange={(v) => {
          const preset = v as PeriodPreset;
          if (preset === 'custom') {
            setDraft({ from: value.from, to: value.to });
            onChange({ ...value, preset: 'custom' });
          } else onChange(presetPeriod(preset));
        }}
        data={[
          { value: '30d', label: '30 days' },
          { value: 'quarter', label: 'Quarter' },
          { value: '12m', label: '12 months' },
          { value: 'custom', label: 'Custom' },
        ]}
      />
      {value.preset === 'custom' ? (
        <Group gap="xs" align="flex-start">
          <TextInput type="date" size="xs" w={150} label="From" value={draft.from} onChange={(e) => setField('from', e.currentTarget.value)} />
          <TextInput type="date" size="xs" w={150} label="To" value={draft.to} onChange={(e) => setField('to', e.currentTarget.value)} error={toError} />
        </Group>
      ) : null}
    </Group>
  );
}
