import { notifications } from '@mantine/notifications';
import { call } from '../../api/client';

/** Sync now / Reconcile / Test / Fetch listings start work on the core and answer at once; the outcome arrives with channels.changed. */
export async function startChannelWork(method: 'channels.syncNow' | 'channels.reconcile' | 'channels.test' | 'channels.refreshListings', id: number): Promise<boolean> {
  const r = await call(method, { id });
  if (!r.ok) {
    notifications.show({ color: 'red', title: 'Could not start', message: r.error.message });
    return false;
  }
  return true;
}
