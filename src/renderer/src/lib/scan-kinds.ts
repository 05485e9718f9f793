import type { ScanResultKind } from '../../../shared/api/devices';

export const SCAN_KIND_LABELS: Record<ScanResultKind, string> = {
  gs1: 'GS1',
  'digital-link': 'GS1 Digital Link',
  gtin: 'GTIN',
  sku: 'SKU',
  bin: 'Bin',
  document: 'Document',
  unknown: 'Unknown',
  error: 'Error',
};

export const SCAN_KIND_COLORS: Record<ScanResultKind, string> = {
  gs1: 'indigo',
  'digital-link': 'indigo',
  gtin: 'blue',
  sku: 'teal',
  bin: 'grape',
  document: 'cyan',
  unknown: 'yellow',
  error: 'red',
};
