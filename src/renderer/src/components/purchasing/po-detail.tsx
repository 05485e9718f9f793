import { Alert, Anchor, Button, Grid, Group, Loader, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconEdit, IconLock, IconScan, IconSend, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { PurchaseOrder } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useEvent } from '../../hooks/use-event';
import { href, navigate } from '../../hooks/use-route';
import { useSubmit } from '../../hooks/use-submit';
import { formatDate, formatDateTime } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../form-error';
import { PageHeader } from '../page-header';
import { LandedCostPanel } from './landed-cost-panel';
import { PoDraftEditor } from './po-draft-editor';
import { PoLinesTable } from './po-lines-table';
import { PoPdfButton } from './po-pdf-button';
import { PoReasonModal } from './po-reason-modal';
import { PoReceiptsPanel } from './po-receipts-panel';
import { PoStatusBadge } from './po-status-badge';

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  );
}

/** One purchase order: its lines and money, what can be done with it now, its landed cost and its receipts. */
export function PoDetail({ id }: { id: number }) {
  const po = useApi('purchasing.orders.get', { id });
  useEvent('stock.changed', () => po.reload());
  const [asking, setAsking] = useState<'cancel' | 'close' | null>(null);
  const [editing, setEditing] = useState(false);
  const action = useSubmit();

  if (!po.data) return po.error ? <Alert color="red">{po.error.message}</Alert> : <Loader />;
  const p: PurchaseOrder = po.data;
  const short = p.lines.some((l) => l.outstanding > 0);
  const nothingReceived = p.lines.every((l) => l.received === 0);
  const canSend = p.status === 'draft';
  const canReceive = p.status === 'sent' || p.status === 'partially_received';
  const canCancel = (p.status === 'draft' || p.status === 'sent') && nothingReceived;
  const canClose = p.status === 'sent' || p.status === 'partially_received' || p.status === 'received';

  const run = async (what: 'send' | 'cancel' | 'close', reason?: string) => {
    const r = await action.submit(() =>
      what === 'send' ? call('purchasing.orders.send', { id }) : what === 'cancel' ? call('purchasing.orders.cancel', { id, reason: reason || undefined }) : call('purchasing.orders.close', { id, reason: reason || undefined }),
    );
    if (!r) return;
    setAsking(null);
    notifySuccess({ send: 'Marked as sent', cancel: 'Order cancelled', close: 'Order closed' }[what], r.number);
    po.reload();
  };

  return (
    <>
      <PageHeader
        above={
          <Anchor href={href('/purchasing')} size="sm">
            ← Purchase orders
          </Anchor>
        }
        title={
          <Group gap="sm">
            <span className="mono" data-testid="po-number">
              {p.number}
            </span>
            <PoStatusBadge status={p.status} size="lg" />
          </Group>
        }
        description={`${p.supplierName} · receive into ${p.warehouseCode}`}
        actions={
          <>
            <PoPdfButton poId={p.id} />
            {canCancel ? (
              <Button variant="default" color="red" leftSection={<IconX size={16} />} onClick={() => setAsking('cancel')} data-testid="po-cancel">
                Cancel order
              </Button>
            ) : null}
            {canClose ? (
              <Button variant="default" leftSection={<IconLock size={16} />} onClick={() => setAsking('close')} data-testid="po-close">
                Close
              </Button>
            ) : null}
            {canReceive ? (
              <Button leftSection={<IconScan size={16} />} onClick={() => navigate(`/purchasing/receive?po=${p.id}`)} data-testid="po-receive">
                Receive goods
              </Button>
            ) : null}
            {canSend ? (
              <Button leftSection={<IconSend size={16} />} loading={action.submitting} onClick={() => void run('send')} data-testid="po-send">
                Mark as sent
              </Button>
            ) : null}
          </>
        }
      />
      {asking === null ? <FormError error={action.error} /> : null}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, xl: 8 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="md">
              <Group justify="space-between" mb="sm">
                <Title order={4}>Lines</Title>
                {canSend && !editing ? (
                  <Button size="xs" variant="light" leftSection={<IconEdit size={14} />} onClick={() => setEditing(true)} data-testid="po-edit">
                    Edit lines
                  </Button>
                ) : null}
              </Group>
              {canSend && editing ? (
                <PoDraftEditor
                  po={p}
                  onDone={(saved) => {
                    setEditing(false);
                    if (saved) po.reload();
                  }}
                />
              ) : (
                <PoLinesTable po={p} />
              )}
            </Paper>
            <PoReceiptsPanel po={p} />
            <LandedCostPanel po={p} onChanged={po.reload} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, xl: 4 }}>
          <Paper withBorder radius="md" p="md">
            <Title order={4} mb="sm">
              Order
            </Title>
            <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
              <Fact label="Supplier">{p.supplierName}</Fact>
              <Fact label="Currency">{p.currency}</Fact>
              <Fact label="Created">{formatDateTime(p.createdAt)}</Fact>
              <Fact label="Expected">{p.expectedDate ? formatDate(p.expectedDate) : '—'}</Fact>
              <Fact label="Sent">{p.sentAt ? formatDateTime(p.sentAt) : 'not yet'}</Fact>
              <Fact label="Received">{p.receivedAt ? formatDateTime(p.receivedAt) : '—'}</Fact>
              {p.closedAt ? <Fact label="Closed">{`${formatDateTime(p.closedAt)}${p.closeReason ? `: ${p.closeReason}` : ''}`}</Fact> : null}
              {p.cancelledAt ? <Fact label="Cancelled">{`${formatDateTime(p.cancelledAt)}${p.cancelReason ? `: ${p.cancelReason}` : ''}`}</Fact> : null}
            </SimpleGrid>
            {p.notes ? (
              <Text size="sm" c="dimmed" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
                {p.notes}
              </Text>
            ) : null}
            {canSend ? (
              <Text size="sm" mt="md">
                Download the PDF and send it to the supplier, then mark the order as sent: lead time is measured from that moment.
              </Text>
            ) : null}
          </Paper>
        </Grid.Col>
      </Grid>
      <PoReasonModal
        key={asking ?? 'none'}
        opened={asking !== null}
        title={asking === 'cancel' ? `Cancel ${p.number}` : `Close ${p.number}`}
        explanation={
          asking === 'cancel'
            ? 'Nothing has been received on this order. Cancelling tells the planner these goods are no longer coming.'
            : short
              ? 'Some lines are still short. Closing means the rest is no longer expected; say why (e.g. supplier out of stock).'
              : 'Everything has arrived. Closing files the order; later bills can still add landed cost.'
        }
        confirmLabel={asking === 'cancel' ? 'Cancel order' : 'Close order'}
        required={asking === 'close' && short}
        submitting={action.submitting}
        error={action.error}
        onConfirm={(reason) => void run(asking!, reason)}
        onClose={() => {
          setAsking(null);
          action.reset();
        }}
      />
    </>
  );
}
