import type { HidBackend, HidDeviceInfo, HidTransport } from './hid-transport';

type NodeHid = typeof import('node-hid');

/**
 * node-hid behind HidBackend. It is imported lazily: a missing or mismatched native binary must leave the app
 * running with "no scale" rather than crash the core at startup.
 */
export function createNodeHidBackend(load: () => Promise<NodeHid> = () => import('node-hid')): HidBackend {
  let mod: Promise<NodeHid> | null = null;
  const get = (): Promise<NodeHid> => {
    mod ??= load().catch((err: unknown) => {
      mod = null; // let a later poll try again (e.g. after a driver install)
      throw err;
    });
    return mod;
  };
  return {
    async devices(): Promise<HidDeviceInfo[]> {
      const hid = await get();
      return hid.devicesAsync();
    },
    async open(path: string): Promise<HidTransport> {
      const hid = await get();
      const dev = await hid.HIDAsync.open(path);
      return {
        on: (event: 'data' | 'error', fn: ((d: Buffer) => void) | ((e: Error) => void)) => dev.on(event, fn as (a: unknown) => void),
        write: (data: number[]) => dev.write(data),
        close: () => dev.close(),
      } as HidTransport;
    },
  };
}
