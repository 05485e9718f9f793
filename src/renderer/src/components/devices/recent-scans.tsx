import { Badge, Group, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScanResult } from '../../../../shared/api/devices';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { useScans } from '../../hooks/use-scans';
import { ScanRow } from './scan-row';

const LIMIT = 50;

/** Newest first, without duplicates: a wedge scan of this window arrives both as its own answer and as a `scan` event. */
function merge(list: ScanResult[], more: ScanResult[]): ScanResult[] {
  const fresh = more.filter((m) => !list.some((s) => s.id === m.id));
  if (!fresh.length) return list;
  return [...fresh, ...list].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, LIMIT);
}

/**
 * The station's last scans with their parsed meaning. Scans of every source arrive as `scan` events; this window's
 * keyboard-wedge scans are also consumed here, so they are taken out of any field and not shown as a toast.
 */
export function RecentScans() {
  const recent = useApi('scan.recent', { limit: LIMIT });
  const [scans, setScans] = useState<ScanResult[]>([]);
  useEffect(() => {
    const loaded = recent.data;
    if (loaded) setScans((mine) => merge(mine, loaded));
  }, [recent.data]);
  useEvent('scan', (s) => setScans((l) => merge(l, [s])));
  useScans((s) => setScans((l) => merge(l, [s])));

  return (
    <Paper withBorder radius="md" p="lg">
      <Group justify="space-between" mb="xs">
        <Title order={4}>Recent scans</Title>
        <Badge variant="light" color="gray" data-testid="scan-count">
          {scans.length}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed">
        Scan anything, wherever the cursor is: scanner-speed keystrokes ending in Enter are read as a scan and taken out of the field they landed in.
      </Text>
      <ScrollArea.Autosize mah={560} mt="xs">
        <Stack gap={0} data-testid="recent-scans">
          {scans.length === 0 ? (
            <Text size="sm" c="dimmed" py="md">
              No scans yet.
            </Text>
          ) : (
            scans.map((s) => <ScanRow key={s.id} scan={s} />)
          )}
        </Stack>
      </ScrollArea.Autosize>
    </Paper>
  );
}
