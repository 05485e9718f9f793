import {
  IconAdjustmentsHorizontal,
  IconArrowBackUp,
  IconBuildingWarehouse,
  IconChartBar,
  IconClipboardCheck,
  IconDeviceDesktopAnalytics,
  IconLayoutDashboard,
  IconPackage,
  IconPackageImport,
  IconPlugConnected,
  IconPrinter,
  IconReportMoney,
  IconSettings,
  IconShoppingCart,
  IconTruckDelivery,
  type Icon,
} from '@tabler/icons-react';

export interface Area {
  /** Route path, also the key. */
  path: string;
  label: string;
  icon: Icon;
  /** Built areas have a page; the others say what they will do and which work brings them. */
  built: boolean;
  /** One line for the not-built page: what the area will do. */
  purpose: string;
  /** Which piece of work brings it, for "Not built yet: comes with the … work". */
  comesWith: string;
  group: 'Work' | 'Stock' | 'Sales & buying' | 'System';
}

export const AREAS: Area[] = [
  {
    path: '/',
    label: 'Dashboard',
    icon: IconLayoutDashboard,
    built: true,
    purpose: 'KPIs with their trends, stock value, sell-through, ABC split, aging and alerts at a glance.',
    comesWith: 'foundation',
    group: 'Work',
  },
  {
    path: '/bench',
    label: 'Bench',
    icon: IconPrinter,
    built: true,
    purpose:
      'The packing bench: scan an order, check each item against its barcode, weigh the parcel on the scale and print the shipping label, all without touching the mouse.',
    comesWith: 'bench and devices',
    group: 'Work',
  },
  {
    path: '/receiving',
    label: 'Receiving',
    icon: IconPackageImport,
    built: true,
    purpose: 'Book goods in: item, bin, quantity, cost, lot and expiry.',
    comesWith: 'foundation',
    group: 'Work',
  },
  {
    path: '/moves',
    label: 'Stock moves',
    icon: IconAdjustmentsHorizontal,
    built: true,
    purpose: 'Transfer stock between bins and adjust it with a reason.',
    comesWith: 'foundation',
    group: 'Work',
  },
  {
    path: '/items',
    label: 'Items',
    icon: IconPackage,
    built: true,
    purpose: 'The catalogue with stock on hand and available.',
    comesWith: 'foundation',
    group: 'Stock',
  },
  {
    path: '/locations',
    label: 'Locations',
    icon: IconBuildingWarehouse,
    built: true,
    purpose: 'Warehouses, zones and bins.',
    comesWith: 'foundation',
    group: 'Stock',
  },
  {
    path: '/counts',
    label: 'Counts',
    icon: IconClipboardCheck,
    built: true,
    purpose:
      'Cycle counts and full stocktakes: plan which bins to count, count them blind on a handheld, review the differences and post them as count corrections.',
    comesWith: 'counts',
    group: 'Stock',
  },
  {
    path: '/orders',
    label: 'Orders',
    icon: IconShoppingCart,
    built: true,
    purpose:
      'Customer orders from every channel in one list: reserve stock, pick first-expiry-first-out, pack at the bench and ship, with partial shipments and cancellations.',
    comesWith: 'orders',
    group: 'Sales & buying',
  },
  {
    path: '/purchasing',
    label: 'Purchasing',
    icon: IconTruckDelivery,
    built: true,
    purpose:
      'Suppliers and purchase orders: reorder suggestions from the sales forecast, send the order, and receive against it line by line with landed costs.',
    comesWith: 'purchasing',
    group: 'Sales & buying',
  },
  {
    path: '/returns',
    label: 'Returns',
    icon: IconArrowBackUp,
    built: true,
    purpose:
      'Customer returns: log the parcel against its order, inspect each unit and put it back to stock, to a returns bin or to scrap, and refund through the channel.',
    comesWith: 'returns',
    group: 'Sales & buying',
  },
  {
    path: '/channels',
    label: 'Channels',
    icon: IconPlugConnected,
    built: true,
    purpose:
      'Connections to Shopify, WooCommerce and other shops: import orders, push available quantities, and report drift between the ledger and each shop.',
    comesWith: 'channels',
    group: 'Sales & buying',
  },
  {
    path: '/finance',
    label: 'Finance',
    icon: IconReportMoney,
    built: true,
    purpose: 'Sales invoices and supplier bills with their due dates and payments: what is owed and overdue, aged, feeding DSO, DPO and the cash conversion cycle.',
    comesWith: 'finance',
    group: 'Sales & buying',
  },
  {
    path: '/reports',
    label: 'Reports',
    icon: IconChartBar,
    built: true,
    purpose:
      'Stock valuation at any date, movement and margin reports, slow movers and expiring lots, with CSV exports for the accountant.',
    comesWith: 'reports',
    group: 'System',
  },
  {
    path: '/devices',
    label: 'Devices',
    icon: IconDeviceDesktopAnalytics,
    built: true,
    purpose:
      'Scanners, scales and label printers: see their status, test them, and pair handhelds with the hub using a one-time code.',
    comesWith: 'bench and devices',
    group: 'System',
  },
  {
    path: '/settings',
    label: 'Settings',
    icon: IconSettings,
    built: true,
    purpose: 'Company name, currency and costing method; ledger health.',
    comesWith: 'foundation',
    group: 'System',
  },
];

export const GROUPS: Area['group'][] = ['Work', 'Stock', 'Sales & buying', 'System'];

/** The area a route belongs to: /items/12 belongs to Items. */
export function areaFor(path: string): Area | undefined {
  if (path === '/') return AREAS[0];
  return AREAS.find((a) => a.path !== '/' && (path === a.path || path.startsWith(`${a.path}/`)));
}
