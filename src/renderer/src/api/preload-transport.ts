import type { Result } from '../../../shared/errors';
import type { Unsubscribe } from '../../../shared/events';
import type { Transport } from './transport';

/** The shape src/preload/index.ts exposes; typed here because the renderer cannot import the preload. */
export interface PreloadBridge {
  transport?: string;
  call(method: string, input: unknown): Promise<unknown>;
  subscribe(event: string, fn: (payload: unknown) => void): Unsubscribe;
}

declare global {
  interface Window {
    stockroom?: PreloadBridge;
  }
}

export function preloadTransport(bridge: PreloadBridge): Transport {
  return {
    kind: 'messageport',
    call: (method, input) => bridge.call(method, input) as Promise<Result<unknown>>,
    subscribe: (event, fn) => bridge.subscribe(event, fn),
  };
}
