import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';

/** A device's last error stays visible after the device recovered, so an intermittent fault can be diagnosed. */
export function LastError({ error }: { error: { code: string; message: string; at: string } | null }) {
  if (!error) return null;
  return (
    <Alert color="red" variant="light" p="xs" icon={<IconAlertTriangle size={16} />} data-testid="device-last-error">
      <Text size="sm">{error.message}</Text>
      <Text size="xs" c="dimmed">
        Last error · {error.code} · {formatDateTime(error.at)}
      </Text>
    </Alert>
  );
}
