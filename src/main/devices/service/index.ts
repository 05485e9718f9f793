export { createDeviceService, scaleCapabilities, STATION_PRINTER_ID, type DeviceService, type DeviceServiceOptions } from './device-service';
export { defaultDeviceFactories, describePrinter, type DeviceFactories } from './device-factories';
export { deviceHandlers } from './device-handlers';
export { printableScan, runScan } from './scan-pipeline';
export { listTemplates, renderLabel } from './label-service';
