import { Badge } from '@mantine/core';
import type { OrderStatus } from '../../../../shared/api/orders';

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  new: 'New',
  allocated: 'Allocated',
  picking: 'Picking',
  packed: 'Packed',
  shipped: 'Shipped',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
  partially_shipped: 'Partly shipped',
  backordered: 'Backordered',
};

export const ORDER_STATUS_COLORS: Record<OrderStatus, string> = {
  new: 'gray',
  allocated: 'blue',
  picking: 'indigo',
  packed: 'cyan',
  shipped: 'teal',
  on_hold: 'yellow',
  cancelled: 'red',
  partially_shipped: 'lime',
  backordered: 'orange',
};

export function OrderStatusBadge({ status, size = 'sm' }: { status: OrderStatus; size?: 'sm' | 'md' | 'lg' }) {
  return (
    <Badge color={ORDER_STATUS_COLORS[status]} variant="light" size={size} data-testid="order-status" data-status={status}>
      {ORDER_STATUS_LABELS[status]}
    </Badge>
  );
}
