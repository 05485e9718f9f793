import type { HidBackend, HidDeviceInfo, HidTransport } from './types';

type NodeHid = typeof import('node-hid');

/**
 * node-hid 3 behind HidBackend. Imported lazily: a missing or mismatched native binary (or no libusb/hidraw access)
 * must leave the app running with a "HID unavailable" status instead of crashing the core at startup.
 */
export function createNodeHidBackend(load: () => Promise<NodeHid> = () => import('node-hid')): HidBackend {
  let mod: Promise<NodeHid> | undefined;
  const get = (): Promise<NodeHid> => {
    mod ??= load().catch((err: unknown) => {
      mod = undefined; // a later poll may succeed, e.g. after the user fixes permissions
      throw err;
    });
    return mod;
  };
  return {
    async devices(): Promise<HidDeviceInfo[]> {
      return (await get()).devicesAsync();
    },
    async open(path: string): Promise<HidTransport> {
      const dev = await (await get()).HIDAsync.open(path);
      const transport: HidTransport = {
        on: (event: 'data' | 'error', fn: ((d: Buffer) => void) | ((e: Error) => void)) => dev.on(event, fn as (arg: unknown) => void),
        close: () => dev.close(),
        write: (data: number[]) => dev.write(data),
        sendFeatureReport: (data: number[]) => dev.sendFeatureReport(data),
      } as HidTransport;
      return transport;
    },
  };
}
