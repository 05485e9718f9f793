import { notifications } from '@mantine/notifications';
import type { ScanResult } from '../../../shared/api/devices';
import { SCAN_KIND_COLORS, SCAN_KIND_LABELS } from './scan-kinds';

/** A scan no page asked for: shown briefly, so the person scanning sees it arrived and what it meant. */
export function showScanToast(scan: ScanResult): void {
  const bad = scan.kind === 'error' || scan.errorCode !== undefined;
  notifications.show({
    title: bad ? `Scan not recognised: ${scan.raw}` : `Scanned ${SCAN_KIND_LABELS[scan.kind]}`,
    message: scan.message,
    color: SCAN_KIND_COLORS[scan.kind],
    autoClose: bad ? 6000 : 3500,
    withBorder: true,
  });
}

export function showScanFailure(message: string): void {
  notifications.show({ title: 'Scan not sent', message, color: 'red', autoClose: 6000, withBorder: true });
}
