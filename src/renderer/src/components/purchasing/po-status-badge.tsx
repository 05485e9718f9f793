import { Badge } from '@mantine/core';
import type { PoStatus } from '../../../../shared/api';

export const PO_STATUS_LABELS: Record<PoStatus, string> = {
  draft: 'Draft',
  sent: 'Sent',
  partially_received: 'Partly received',
  received: 'Received',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

const COLORS: Record<PoStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  partially_received: 'yellow',
  received: 'teal',
  closed: 'dark',
  cancelled: 'red',
};

export function PoStatusBadge({ status, size = 'sm' }: { status: PoStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={COLORS[status]} variant="light" size={size} data-testid="po-status" data-status={status}>
      {PO_STATUS_LABELS[status]}
    </Badge>
  );
}
