import type { devicesApi } from '../../../shared/api/devices';
import type { Handlers } from '../../core/router';
import type { DeviceService } from './device-service';

export type DeviceHandlers = Pick<Handlers, keyof typeof devicesApi>;

/** The devices part of the API, as router handlers over the station's device service. */
export function deviceHandlers(devices: DeviceService): DeviceHandlers {
  return {
    'scan.submit': (i) => devices.submitScan(i),
    'scan.recent': (i) => devices.recentScans(i.limit),
    'devices.list': (i) => devices.inventory(i.refresh),
    'devices.config': () => devices.config(),
    'devices.configure': (i) => devices.configure(i),
    'devices.status': () => devices.status(),
    'scale.zero': () => devices.scaleCommand('zero'),
    'scale.tare': () => devices.scaleCommand('tare'),
    'scale.read': () => devices.scaleCommand('read'),
    'labels.templates': () => devices.templates(),
    'labels.preview': (i) => {
      const r = devices.preview(i);
      return { template: i.template, svg: r.svg, zpl: r.zpl, widthDots: r.widthDots, heightDots: r.heightDots, dpi: r.layout.dpi, pages: r.pages?.length ?? 1 };
    },
    'labels.print': (i) => devices.print(i),
    'printer.test': () => devices.printTest(),
    'printer.status': (i) => devices.printerStatus(i.refresh),
    'printer.jobs': () => devices.jobs(),
    'printer.cancel': (i) => devices.cancelJob(i.jobId),
    'printer.retry': (i) => devices.retryJob(i.jobId),
  };
}
