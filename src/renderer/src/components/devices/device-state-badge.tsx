import { Badge } from '@mantine/core';
import type { DeviceState, PrinterStationStatus } from '../../../../shared/api/devices';

type State = DeviceState | PrinterStationStatus['state'];

const VIEW: Record<State, { color: string; label: string }> = {
  connected: { color: 'teal', label: 'Connected' },
  disconnected: { color: 'orange', label: 'Disconnected' },
  error: { color: 'red', label: 'Error' },
  'not-configured': { color: 'gray', label: 'Not configured' },
  ready: { color: 'teal', label: 'Ready' },
  attention: { color: 'orange', label: 'Needs attention' },
  offline: { color: 'red', label: 'Offline' },
  unknown: { color: 'gray', label: 'Status unknown' },
};

export function DeviceStateBadge({ state, testId }: { state: State; testId?: string }) {
  const v = VIEW[state];
  return (
    <Badge variant="dot" color={v.color} size="lg" data-testid={testId} data-state={state}>
      {v.label}
    </Badge>
  );
}
