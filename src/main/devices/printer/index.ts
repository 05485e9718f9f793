export type { LabelPrinter, PrintPayload, PrinterState, PrinterStatus, PrinterTransport } from './label-printer';
export { PrinterError, fromSystemError, type PrinterErrorCode } from './printer-error';
export { HOST_STATUS_QUERY, formatHostStatus, hostStatusStrings, parseHostStatus, type ZplHostStatus, type ZplPrintMode } from './zpl-host-status';
export { createTcpTransport, type TcpTransportOptions } from './tcp-transport';
export { createCupsRawTransport, createDeviceFileTransport, type SpawnFn } from './local-transports';
export { createOsPrinter, createZplPrinter, osPrintUnavailable, payloadFor, type OsPrintFn, type OsPrintJob } from './printers';
export { createJsonFileJobStore, createMemoryJobStore, type PrintJob, type PrintJobStatus, type PrintJobStore } from './print-job-store';
export { createPrintQueue, systemScheduler, type PrintQueue, type PrintQueueOptions, type QueueScheduler } from './print-queue';
