import { Anchor, Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import type { Movement } from '../../../shared/api';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { href } from '../hooks/use-route';
import { formatDateTime, formatQty, REASON_COLORS, REASON_LABELS } from '../lib/format';

/**
 * The latest movements of some kinds, newest first, so a clerk working through a pile sees each line land.
 * The API has no reason filter yet, so the last 200 are filtered here; enough for a session's work.
 */
export function RecentMovements({ title, reasons, empty }: { title: string; reasons?: Movement['reason'][]; empty: string }) {
  const m = useApi('stock.movements', { limit: 200 });
  useEvent('stock.changed', () => m.reload());
  const rows = (m.data ?? []).filter((x) => !reasons || reasons.includes(x.reason)).slice(0, 30);
  return (
    <Paper withBorder radius="md" p="md" h="100%">
      <Title order={4} mb="sm">
        {title}
      </Title>
      <ScrollArea.Autosize mah="calc(100vh - 260px)">
        <Stack gap={0} data-testid="recent-movements">
          {rows.length === 0 ? (
            <Text size="sm" c="dimmed" py="md">
              {empty}
            </Text>
          ) : null}
          {rows.map((r) => (
            <Group key={r.id} justify="space-between" wrap="nowrap" py={8} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
              <div style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <Badge size="xs" variant="light" color={REASON_COLORS[r.reason]}>
                    {REASON_LABELS[r.reason]}
                  </Badge>
                  <Anchor href={href(`/items/${r.itemId}`)} size="sm" fw={600} className="mono">
                    {r.sku}
                  </Anchor>
                  {r.lot ? (
                    <Text size="xs" c="dimmed" className="mono">
                      {r.lot}
                    </Text>
                  ) : null}
                </Group>
                <Text size="xs" c="dimmed" truncate>
                  {r.fromPath} → {r.toPath} · {formatDateTime(r.createdAt)}
                </Text>
              </div>
              <Text fw={700} className="num">
                {formatQty(r.quantity)}
              </Text>
            </Group>
          ))}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
