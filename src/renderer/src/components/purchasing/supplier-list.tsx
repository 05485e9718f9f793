import { Anchor, Button, Drawer, Modal, Paper, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Supplier } from '../../../../shared/api';
import { useApi } from '../../hooks/use-api';
import { notifySuccess } from '../../lib/notify';
import { EmptyRow } from '../empty-row';
import { PageHeader } from '../page-header';
import { SupplierForm } from './supplier-form';
import { SupplierItemsPanel } from './supplier-items-panel';

/** Suppliers with their terms; a click opens what they sell, the pencil their terms. */
export function SupplierList() {
  const list = useApi('purchasing.suppliers.list', { all: true });
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const [open, setOpen] = useState<Supplier | null>(null);
  const rows = list.data ?? [];
  return (
    <>
      <PageHeader
        title="Suppliers"
        description="Contact, currency, payment terms, stated lead time, minimum order and pack size; per item: their SKU and cost."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')} data-testid="new-supplier">
            New supplier
          </Button>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Table striped highlightOnHover verticalSpacing="xs" data-testid="supplier-list">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Contact</Table.Th>
              <Table.Th>Currency</Table.Th>
              <Table.Th ta="right">Terms</Table.Th>
              <Table.Th ta="right">Lead time</Table.Th>
              <Table.Th ta="right">MOQ</Table.Th>
              <Table.Th ta="right">Pack</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.length === 0 && !list.loading ? <EmptyRow cols={8}>No suppliers yet.</EmptyRow> : null}
            {rows.map((s) => (
              <Table.Tr key={s.id} data-testid="supplier-row" style={{ opacity: s.active ? 1 : 0.55 }}>
                <Table.Td>
                  <Anchor component="button" fw={600} onClick={() => setOpen(s)}>
                    {s.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{s.email ?? '—'}</Text>
                  {s.phone ? (
                    <Text size="xs" c="dimmed">
                      {s.phone}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{s.currency}</Table.Td>
                <Table.Td ta="right">{s.paymentTermsDays} days</Table.Td>
                <Table.Td ta="right">{s.leadTimeDays === null ? 'not stated' : `${s.leadTimeDays} days`}</Table.Td>
                <Table.Td ta="right">{s.minOrderQty ?? '—'}</Table.Td>
                <Table.Td ta="right">{s.packSize}</Table.Td>
                <Table.Td ta="right">
                  <Button size="xs" variant="subtle" onClick={() => setEditing(s)}>
                    Edit terms
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing === 'new' ? 'New supplier' : `Supplier: ${editing?.name ?? ''}`} size="lg">
        {editing !== null ? (
          <SupplierForm
            supplier={editing === 'new' ? undefined : editing}
            onCancel={() => setEditing(null)}
            onSaved={(s) => {
              notifySuccess(editing === 'new' ? 'Supplier created' : 'Supplier saved', s.name);
              setEditing(null);
              list.reload();
            }}
          />
        ) : null}
      </Modal>
      <Drawer opened={open !== null} onClose={() => setOpen(null)} position="right" size="xl" title={open ? `${open.name}: items and terms` : ''}>
        {open ? <SupplierItemsPanel supplier={open} /> : null}
      </Drawer>
    </>
  );
}
