import { Alert, Badge, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconCheck, IconRepeat, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import type { CountSession } from '../../../../shared/api/counts';
import type { ApiError } from '../../../../shared/errors';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { navigate } from '../../hooks/use-route';
import { useSettings } from '../../hooks/use-settings';
import { formatDateTime, formatQty, money } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { EmptyRow } from '../empty-row';
import { FormError } from '../form-error';
import { StatTile } from '../stat-tile';

type Line = CountSession['lines'][number];

export const LINE_STATUS: Record<Line['status'], { label: string; color: string }> = {
  accepted: { label: 'Accepted', color: 'teal' },
  recount: { label: 'Recount', color: 'orange' },
  approval: { label: 'Needs manager approval', color: 'red' },
  approved: { label: 'Approved', color: 'indigo' },
  posted: { label: 'Posted', color: 'gray' },
};

const signed = (n: number): string => (n > 0 ? `+${formatQty(n)}` : formatQty(n));

/** A submitted count: expected vs counted per line, what each variance needs (thresholds), approval and posting. */
export function CountReview({ sessionId, onChanged }: { sessionId: number; onChanged: () => void }) {
  const { currency } = useSettings();
  const r = useApi('counts.review', { sessionId });
  const [selected, setSelected] = useState<number[]>([]);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<'approve' | 'post' | null>(null);
  const s = r.data;
  if (!s) return r.error ? <Alert color="red">{r.error.message}</Alert> : null;

  const t = s.thresholds;
  const lines = s.lines;
  const needApproval = lines.filter((l) => l.status === 'approval');
  const toRecount = lines.filter((l) => l.status === 'recount');
  const withVariance = lines.filter((l) => l.variance !== 0);
  const netValue = lines.reduce((n, l) => n + Math.sign(l.variance) * l.valueMinor, 0);
  const exact = lines.filter((l) => l.variance === 0).length;
  const accuracy = lines.length ? Math.round((exact * 1000) / lines.length) / 10 : null;
  const recorded = lines.reduce((n, l) => n + l.expected, 0);
  const actual = lines.reduce((n, l) => n + l.counted, 0);
  const shrink = recorded ? Math.round(((recorded - actual) * 10000) / recorded) / 100 : null;

  const approve = async (ids: number[]) => {
    setBusy('approve');
    const res = await call('counts.approve', { sessionId, lineIds: ids });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setError(undefined);
    setSelected([]);
    notifySuccess('Approved', `${ids.length} variance${ids.length === 1 ? '' : 's'} approved`);
    r.reload();
  };
  const post = async () => {
    setBusy('post');
    const res = await call('counts.post', { sessionId });
    setBusy(null);
    if (!res.ok) return setError(res.error);
    setError(undefined);
    notifySuccess('Count posted', `${s.number}: ${res.value.movements.length} count correction${res.value.movements.length === 1 ? '' : 's'} written to the ledger`);
    r.reload();
    onChanged();
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
        <StatTile label="Lines counted" value={formatQty(lines.length)} hint={`${withVariance.length} with a variance`} testId="review-lines" />
        <StatTile label="Record accuracy" value={accuracy === null ? '–' : `${accuracy} %`} hint="Lines whose count matched the record" testId="review-accuracy" />
        <StatTile
          label="Shrinkage"
          value={shrink === null ? '–' : `${shrink} %`}
          hint={`(recorded ${formatQty(recorded)} − counted ${formatQty(actual)}) ÷ recorded`}
          color={shrink !== null && shrink > 0 ? 'red' : undefined}
          testId="review-shrink"
        />
        <StatTile label="Net variance value" value={money(netValue, currency)} color={netValue < 0 ? 'red' : undefined} testId="review-value" />
      </SimpleGrid>
      <Paper withBorder radius="md" p="md">
        <Group justify="space-between" mb="sm" wrap="wrap">
          <div>
            <Title order={4}>Variances</Title>
            <Text size="xs" c="dimmed">
              Auto-accepted up to {t.autoUnits} units, {t.autoPct} % and {money(t.autoValueMinor, currency)}; a manager approves above {t.approvalUnits} units,{' '}
              {t.approvalPct} % or {money(t.approvalValueMinor, currency)}; in between, the line is counted again.
            </Text>
          </div>
          {s.status === 'review' ? (
            <Group gap="sm">
              {toRecount.length ? (
                <Button variant="light" color="orange" leftSection={<IconRepeat size={16} />} onClick={() => navigate(`/counts/${sessionId}?mode=count`)} data-testid="review-recount">
                  Recount {toRecount.length} line{toRecount.length === 1 ? '' : 's'}
                </Button>
              ) : null}
              <Button
                variant="light"
                color="indigo"
                leftSection={<IconCheck size={16} />}
                disabled={!selected.length}
                loading={busy === 'approve'}
                onClick={() => void approve(selected)}
                data-testid="review-approve"
              >
                Approve selected ({selected.length})
              </Button>
              <Button
                leftSection={<IconSend size={16} />}
                disabled={toRecount.length > 0 || needApproval.length > 0}
                loading={busy === 'post'}
                onClick={() => void post()}
                data-testid="review-post"
              >
                Post corrections
              </Button>
            </Group>
          ) : null}
        </Group>
        {s.status === 'review' && (toRecount.length || needApproval.length) ? (
          <Alert color="yellow" variant="light" mb="sm" data-testid="review-blockers">
            Cannot post yet:{' '}
            {[
              toRecount.length ? `${toRecount.length} line${toRecount.length === 1 ? '' : 's'} to recount` : '',
              needApproval.length ? `${needApproval.length} awaiting a manager’s approval (tick and Approve)` : '',
            ]
              .filter(Boolean)
              .join(', ')}
            .
          </Alert>
        ) : null}
        <FormError error={error} />
        <Table verticalSpacing={6} striped data-testid="review-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={36} />
              <Table.Th>Bin</Table.Th>
              <Table.Th>Item</Table.Th>
              <Table.Th ta="right">Expected</Table.Th>
              <Table.Th ta="right">Counted</Table.Th>
              <Table.Th ta="right">Variance</Table.Th>
              <Table.Th ta="right">Value</Table.Th>
              <Table.Th>Counted at</Table.Th>
              <Table.Th>Needs</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.length === 0 ? (
              <EmptyRow cols={9}>Nothing was counted</EmptyRow>
            ) : (
              lines.map((l) => (
                <Table.Tr key={l.id} data-testid={`review-line-${l.sku}`} data-status={l.status}>
                  <Table.Td>
                    {l.status === 'approval' && s.status === 'review' ? (
                      <Checkbox
                        aria-label={`Approve ${l.sku} in ${l.path}`}
                        checked={selected.includes(l.id)}
                        onChange={(e) => setSelected((cur) => (e.currentTarget.checked ? [...cur, l.id] : cur.filter((x) => x !== l.id)))}
                        data-testid={`approve-${l.sku}`}
                      />
                    ) : null}
                  </Table.Td>
                  <Table.Td className="mono">{l.path}</Table.Td>
                  <Table.Td className="mono">{l.sku}</Table.Td>
                  <Table.Td ta="right">{formatQty(l.expected)}</Table.Td>
                  <Table.Td ta="right">{formatQty(l.counted)}</Table.Td>
                  <Table.Td ta="right" fw={700} c={l.variance < 0 ? 'red' : l.variance > 0 ? 'teal' : undefined}>
                    {signed(l.variance)}
                  </Table.Td>
                  <Table.Td ta="right">{l.variance ? money(Math.sign(l.variance) * l.valueMinor, currency) : '–'}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(l.countedAt)}</Text>
                    {l.counts > 1 ? (
                      <Text size="xs" c="dimmed">
                        counted {l.counts}×
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={LINE_STATUS[l.status].color} variant="light">
                      {LINE_STATUS[l.status].label}
                    </Badge>
                    {l.approvedBy ? (
                      <Text size="xs" c="dimmed">
                        approved by {l.approvedBy}
                      </Text>
                    ) : null}
                  </Table.Td>
                </Table.Tr>
              ))
            )}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt="xs">
          Expected is what the record held at the moment each line was counted, so picks and receipts during the count do not distort the variance.
        </Text>
      </Paper>
    </Stack>
  );
}
