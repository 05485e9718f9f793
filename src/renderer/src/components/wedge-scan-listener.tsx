import { useWedgeScanner } from '../hooks/use-wedge-scanner';

/** Mounted once in the app shell, so keyboard-wedge scans are caught on every page. */
export function WedgeScanListener() {
  useWedgeScanner();
  return null;
}
