import { Alert, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ApiError } from '../../../shared/errors';

/**
 * The refused call's message above the form. Field errors that have no field on this form (e.g. a path the form
 * does not show) are listed here too, so nothing the API said is lost.
 */
export function FormError({ error, shownFields = [] }: { error: ApiError | undefined; shownFields?: string[] }) {
  if (!error) return null;
  const stray = Object.entries(error.fields ?? {}).filter(([k]) => !shownFields.includes(k));
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Not saved" role="alert" data-testid="form-error">
      {error.message}
      {stray.length ? (
        <List size="sm" mt={6}>
          {stray.map(([k, m]) => (
            <List.Item key={k}>
              {k}: {m}
            </List.Item>
          ))}
        </List>
      ) : null}
    </Alert>
  );
}
