import { Tabs } from '@mantine/core';
import { IconBuildingStore, IconChartArrowsVertical, IconFileInvoice, IconHistory, IconScan } from '@tabler/icons-react';
import { navigate } from '../../hooks/use-route';

export type PurchasingTab = 'orders' | 'suppliers' | 'replenishment' | 'receive' | 'history';

const PATHS: Record<PurchasingTab, string> = {
  orders: '/purchasing',
  suppliers: '/purchasing/suppliers',
  replenishment: '/purchasing/replenishment',
  receive: '/purchasing/receive',
  history: '/purchasing/history',
};

/** The screens of purchasing as tabs, so buying, planning and goods-in are one click apart. */
export function PurchasingTabs({ active }: { active: PurchasingTab }) {
  return (
    <Tabs value={active} onChange={(v) => v && navigate(PATHS[v as PurchasingTab])} mb="lg" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="orders" leftSection={<IconFileInvoice size={16} />}>
          Purchase orders
        </Tabs.Tab>
        <Tabs.Tab value="replenishment" leftSection={<IconChartArrowsVertical size={16} />}>
          Replenishment
        </Tabs.Tab>
        <Tabs.Tab value="receive" leftSection={<IconScan size={16} />}>
          Receive against PO
        </Tabs.Tab>
        <Tabs.Tab value="suppliers" leftSection={<IconBuildingStore size={16} />}>
          Suppliers
        </Tabs.Tab>
        <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
          Sales history
        </Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
