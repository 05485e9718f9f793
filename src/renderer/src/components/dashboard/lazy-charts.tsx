import { Box, Paper } from '@mantine/core';
import { lazy, Suspense, type ComponentProps, type ComponentType, type LazyExoticComponent } from 'react';
import type { Dashboard } from '../../../../shared/api';

/**
 * The chart library (recharts under @mantine/charts) is most of the UI's JavaScript, and only the dashboard draws
 * charts: it is a chunk of its own, fetched when the dashboard module loads, so the app (and the KPI numbers) never
 * wait for it. The placeholders keep each chart's height, so nothing jumps when the charts arrive.
 */
const charts = () => import('./dashboard-charts');
const sparkline = () => import('@mantine/charts').then((m) => ({ default: m.Sparkline }));

/** Starts fetching the chunks (called when the dashboard page module loads, in parallel with its API call). */
export function prefetchCharts(): void {
  void charts();
  void sparkline();
}

interface ChartProps {
  d: Dashboard;
  currency: string;
}

function withFallback(Lazy: LazyExoticComponent<ComponentType<ChartProps>>, height: number) {
  return function Lazily(props: ChartProps) {
    return (
      <Suspense
        fallback={
          <Paper withBorder radius="md" p="md">
            <Box h={height} />
          </Paper>
        }
      >
        <Lazy {...props} />
      </Suspense>
    );
  };
}

export const StockValueChart = withFallback(lazy(() => charts().then((m) => ({ default: m.StockValueChart }))), 360);
export const SellThroughChart = withFallback(lazy(() => charts().then((m) => ({ default: m.SellThroughChart }))), 360);
export const AbcChart = withFallback(lazy(() => charts().then((m) => ({ default: m.AbcChart }))), 200);
export const AgingChart = withFallback(lazy(() => charts().then((m) => ({ default: m.AgingChart }))), 260);

const LazySparkline = lazy(sparkline);
export function Sparkline(props: ComponentProps<typeof LazySparkline>) {
  return (
    <Suspense fallback={<Box h={props.h as number} mt={props.mt as number} />}>
      <LazySparkline {...props} />
    </Suspense>
  );
}
