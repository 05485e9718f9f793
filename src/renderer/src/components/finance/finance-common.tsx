import { Badge, Button, Group, NumberInput, Text, TextInput } from '@mantine/core';
import type { ApiError } from '../../../../shared/errors';
import type { DocumentStatus } from '../../../../shared/api/finance';
import { parseMoney } from '../../../../shared/money';

export type FinanceKind = 'invoice' | 'bill';

/** Today as the hub counts days (UTC calendar day): the default issue, bill and payment date. */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

/** A calendar day plus whole days (UTC arithmetic, so no daylight-saving shift); '' when the day is not a date. */
export function plusDays(ymd: string, days: number): string {
  const t = Date.parse(`${ymd}T00:00:00.000Z`);
  return Number.isNaN(t) ? '' : new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** Money typed by a person → minor units; undefined when left empty, null when it is not an amount. */
export function typedMoney(text: string, currency: string): number | null | undefined {
  if (!text.trim()) return undefined;
  return parseMoney(text, currency);
}

const STATUS_COLORS: Record<DocumentStatus, string> = { open: 'blue', overdue: 'red', paid: 'teal' };

/** Open / overdue (with how many days) / paid (late by how many days, if it was). */
export function DocumentStatusBadge({ status, daysOverdue }: { status: DocumentStatus; daysOverdue: number }) {
  const label = status === 'overdue' ? `Overdue ${daysOverdue} d` : status === 'paid' ? (daysOverdue > 0 ? `Paid ${daysOverdue} d late` : 'Paid') : 'Open';
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === 'overdue' ? 'filled' : 'light'} data-testid="doc-status" data-status={status}>
      {label}
    </Badge>
  );
}

/** A calendar-day input with its API field error next to it. */
export function DayInput(p: { label: string; value: string; onChange: (v: string) => void; error?: string | undefined; testId: string; required?: boolean; description?: string }) {
  return (
    <TextInput
      type="date"
      label={p.label}
      required={p.required}
      description={p.description}
      value={p.value}
      error={p.error}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      data-testid={p.testId}
    />
  );
}

export function Muted({ children }: { children: React.ReactNode }) {
  return (
    <Text span c="dimmed" size="sm">
      {children}
    </Text>
  );
}

/** The refusal above a form: when every field error is already next to its field, say so rather than repeat it. */
export const summaryError = (error: ApiError | undefined, shown: string[]): ApiError | undefined =>
  error?.fields && Object.keys(error.fields).every((k) => shown.includes(k)) ? { ...error, message: 'Check the fields marked in red.' } : error;

/** Payment terms in whole days, with the API's error next to it. */
export function TermsInput(p: { value: number | string; onChange: (v: number | string) => void; error?: string | undefined; placeholder?: string; required?: boolean; testId: string }) {
  return (
    <NumberInput
      label="Terms (days)"
      required={p.required}
      placeholder={p.placeholder}
      min={0}
      max={3650}
      allowDecimal={false}
      allowNegative={false}
      value={p.value}
      error={p.error}
      onChange={p.onChange}
      data-testid={p.testId}
    />
  );
}

/** A line of context on the left (e.g. the due date), Cancel and the submit button on the right. */
export function FormFooter(p: { note: string; noteTestId: string; onCancel: () => void; submitting: boolean; saveLabel: string; saveTestId: string }) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-testid={p.noteTestId}>
        {p.note}
      </Text>
      <Group>
        <Button variant="default" onClick={p.onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={p.submitting} data-testid={p.saveTestId}>
          {p.saveLabel}
        </Button>
      </Group>
    </Group>
  );
}
