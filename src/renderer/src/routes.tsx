import { areaFor } from './lib/areas';
import type { Route } from './hooks/use-route';
import { DashboardPage } from './pages/dashboard-page';
import { DevicesPage } from './pages/devices-page';
import { ItemPage } from './pages/item-page';
import { ItemsPage } from './pages/items-page';
import { LocationsPage } from './pages/locations-page';
import { NewItemPage } from './pages/new-item-page';
import { NotBuiltPage } from './pages/not-built-page';
import { NotFoundPage } from './pages/not-found-page';
import { ReceivingPage } from './pages/receiving-page';
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
  if (path === '/receiving') return <ReceivingPage itemCode={params.get('item') ?? ''} />;
  if (path === '/moves') return <StockMovesPage tab={params.get('tab') === 'adjust' ? 'adjust' : 'transfer'} itemCode={params.get('item') ?? ''} />;
  if (path === '/locations') return <LocationsPage />;
  if (path === '/devices') return <DevicesPage />;
  if (path === '/settings') return <SettingsPage />;
  const area = areaFor(path);
  if (area && !area.built && area.path === path) return <NotBuiltPage area={area} />;
  return <NotFoundPage path={path} />;
}
