import { Anchor, Badge, Code, Group, Stack, Text } from '@mantine/core';
import type { ScanResult } from '../../../../shared/api/devices';
import { href } from '../../hooks/use-route';
import { formatDateTime } from '../../lib/format';
import { SCAN_KIND_COLORS, SCAN_KIND_LABELS } from '../../lib/scan-kinds';

const SOURCE_LABELS: Record<ScanResult['source'], string> = { wedge: 'Keyboard wedge', hid: 'USB HID scanner', manual: 'Typed' };

/** One scan and what the pipeline made of it: the raw text, each GS1 element, and what it resolved to. */
export function ScanRow({ scan }: { scan: ScanResult }) {
  // An unknown code or a bin code no bin has is as much a failed scan as a malformed one.
  const bad = scan.kind === 'error' || scan.errorCode !== undefined;
  return (
    <Stack gap={6} py="sm" data-testid="scan-row" data-kind={scan.kind} style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge size="sm" variant="light" color={SCAN_KIND_COLORS[scan.kind]}>
            {SCAN_KIND_LABELS[scan.kind]}
          </Badge>
          {scan.symbology ? (
            <Badge size="sm" variant="outline" color="gray">
              {scan.symbology}
            </Badge>
          ) : null}
          <Code data-testid="scan-raw" style={{ overflowWrap: 'anywhere' }}>
            {scan.raw}
          </Code>
        </Group>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {SOURCE_LABELS[scan.source]} · {formatDateTime(scan.at)}
        </Text>
      </Group>
      {scan.elements.length ? (
        <div className="scan-elements" data-testid="scan-elements">
          {scan.elements.map((e, i) => (
            <div key={`${e.ai}-${i}`} className="scan-element" data-ai={e.ai}>
              <Text size="xs" c="dimmed" className="mono">
                ({e.ai})
              </Text>
              <Text size="xs" c="dimmed">
                {e.title}
              </Text>
              <Text size="sm" fw={600} className="mono" data-testid="scan-element-value">
                {e.value}
              </Text>
            </div>
          ))}
        </div>
      ) : null}
      {bad ? (
        <Text size="sm" c="red" fw={500} data-testid="scan-message">
          {scan.message}
        </Text>
      ) : (
        <Group gap="xs" wrap="wrap">
          {scan.item ? (
            <Text size="sm" data-testid="scan-item">
              Item{' '}
              <Anchor href={href(`/items/${scan.item.id}`)} fw={600} className="mono">
                {scan.item.sku}
              </Anchor>{' '}
              {scan.item.name}
            </Text>
          ) : null}
          {scan.location ? (
            <Text size="sm" data-testid="scan-location">
              Bin <b className="mono">{scan.location.path}</b>
            </Text>
          ) : null}
          {scan.document ? (
            <Text size="sm" data-testid="scan-document">
              {scan.document.type} <b className="mono">{scan.document.number}</b>
            </Text>
          ) : null}
          {!scan.item && !scan.location && !scan.document ? (
            <Text size="sm" c="dimmed" data-testid="scan-message">
              {scan.message}
            </Text>
          ) : null}
        </Group>
      )}
    </Stack>
  );
}
