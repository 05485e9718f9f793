import { Table, Text } from '@mantine/core';

/** A table's "nothing here" line, spanning every column. */
export function EmptyRow({ cols, children }: { cols: number; children: React.ReactNode }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={cols}>
        <Text c="dimmed" size="sm" ta="center" py="lg">
          {children}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
