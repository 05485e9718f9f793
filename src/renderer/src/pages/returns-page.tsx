import { Button, Grid } from '@mantine/core';
import { IconArrowBackUp, IconPackageImport } from '@tabler/icons-react';
import { useState } from 'react';
import { PageHeader } from '../components/page-header';
import { AuthoriseModal, UnexpectedModal } from '../components/returns/authorise-modal';
import { RmaDrawer } from '../components/returns/rma-detail';
import { LimboPanel, ReturnsList } from '../components/returns/returns-list';
import { useApi } from '../hooks/use-api';
import { useEvent } from '../hooks/use-event';
import { navigate } from '../hooks/use-route';

/** Customer returns: authorise, receive into limbo, inspect (restock / refurbish / write off), refund. */
export function ReturnsPage({ returnId }: { returnId: number | null }) {
  const list = useApi('returns.list', {});
  const limbo = useApi('returns.limbo', {});
  const [mode, setMode] = useState<'order' | 'unexpected' | null>(null);
  const reload = () => {
    list.reload();
    limbo.reload();
  };
  useEvent('stock.changed', reload);
  const open = (id: number) => navigate(`/returns?rma=${id}`);
  const created = (id: number) => {
    setMode(null);
    reload();
    open(id);
  };
  return (
    <>
      <PageHeader
        title="Returns"
        description="Authorise → receive into returns limbo (not available) → inspect each unit: restock, refurbish or write off → refund."
        actions={
          <>
            <Button variant="default" leftSection={<IconPackageImport size={16} />} onClick={() => setMode('unexpected')} data-testid="rma-unexpected">
              Unexpected return
            </Button>
            <Button leftSection={<IconArrowBackUp size={16} />} onClick={() => setMode('order')} data-testid="rma-new">
              Authorise return
            </Button>
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <ReturnsList rows={list.data ?? []} loading={list.loading} onOpen={open} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <LimboPanel rows={limbo.data ?? []} onOpen={open} />
        </Grid.Col>
      </Grid>
      <AuthoriseModal opened={mode === 'order'} onClose={() => setMode(null)} onDone={created} />
      <UnexpectedModal opened={mode === 'unexpected'} onClose={() => setMode(null)} onDone={created} />
      <RmaDrawer id={returnId} onClose={() => navigate('/returns')} onChanged={reload} />
    </>
  );
}
