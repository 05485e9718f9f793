import { ActionIcon, Alert, Button, Checkbox, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconTrash } from '@tabler/icons-react';
import type { ApiError } from '../../../../../shared/errors';
import { formatDate } from '../../../lib/format';
import { EmptyRow } from '../../empty-row';
import { FormError } from '../../form-error';
import type { ReceiptLine } from './receipt-line';

export interface OverState {
  accept: boolean;
  reason: string;
}

/**
 * The receipt as it will be posted. More than ordered is never taken silently: the lines over what is still expected
 * are listed, and posting waits for an explicit "accept" with a reason (which is stored on the receipt).
 */
export function ReceiptDraftTable(p: {
  lines: ReceiptLine[];
  over: { sku: string; expected: number; receiving: number }[];
  overState: OverState;
  onOverState: (s: OverState) => void;
  onRemove: (key: string) => void;
  onPost: () => void;
  posting: boolean;
  error: ApiError | undefined;
}) {
  const units = p.lines.reduce((s, l) => s + l.quantity, 0);
  const needsReason = p.over.length > 0;
  const blocked = p.lines.length === 0 || (needsReason && (!p.overState.accept || !p.overState.reason.trim()));
  return (
    <Paper withBorder radius="md" p="md" data-testid="receipt-draft">
      <Group justify="space-between" mb="xs">
        <Title order={4}>This receipt</Title>
        <Text size="sm" c="dimmed" data-testid="receipt-units">
          {p.lines.length} line{p.lines.length === 1 ? '' : 's'} · {units} unit{units === 1 ? '' : 's'}
        </Text>
      </Group>
      <Table verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Item</Table.Th>
            <Table.Th>Bin</Table.Th>
            <Table.Th>Lot</Table.Th>
            <Table.Th>Expiry</Table.Th>
            <Table.Th ta="right">Qty</Table.Th>
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.lines.length === 0 ? <EmptyRow cols={6}>Scan an item to start.</EmptyRow> : null}
          {p.lines.map((l) => (
            <Table.Tr key={l.key} data-testid="receipt-line" data-sku={l.sku}>
              <Table.Td>
                <Text size="sm" fw={600} className="mono">
                  {l.sku}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {l.name}
                </Text>
              </Table.Td>
              <Table.Td className="mono">{l.binCode}</Table.Td>
              <Table.Td className="mono" data-testid="receipt-lot">
                {l.lot ?? '—'}
              </Table.Td>
              <Table.Td data-testid="receipt-expiry" data-value={l.expiry ?? ''}>
                {l.expiry ? formatDate(l.expiry) : '—'}
              </Table.Td>
              <Table.Td ta="right" fw={700} data-testid="receipt-qty">
                {l.quantity}
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${l.sku} from the receipt`} onClick={() => p.onRemove(l.key)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap="sm" mt="md">
        {needsReason ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="More than ordered" data-testid="over-receipt">
            <Stack gap="xs">
              <Text size="sm">
                {p.over.map((o) => `${o.sku}: ${o.expected} expected, receiving ${o.receiving}`).join(' · ')}. Remove the extra, or accept it with a reason.
              </Text>
              <Checkbox
                label="Accept the extra units"
                checked={p.overState.accept}
                onChange={(e) => p.onOverState({ ...p.overState, accept: e.currentTarget.checked })}
                data-testid="over-accept"
              />
              {p.overState.accept ? (
                <Textarea
                  label="Why are the extra units accepted?"
                  placeholder="e.g. supplier sent a full case; agreed with the buyer"
                  autosize
                  minRows={1}
                  value={p.overState.reason}
                  onChange={(e) => p.onOverState({ ...p.overState, reason: e.currentTarget.value })}
                  data-testid="over-reason"
                />
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        <FormError error={p.error} />
        <Group justify="flex-end">
          <Button size="md" disabled={blocked} loading={p.posting} onClick={p.onPost} data-testid="post-receipt">
            Post receipt{units ? ` (${units} units)` : ''}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
