import { Badge, Button, Group, Kbd, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCheck, IconFlag } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { formatQty } from '../../lib/format';
import { consumeRawScans } from '../../lib/scan-bus';
import { EmptyRow } from '../empty-row';
import { CountFeedbackPanel } from './count-feedback';
import { useCountScreen } from './use-count-screen';

/**
 * Blind counting by scanner: scan a bin, then every unit in it (each scan +1, or type how many and Enter), Bin done,
 * next bin. The expected quantity is never on this screen; only what the counter counted.
 */
export function CountScreen({ sessionId, onDone }: { sessionId: number; onDone: () => void }) {
  const c = useCountScreen(sessionId);
  const [qty, setQty] = useState('');
  const [qtyError, setQtyError] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const qtyRef = useRef<HTMLInputElement>(null);
  const latest = useRef(c);
  latest.current = c;
  const inReview = c.sheet?.status === 'review';

  useEffect(() => consumeRawScans((raw) => void latest.current.scan(raw)), []);
  useEffect(() => {
    if (document.activeElement?.getAttribute('data-testid') !== 'count-code') qtyRef.current?.focus();
  }, [c.feedback.seq]);

  const finish = async () => {
    if (inReview) {
      if (await c.enterAll()) onDone();
      return;
    }
    if (await c.finish()) onDone();
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') {
        e.preventDefault();
        void latest.current.binDone();
      } else if (e.key === 'F4') {
        e.preventDefault();
        latest.current.minusOne();
      } else if (e.key === 'F9') {
        e.preventDefault();
        void finish();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const current = c.tallies.find((t) => t.key === c.current);
  const visited = new Set((c.sheet?.lines ?? []).map((l) => l.locationId));
  const targets = c.sheet?.targets ?? [];

  return (
    <Stack gap="md">
      <CountFeedbackPanel feedback={c.feedback} />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        <Paper withBorder radius="md" p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            Bin
          </Text>
          <div className="count-bin mono" data-testid="count-bin">
            {c.bin ? c.bin.path : 'Scan a bin'}
          </div>
          <Table mt="sm" verticalSpacing={6} data-testid="count-tallies">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Item</Table.Th>
                <Table.Th ta="right">Counted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {c.tallies.length === 0 ? (
                <EmptyRow cols={2}>{c.bin ? 'Scan each unit in this bin' : 'Open a bin by scanning its label'}</EmptyRow>
              ) : (
                c.tallies.map((t) => (
                  <Table.Tr key={t.key} className={t.key === c.current ? 'count-row-current' : undefined} data-testid={`tally-${t.sku}`}>
                    <Table.Td>
                      <Text fw={700} className="mono">
                        {t.sku}
                        {t.lot ? ` · lot ${t.lot}` : ''}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {t.name}
                        {t.before !== null ? ` · your earlier count ${formatQty(t.before)} will be replaced` : ''}
                      </Text>
                      {t.recount ? (
                        <Badge color="orange" size="sm" mt={2}>
                          Recount
                        </Badge>
                      ) : null}
                    </Table.Td>
                    <Table.Td ta="right">
                      <span className="count-tally" data-testid={`tally-qty-${t.sku}`}>
                        {formatQty(t.qty)}
                      </span>
                    </Table.Td>
                  </Table.Tr>
                ))
              )}
            </Table.Tbody>
          </Table>
        </Paper>
        <Paper withBorder radius="md" p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!qty.trim()) return;
              const r = c.setQuantity(qty);
              setQtyError(r.ok ? null : (r.message ?? null));
              if (r.ok) setQty('');
            }}
          >
            <TextInput
              ref={qtyRef}
              size="lg"
              label={current ? `How many ${current.sku}? (Enter sets the count)` : 'Quantity (scan an item first)'}
              description="Each scan adds 1. For a full case, type the number of units and press Enter."
              placeholder="e.g. 24"
              inputMode="numeric"
              value={qty}
              error={qtyError}
              onChange={(e) => {
                setQty(e.currentTarget.value);
                setQtyError(null);
              }}
              data-testid="count-qty"
            />
          </form>
          <Group mt="md" gap="sm">
            <Button variant="default" onClick={c.minusOne} data-testid="count-minus">
              −1 unit <Kbd ml={6}>F4</Kbd>
            </Button>
            <Button variant="light" leftSection={<IconCheck size={16} />} onClick={() => void c.binDone()} loading={c.busy} data-testid="count-bin-done">
              Bin done <Kbd ml={6}>F2</Kbd>
            </Button>
            <Button color="indigo" leftSection={<IconFlag size={16} />} onClick={() => void finish()} data-testid="count-finish">
              {inReview ? 'Back to review' : 'Finish count'} <Kbd ml={6}>F9</Kbd>
            </Button>
          </Group>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!code.trim()) return;
              void c.scan(code.trim());
              setCode('');
            }}
          >
            <TextInput
              mt="md"
              size="sm"
              label="No scanner? Type a bin or item code and press Enter"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              data-testid="count-code"
            />
          </form>
          <Text size="xs" c="dimmed" mt="md">
            {inReview
              ? 'Recounts only: scan the bin, count every unit of the item again, then Back to review.'
              : 'Finish count sends everything to review; stock recorded in these bins that nobody scanned is counted as zero.'}
          </Text>
        </Paper>
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Entered so far</Title>
          {targets.length ? (
            <Group gap={6}>
              {targets.map((t) =>
                t.locationId !== null ? (
                  <Badge key={`l${t.locationId}`} variant={visited.has(t.locationId) ? 'filled' : 'outline'} color={visited.has(t.locationId) ? 'teal' : 'gray'} className="mono">
                    {t.path}
                  </Badge>
                ) : (
                  <Badge key={`i${t.itemId}`} variant="outline" color="gray" className="mono">
                    {t.sku}
                  </Badge>
                ),
              )}
            </Group>
          ) : null}
        </Group>
        <Table verticalSpacing={4} data-testid="count-entered">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Bin</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Your count</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {!c.sheet?.lines.length ? (
              <EmptyRow cols={4}>Nothing entered yet</EmptyRow>
            ) : (
              c.sheet.lines.map((l) => (
                <Table.Tr key={l.id}>
                  <Table.Td className="mono">{l.path}</Table.Td>
                  <Table.Td className="mono">{l.sku}</Table.Td>
                  <Table.Td ta="right">{formatQty(l.counted)}</Table.Td>
                  <Table.Td>
                    <Badge color={l.status === 'recount' ? 'orange' : 'teal'} variant="light">
                      {l.status === 'recount' ? 'Recount' : 'Entered'}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
