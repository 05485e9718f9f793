import { Badge, Tooltip } from '@mantine/core';
import { useClientStatus } from '../hooks/use-client-status';

/** Where the data comes from and whether live updates are flowing. */
export function ConnectionBadge() {
  const s = useClientStatus();
  if (s.transport === 'messageport') {
    return (
      <Tooltip label="This computer's own database">
        <Badge variant="dot" color="teal" size="lg" data-testid="connection-status">
          Local
        </Badge>
      </Tooltip>
    );
  }
  const view = {
    online: { color: 'teal', label: 'Hub connected', tip: 'Live updates from the hub are on' },
    connecting: { color: 'yellow', label: 'Connecting…', tip: 'Reaching the hub' },
    offline: { color: 'red', label: 'Hub offline', tip: 'Cannot reach the hub; retrying. Changes made elsewhere will show when it is back.' },
  }[s.connection];
  return (
    <Tooltip label={view.tip}>
      <Badge variant="dot" color={view.color} size="lg" data-testid="connection-status">
        {view.label}
      </Badge>
    </Tooltip>
  );
}
