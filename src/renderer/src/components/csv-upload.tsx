import { Alert, Button, FileButton, Group, ScrollArea, Stack, Table, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import type { ApiError, Result } from '../../../shared/errors';
import { useSubmit } from '../hooks/use-submit';

/** One bad row of a refused CSV import, as the API lists them in error.details.errors (the header is row 1). */
export interface CsvRowError {
  row: number;
  field: string;
  message: string;
}

export const csvRowErrors = (details: Record<string, unknown> | undefined): CsvRowError[] => (Array.isArray(details?.errors) ? (details.errors as CsvRowError[]) : []);

/**
 * The state of a CSV import: the text, the submission (one idempotency key until it succeeds) and what the last
 * success imported. `run` sends the text and, on success, keeps `describe`'s sentence and returns the answer.
 * `upload` goes to <CsvUpload {...upload} />.
 */
export function useCsvImport() {
  const [csv, setCsv] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const imp = useSubmit();
  const onChange = (text: string, fromFile: boolean) => {
    setCsv(text);
    setDone(null);
    if (fromFile) imp.reset();
  };
  const run = async <T,>(send: (csv: string) => Promise<Result<T>>, describe: (r: T) => string): Promise<T | undefined> => {
    setDone(null);
    const r = await imp.submit(() => send(csv));
    if (r) setDone(describe(r));
    return r;
  };
  return { csv, submitting: imp.submitting, run, upload: { csv, onChange, error: imp.error, done } };
}

/**
 * A CSV chosen as a file or pasted, then the outcome of importing it: the refusal with every bad row (row, field,
 * problem), or what was imported. The caller keeps the text and runs the import; `onChange` says whether the text came
 * from a chosen file (the caller then also clears the last refusal) or was typed.
 * Test ids: `${testId}-choose`, the text area's (default `${testId}-text`), `${testId}-error`, `${testId}-errors`,
 * `${testId}-error-row` (with data-row and data-field), `${testId}-done`.
 */
export function CsvUpload({
  csv,
  onChange,
  error,
  done,
  placeholder,
  rows = [4, 12],
  chooseVariant = 'default',
  testId,
  textTestId = `${testId}-text`,
}: {
  csv: string;
  onChange: (csv: string, fromFile: boolean) => void;
  error: ApiError | undefined;
  done: string | null;
  placeholder: string;
  /** Minimum and maximum rows of the text area. */
  rows?: [number, number];
  chooseVariant?: 'default' | 'light';
  testId: string;
  textTestId?: string;
}) {
  const [fileName, setFileName] = useState<string | null>(null);
  const errors = csvRowErrors(error?.details);

  const choose = async (file: File | null) => {
    if (!file) return;
    const text = await file.text();
    setFileName(file.name);
    onChange(text, true);
  };

  return (
    <Stack gap="sm">
      <Group>
        <FileButton onChange={(f) => void choose(f)} accept=".csv,text/csv,text/plain">
          {(props) => (
            <Button variant={chooseVariant} leftSection={<IconFileUpload size={16} />} {...props} data-testid={`${testId}-choose`}>
              Choose file…
            </Button>
          )}
        </FileButton>
        <Text size="sm" c="dimmed">
          {fileName ?? 'or paste the file below'}
        </Text>
      </Group>
      <Textarea
        placeholder={placeholder}
        autosize
        minRows={rows[0]}
        maxRows={rows[1]}
        value={csv}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 12 } }}
        onChange={(e) => {
          setFileName(null);
          onChange(e.currentTarget.value, false);
        }}
        data-testid={textTestId}
      />
      {error ? (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Nothing was imported" role="alert" data-testid={`${testId}-error`}>
          <Text size="sm" mb={errors.length ? 'xs' : 0}>
            {error.message}
          </Text>
          {errors.length ? (
            <ScrollArea.Autosize mah={260}>
              <Table withTableBorder verticalSpacing={4} fz="sm" bg="var(--mantine-color-body)" data-testid={`${testId}-errors`}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={70}>Row</Table.Th>
                    <Table.Th w={140}>Field</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {errors.map((e, i) => (
                    <Table.Tr key={i} data-testid={`${testId}-error-row`} data-row={e.row} data-field={e.field}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td className="mono">{e.field}</Table.Td>
                      <Table.Td>{e.message}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea.Autosize>
          ) : null}
        </Alert>
      ) : null}
      {done ? (
        <Alert color="teal" variant="light" icon={<IconCheck size={18} />} data-testid={`${testId}-done`}>
          {done}
        </Alert>
      ) : null}
    </Stack>
  );
}
