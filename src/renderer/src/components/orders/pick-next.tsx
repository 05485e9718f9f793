import { Group, Paper, Text } from '@mantine/core';
import { IconAlertOctagonFilled, IconCircleCheckFilled, IconScan } from '@tabler/icons-react';
import type { PickList } from '../../../../shared/api/orders';
import type { PickFeedback } from './use-pick-session';

/** What to scan now, in large type, and the core's answer to the last scan: green when taken, red when refused. */
export function PickNext({ list, feedback }: { list: PickList; feedback: PickFeedback | null }) {
  const next = list.next;
  return (
    <>
      {next ? (
        <Paper withBorder radius="md" p="lg" data-testid="pick-next" data-expect={next.expect}>
          <Group gap="lg" wrap="nowrap">
            <IconScan size={48} style={{ flex: 'none', color: 'var(--mantine-color-blue-6)' }} />
            <div>
              <Text size="sm" c="dimmed" tt="uppercase" fw={700}>
                {next.expect === 'bin' ? 'Go to and scan the bin' : 'Scan the item'}
              </Text>
              <Text fz={34} fw={800} lh={1.15} className="mono" data-testid="pick-next-target">
                {next.expect === 'bin' ? next.path : `${next.remaining} × ${next.sku}`}
              </Text>
              <Text size="md" c="dimmed">
                {next.expect === 'bin' ? `then ${next.remaining} × ${next.sku}` : `from ${next.path}`}
                {next.lot ? ` · lot ${next.lot}` : ''}
              </Text>
            </div>
          </Group>
        </Paper>
      ) : null}
      {feedback ? (
        <Paper
          key={feedback.seq}
          radius="md"
          p="md"
          bg={feedback.ok ? 'var(--mantine-color-teal-light)' : 'var(--mantine-color-red-filled)'}
          c={feedback.ok ? undefined : 'white'}
          role={feedback.ok ? 'status' : 'alert'}
          data-testid={feedback.ok ? 'pick-ok' : 'pick-refusal'}
          data-code={feedback.code ?? undefined}
          data-seq={feedback.seq}
        >
          <Group gap="md" wrap="nowrap">
            {feedback.ok ? (
              <IconCircleCheckFilled size={32} style={{ flex: 'none', color: 'var(--mantine-color-teal-6)' }} />
            ) : (
              <IconAlertOctagonFilled size={40} style={{ flex: 'none' }} />
            )}
            <div>
              {!feedback.ok ? (
                <Text fw={800} size="lg">
                  Refused · nothing was changed
                </Text>
              ) : null}
              <Text size={feedback.ok ? 'md' : 'lg'} fw={feedback.ok ? 500 : 600} data-testid="pick-message">
                {feedback.message}
              </Text>
            </div>
          </Group>
        </Paper>
      ) : null}
    </>
  );
}
