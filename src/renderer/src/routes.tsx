import { areaFor } from './lib/areas';
import type { Route } from './hooks/use-route';
import { BenchPage } from './pages/bench-page';
import { ChannelsPage } from './pages/channels-page';
import { CountSessionPage, CountsPage, isCountsTab } from './pages/counts-page';
import { DashboardPage } from './pages/dashboard-page';
import { DevicesPage } from './pages/devices-page';
import { FinancePage } from './pages/finance-page';
import { ItemPage } from './pages/item-page';
import { ItemsPage } from './pages/items-page';
import { LocationsPage } from './pages/locations-page';
import { NewItemPage } from './pages/new-item-page';
import { NotBuiltPage } from './pages/not-built-page';
import { NotFoundPage } from './pages/not-found-page';
import { OrdersPage } from './pages/orders-page';
import { PickPage } from './pages/pick-page';
import { PoReceivingPage } from './pages/po-receiving-page';
import { PurchasingPage } from './pages/purchasing-page';
import { ReceivingPage } from './pages/receiving-page';
import { ReplenishmentPage } from './pages/replenishment-page';
import { ReportsPage } from './pages/reports-page';
import { ReturnsPage } from './pages/returns-page';
import { SettingsPage } from './pages/settings-page';
import { StockMovesPage } from './pages/stock-moves-page';

/** Path → page. Kept as a plain switch: a dozen routes do not need a router library. */
export function AppRoutes({ route }: { route: Route }) {
  const { path, params } = route;
  if (path === '/') return <DashboardPage />;
  if (path === '/items') return <ItemsPage key={params.get('q') ?? ''} initialQuery={params.get('q') ?? ''} />;
  if (path === '/items/new') return <NewItemPage />;
  const item = /^\/items\/(\d+)$/.exec(path);
  if (item) return <ItemPage key={item[1]} id={Number(item[1])} />;
  if (path === '/bench') return <BenchPage />;
  if (path === '/receiving') return <ReceivingPage itemCode={params.get('item') ?? ''} />;
  if (path === '/moves') return <StockMovesPage tab={params.get('tab') === 'adjust' ? 'adjust' : 'transfer'} itemCode={params.get('item') ?? ''} />;
  if (path === '/locations') return <LocationsPage />;
  if (path === '/devices') return <DevicesPage />;
  if (path === '/purchasing') return <PurchasingPage view={{ kind: 'orders', status: params.get('status') }} />;
  if (path === '/purchasing/suppliers') return <PurchasingPage view={{ kind: 'suppliers' }} />;
  if (path === '/purchasing/new' || path === '/purchasing/history') return <PurchasingPage view={{ kind: path === '/purchasing/new' ? 'new' : 'history' }} />;
  if (path === '/purchasing/replenishment') return <ReplenishmentPage />;
  if (path === '/purchasing/receive') return <PoReceivingPage poId={/^\d+$/.test(params.get('po') ?? '') ? Number(params.get('po')) : null} />;
  const po = /^\/purchasing\/orders\/(\d+)$/.exec(path);
  if (po) return <PurchasingPage view={{ kind: 'order', id: Number(po[1]) }} />;
  if (path === '/orders') {
    const order = params.get('order') ?? '';
    return <OrdersPage status={params.get('status')} orderId={/^\d+$/.test(order) ? Number(order) : null} />;
  }
  if (path === '/pick') {
    const list = params.get('list') ?? '';
    const orders = (params.get('orders') ?? '').split(',').filter((x) => /^\d+$/.test(x)).map(Number);
    return <PickPage orders={orders} listId={/^\d+$/.test(list) ? Number(list) : null} />;
  }
  if (path === '/counts') {
    const tab = params.get('tab');
    return <CountsPage tab={isCountsTab(tab) ? tab : 'sessions'} />;
  }
  const countSession = /^\/counts\/(\d+)$/.exec(path);
  if (countSession) return <CountSessionPage key={countSession[1]} id={Number(countSession[1])} mode={params.get('mode') === 'count' ? 'count' : null} />;
  if (path === '/returns') {
    const rma = params.get('rma') ?? '';
    return <ReturnsPage returnId={/^\d+$/.test(rma) ? Number(rma) : null} />;
  }
  if (path === '/channels') return <ChannelsPage channelId={null} tab={null} />;
  const channel = /^\/channels\/(\d+)$/.exec(path);
  if (channel) return <ChannelsPage key={channel[1]} channelId={Number(channel[1])} tab={params.get('tab')} connection={params.get('connection') === '1'} />;
  if (path === '/finance') return <FinancePage tab={params.get('tab') === 'payables' ? 'payables' : 'receivables'} />;
  if (path === '/reports') return <ReportsPage initialReport={params.get('report')} />;
  if (path === '/settings') return <SettingsPage />;
  const area = areaFor(path);
  if (area && !area.built && area.path === path) return <NotBuiltPage area={area} />;
  return <NotFoundPage path={path} />;
}
