import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconArchive, IconTrendingDown } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { Dashboard } from '../../../../shared/api';
import { href } from '../../hooks/use-route';
import { formatDate, money } from '../../lib/format';

interface Row {
  itemId: number;
  sku: string;
  name: string;
  detail: string;
  right?: ReactNode;
}

function AlertSection({ kind, title, icon, color, count, rows, more, empty }: { kind: string; title: string; icon: ReactNode; color: string; count: number; rows: Row[]; more: { to: string; label: string }; empty: string }) {
  return (
    <Stack gap={6} data-testid="alert-section" data-kind={kind} data-count={count}>
      <Group justify="space-between" wrap="nowrap">
        <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
          <ThemeIcon size={24} radius="sm" variant="light" color={color}>
            {icon}
          </ThemeIcon>
          <Text fw={650} size="sm">
            {title}
          </Text>
          <Badge size="sm" variant={count > 0 ? 'filled' : 'light'} color={count > 0 ? color : 'gray'} style={{ flexShrink: 0 }} data-testid="alert-count">
            {count}
          </Badge>
        </Group>
        <Anchor href={href(more.to)} size="xs" style={{ whiteSpace: 'nowrap' }}>
          {more.label}
        </Anchor>
      </Group>
      {rows.length === 0 ? (
        <Text size="xs" c="dimmed">
          {empty}
        </Text>
      ) : (
        <Stack gap={4}>
          {rows.map((r) => (
            <Group key={r.itemId} justify="space-between" wrap="nowrap" gap="xs" data-testid="alert-row">
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Anchor href={href(`/items/${r.itemId}`)} size="sm" truncate>
                  <Text span ff="monospace" size="sm">
                    {r.sku}
                  </Text>{' '}
                  {r.name}
                </Anchor>
                <Text size="xs" c="dimmed" truncate title={r.detail}>
                  {r.detail}
                </Text>
              </Stack>
              {r.right}
            </Group>
          ))}
          {count > rows.length ? (
            <Text size="xs" c="dimmed">
              and {count - rows.length} more
            </Text>
          ) : null}
        </Stack>
      )}
    </Stack>
  );
}

/** "Out today", "Out tomorrow", "Out in 5 days": nearer to how a buyer thinks than a date. */
function outIn(today: string, day: string): string {
  const n = Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
  return n <= 0 ? 'Out today' : n === 1 ? 'Out tomorrow' : `Out in ${n} days`;
}

export function AlertsPanel({ d, currency }: { d: Dashboard; currency: string }) {
  const a = d.alerts;
  return (
    <Paper withBorder radius="md" p="md" data-testid="alerts">
      <Title order={5} mb="sm">
        Alerts
      </Title>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg">
        <AlertSection
          kind="below-rop"
          title="Below reorder point"
          icon={<IconTrendingDown size={16} />}
          color="orange"
          count={a.belowReorderPoint.count}
          more={{ to: '/purchasing/replenishment', label: 'Replenishment' }}
          empty={a.reorderPointsKnown ? 'Every item is above its reorder point.' : 'Reorder points are not computed yet: planning runs nightly, or recompute from Replenishment.'}
          rows={a.belowReorderPoint.items.map((x) => ({
            ...x,
            right: (
              <Text size="xs" className="num" c="dimmed">
                {x.position} / {x.reorderPoint}
              </Text>
            ),
          }))}
        />
        <AlertSection
          kind="stockout-risk"
          title="Stockout risk"
          icon={<IconAlertTriangle size={16} />}
          color="red"
          count={a.stockoutRisk.count}
          more={{ to: '/purchasing', label: 'Purchasing' }}
          empty="No item runs out before its next receipt (or within its lead time when nothing is on order)."
          rows={a.stockoutRisk.items.map((x) => ({
            ...x,
            right: (
              <Stack gap={0} align="flex-end">
                <Text size="xs" fw={600} c="red" style={{ whiteSpace: 'nowrap' }}>
                  {x.available <= 0 ? 'Out now' : outIn(d.today, x.stockoutDay)}
                </Text>
                {x.poId !== null ? (
                  <Anchor href={href(`/purchasing/orders/${x.poId}`)} size="xs">
                    PO due {formatDate(x.nextReceipt)}
                  </Anchor>
                ) : null}
              </Stack>
            ),
          }))}
        />
        <AlertSection
          kind="dead-stock"
          title="Dead stock"
          icon={<IconArchive size={16} />}
          color="gray"
          count={a.deadStock.count}
          more={{ to: '/reports?report=dead_stock', label: 'Dead stock report' }}
          empty="Every item in stock has sold recently."
          rows={a.deadStock.items.map((x) => ({
            ...x,
            right: (
              <Text size="xs" className="num">
                {money(x.valueMinor, currency)}
              </Text>
            ),
          }))}
        />
      </SimpleGrid>
    </Paper>
  );
}
