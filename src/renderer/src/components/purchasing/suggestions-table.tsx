import { Anchor, Checkbox, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import type { Suggestion } from '../../../../shared/api';
import { money } from '../../lib/format';

export interface SuggestionGroup {
  supplierId: number | null;
  supplierName: string;
  lines: Suggestion[];
  totalMinor: number;
}

/**
 * One supplier's suggestions: the stock position that triggered each one and the quantity to order. Items without a
 * preferred supplier cannot become a PO, so they cannot be ticked; the line says what to fix.
 */
export function SuggestionsTable(p: {
  group: SuggestionGroup;
  currency: string;
  selected: Set<string>;
  onToggle: (ids: string[], on: boolean) => void;
  onExplain: (s: Suggestion) => void;
}) {
  const { group, selected, currency } = p;
  const orderable = group.supplierId !== null;
  const ids = group.lines.map((l) => l.id);
  const all = orderable && ids.every((i) => selected.has(i));
  const some = ids.some((i) => selected.has(i));
  return (
    <Paper withBorder radius="md" p="md" data-testid="suggestion-group" data-supplier={group.supplierName}>
      <Group justify="space-between" mb="xs">
        <Group gap="sm">
          <Checkbox
            aria-label={`Select all for ${group.supplierName}`}
            checked={all}
            indeterminate={some && !all}
            disabled={!orderable}
            onChange={(e) => p.onToggle(ids, e.currentTarget.checked)}
            data-testid="group-select"
          />
          <Title order={4}>{group.supplierName}</Title>
        </Group>
        <Text size="sm" c="dimmed">
          {group.lines.length} item{group.lines.length === 1 ? '' : 's'} · {money(group.totalMinor, currency)}
        </Text>
      </Group>
      {!orderable ? (
        <Text size="sm" c="orange" mb="xs">
          These items have no preferred supplier: set one under Suppliers to order them from here.
        </Text>
      ) : null}
      <Table verticalSpacing={6} highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={32} />
            <Table.Th>Item</Table.Th>
            <Table.Th ta="right">On hand</Table.Th>
            <Table.Th ta="right">Reserved</Table.Th>
            <Table.Th ta="right">On order</Table.Th>
            <Table.Th ta="right">Position</Table.Th>
            <Table.Th ta="right">Reorder point</Table.Th>
            <Table.Th ta="right">Safety stock</Table.Th>
            <Table.Th ta="right">Suggested</Table.Th>
            <Table.Th ta="right">Value</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {group.lines.map((l) => (
            // The reason is a sentence with the arithmetic: it gets the row's full width under the numbers.
            <Fragment key={l.id}>
            <Table.Tr data-testid="suggestion-row" data-sku={l.sku} style={{ borderBottom: 0 }}>
              <Table.Td>
                <Checkbox aria-label={`Order ${l.sku}`} checked={selected.has(l.id)} disabled={!orderable} onChange={(e) => p.onToggle([l.id], e.currentTarget.checked)} />
              </Table.Td>
              <Table.Td>
                <Anchor component="button" fw={600} className="mono" size="sm" style={{ whiteSpace: 'nowrap' }} onClick={() => p.onExplain(l)} data-testid="explain-item" title="How these numbers are worked out">
                  {l.sku}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {l.name}
                </Text>
              </Table.Td>
              <Table.Td ta="right">{l.onHand}</Table.Td>
              <Table.Td ta="right">{l.reserved}</Table.Td>
              <Table.Td ta="right">
                {l.onOrder}
                {l.inDraft ? (
                  <Text size="xs" c="dimmed">
                    +{l.inDraft} in drafts
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{l.position}</Table.Td>
              <Table.Td ta="right" data-testid="suggestion-rop">
                {l.reorderPoint}
              </Table.Td>
              <Table.Td ta="right">{l.safetyStock}</Table.Td>
              <Table.Td ta="right" fw={700} data-testid="suggestion-qty">
                {l.suggestedQuantity}
              </Table.Td>
              <Table.Td ta="right">{money(l.suggestedQuantity * l.unitCostMinor, currency)}</Table.Td>
            </Table.Tr>
            <Table.Tr data-testid="suggestion-reason">
              <Table.Td />
              <Table.Td colSpan={9} pt={0}>
                <Text size="xs" c="dimmed">
                  {l.explanation}
                </Text>
              </Table.Td>
            </Table.Tr>
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
