import { Alert, Group, Select, SimpleGrid, Text } from '@mantine/core';
import { IconCalendarQuestion } from '@tabler/icons-react';
import { DATE_FORMATS, type ColumnMapping, type DateFormat } from '../../../../shared/api';

export type MappingDraft = Partial<Record<keyof ColumnMapping, string>>;

const FIELDS: Array<{ key: keyof ColumnMapping; label: string; required: boolean; hint: string }> = [
  { key: 'sku', label: 'SKU', required: true, hint: 'Stock code of the item sold' },
  { key: 'date', label: 'Date', required: true, hint: 'Invoice or order date (time is ignored)' },
  { key: 'quantity', label: 'Quantity', required: true, hint: 'Units; negative = return' },
  { key: 'price', label: 'Unit price', required: false, hint: 'For revenue (ABC class)' },
  { key: 'invoice', label: 'Invoice', required: false, hint: 'Tells cancellations by their prefix' },
  { key: 'customer', label: 'Customer', required: false, hint: 'Optional' },
];

/** The guessed column of each field as a select the person can change; required fields first. */
export function HistoryMappingForm({
  headers,
  mapping,
  onMapping,
  dateFormat,
  guessedDateFormat,
  dateFormatHint,
  onDateFormat,
}: {
  headers: string[];
  mapping: MappingDraft;
  onMapping: (m: MappingDraft) => void;
  dateFormat: DateFormat | null;
  guessedDateFormat: DateFormat | null;
  dateFormatHint: string;
  onDateFormat: (f: DateFormat) => void;
}) {
  const data = headers.map((h, i) => ({ value: h, label: h || `Column ${i + 1}` }));
  return (
    <>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="sm" verticalSpacing="xs" data-testid="history-mapping">
        {FIELDS.map((f) => (
          <Select
            key={f.key}
            label={f.label}
            description={f.hint}
            required={f.required}
            clearable={!f.required}
            placeholder={f.required ? 'Choose a column' : 'Not in this file'}
            data={data}
            value={mapping[f.key] ?? null}
            onChange={(v) => onMapping({ ...mapping, [f.key]: v ?? undefined })}
            error={f.required && !mapping[f.key] ? 'Required' : undefined}
            data-testid={`map-${f.key}`}
            comboboxProps={{ withinPortal: true }}
          />
        ))}
      </SimpleGrid>
      <Group mt="md" align="flex-end" gap="md">
        <Select
          label="Date format"
          required
          w={200}
          data={DATE_FORMATS.map((d) => ({ value: d, label: d }))}
          value={dateFormat}
          onChange={(v) => v && onDateFormat(v as DateFormat)}
          data-testid="date-format"
        />
        {dateFormatHint ? (
          <Text size="sm" c="dimmed" maw={560} data-testid="date-format-hint">
            {dateFormatHint}
          </Text>
        ) : null}
      </Group>
      {guessedDateFormat === null && dateFormat === null ? (
        <Alert mt="sm" color="yellow" variant="light" icon={<IconCalendarQuestion size={18} />} title="Which date format?" data-testid="date-format-question">
          The dates in this file could be read more than one way (e.g. 03/04/2025 is 3 April or 4 March). Choose the format above before importing.
        </Alert>
      ) : null}
    </>
  );
}
