import { Badge, Group, Table, Text } from '@mantine/core';
import { IconBox, IconFolder } from '@tabler/icons-react';
import type { Balance, Location } from '../../../../shared/api';
import { formatQty } from '../../lib/format';
import { EmptyRow } from '../empty-row';

interface BinStock {
  units: number;
  skus: number;
}

/** Units and distinct items per location, from one balances call for the whole warehouse. */
export function stockByLocation(balances: Balance[]): Map<number, BinStock> {
  const units = new Map<number, number>();
  const skus = new Map<number, Set<number>>();
  for (const b of balances) {
    units.set(b.locationId, (units.get(b.locationId) ?? 0) + b.onHand);
    let s = skus.get(b.locationId);
    if (!s) skus.set(b.locationId, (s = new Set()));
    if (b.onHand !== 0) s.add(b.itemId);
  }
  return new Map([...units].map(([id, u]) => [id, { units: u, skus: skus.get(id)?.size ?? 0 }]));
}

/**
 * Zones and bins as an indented tree. Children are placed under their parent by walking parentId,
 * so the order does not depend on how codes sort.
 */
export function LocationTree({ locations, stock }: { locations: Location[]; stock: Map<number, BinStock> }) {
  const children = new Map<number | null, Location[]>();
  for (const l of locations) {
    const key = l.parentId !== null && locations.some((p) => p.id === l.parentId) ? l.parentId : null;
    const list = children.get(key) ?? [];
    list.push(l);
    children.set(key, list);
  }
  const ordered: { l: Location; depth: number }[] = [];
  const walk = (parent: number | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => (a.kind === b.kind ? a.code.localeCompare(b.code, undefined, { numeric: true }) : a.kind === 'zone' ? -1 : 1));
    for (const l of list) {
      ordered.push({ l, depth });
      walk(l.id, depth + 1);
    }
  };
  walk(null, 0);

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table data-testid="location-tree">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Code</Table.Th>
            <Table.Th>Name</Table.Th>
            <Table.Th>Barcode</Table.Th>
            <Table.Th className="num">Items</Table.Th>
            <Table.Th className="num">Units</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered.length === 0 ? <EmptyRow cols={5}>No zones or bins yet. Add the first bin below.</EmptyRow> : null}
          {ordered.map(({ l, depth }) => {
            const s = stock.get(l.id);
            return (
              <Table.Tr key={l.id} data-testid="location-row" data-code={l.code}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap" pl={depth * 22}>
                    {l.kind === 'zone' ? <IconFolder size={16} color="var(--mantine-color-yellow-6)" /> : <IconBox size={16} color="var(--mantine-color-dimmed)" />}
                    <Text size="sm" fw={l.kind === 'zone' ? 600 : 400} className="mono">
                      {l.code}
                    </Text>
                    {l.kind === 'zone' ? (
                      <Badge size="xs" variant="light" color="yellow">
                        zone
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{l.name || <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td className="mono">{l.barcode ?? <Text span c="dimmed">—</Text>}</Table.Td>
                <Table.Td className="num">{l.kind === 'bin' ? formatQty(s?.skus ?? 0) : ''}</Table.Td>
                <Table.Td className="num">{l.kind === 'bin' ? formatQty(s?.units ?? 0) : ''}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
