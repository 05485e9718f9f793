export * from './types';
export { HONEYWELL_LAYOUT, HONEYWELL_LAYOUT_NO_REPORT_ID, ReportAssembler, decodeReport, type HidPosLayout } from './hid-pos-report';
export { createHidPosScanner, type HidPosScannerOptions } from './hid-pos-scanner';
export { createNodeHidBackend } from './node-hid-backend';
