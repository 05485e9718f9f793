import { Button } from '@mantine/core';
import { IconChartArrowsVertical, IconPlus } from '@tabler/icons-react';
import { PageHeader } from '../components/page-header';
import { PoDetail } from '../components/purchasing/po-detail';
import { PoList, isPoFilter } from '../components/purchasing/po-list';
import { PurchasingTabs } from '../components/purchasing/purchasing-tabs';
import { SupplierList } from '../components/purchasing/supplier-list';
import { navigate } from '../hooks/use-route';
import { HistoryImportPage } from './history-import-page';
import { NewPoPage } from './new-po-page';

export type PurchasingView = { kind: 'orders'; status: string | null } | { kind: 'suppliers' } | { kind: 'order'; id: number } | { kind: 'new' } | { kind: 'history' };

/** Purchasing: purchase orders by status, one order, and suppliers. Replenishment and receiving have their own pages. */
export function PurchasingPage({ view }: { view: PurchasingView }) {
  switch (view.kind) {
    case 'orders': {
      const filter = isPoFilter(view.status) ? view.status : 'open';
      return (
        <>
          <PurchasingTabs active="orders" />
          <PageHeader
            title="Purchase orders"
            description="Draft → sent → received, then closed. Drafts come from replenishment or New PO; open one to send it, download its PDF or receive against it."
            actions={
              <>
                <Button variant="light" leftSection={<IconChartArrowsVertical size={16} />} onClick={() => navigate('/purchasing/replenishment')}>
                  What should I buy?
                </Button>
                <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/purchasing/new')} data-testid="po-new">
                  New PO
                </Button>
              </>
            }
          />
          <PoList filter={filter} />
        </>
      );
    }
    case 'suppliers':
      return (
        <>
          <PurchasingTabs active="suppliers" />
          <SupplierList />
        </>
      );
    case 'new':
      return <NewPoPage />;
    case 'history':
      return <HistoryImportPage />;
    case 'order':
      return (
        <>
          <PurchasingTabs active="orders" />
          <PoDetail key={view.id} id={view.id} />
        </>
      );
  }
}
