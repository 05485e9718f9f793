import type { Clock } from '../../core/context';
import { createSerialTransport, type PortFactory, type SerialOptions } from '../serial/serial-transport';
import { createHidScale } from './hid/hid-scale';
import type { HidBackend } from './hid/hid-transport';
import { createNodeHidBackend } from './hid/node-hid-backend';
import { createCasProtocol } from './protocols/cas';
import type { SerialScaleProtocol } from './protocols/decoded';
import { createMtSicsProtocol } from './protocols/mt-sics';
import { createScp01Protocol } from './protocols/scp-01';
import { createSerialScale } from './serial-scale';
import type { PlausibilityOptions, Scale, StabilityOptions } from './types';

export type { Scale, ScaleWeight, ScaleStatus, ScaleState, ScaleResult, ScaleErrorCode, StabilityOptions, PlausibilityOptions } from './types';
export { SCALE_ERROR_CODES } from './types';

interface CommonConfig {
  stability?: StabilityOptions;
  plausibility?: PlausibilityOptions;
}

export type SerialScaleConfig = CommonConfig &
  SerialOptions & {
    kind: 'serial';
    protocol: 'mt-sics' | 'scp-01' | 'cas';
    /** MT-SICS: 'SI' (immediate, default) or 'S' (wait for stable). */
    weightCommand?: 'S' | 'SI';
    /** CAS: unit for the weight-only format that prints none (default kg). */
    defaultUnit?: string;
    commandTimeoutMs?: number;
    pollMs?: number;
  };

export type HidScaleConfig = CommonConfig & {
  kind: 'hid';
  path?: string;
  vendorId?: number;
  productId?: number;
  reconnectMs?: number;
  requestTimeoutMs?: number;
};

export type ScaleConfig = SerialScaleConfig | HidScaleConfig;

export interface ScaleDeps {
  clock?: Clock;
  /** Serial port factory (tests inject SerialPortMock); real serialport by default. */
  createPort?: PortFactory;
  /** HID back-end (tests inject recorded reports); node-hid by default. */
  hid?: HidBackend;
}

export function createSerialProtocol(config: Pick<SerialScaleConfig, 'protocol' | 'weightCommand' | 'defaultUnit'>): SerialScaleProtocol {
  switch (config.protocol) {
    case 'mt-sics':
      return createMtSicsProtocol(config.weightCommand ? { weightCommand: config.weightCommand } : {});
    case 'scp-01':
      return createScp01Protocol();
    case 'cas':
      return createCasProtocol(config.defaultUnit ? { defaultUnit: config.defaultUnit } : {});
  }
}

/** Builds a scale from its saved configuration. The scale opens (and keeps reopening) its device by itself. */
export function createScale(config: ScaleConfig, deps: ScaleDeps = {}): Scale {
  switch (config.kind) {
    case 'serial': {
      const serial: SerialOptions = { path: config.path, baudRate: config.baudRate };
      if (config.dataBits !== undefined) serial.dataBits = config.dataBits;
      if (config.parity !== undefined) serial.parity = config.parity;
      if (config.stopBits !== undefined) serial.stopBits = config.stopBits;
      if (config.reconnectMs !== undefined) serial.reconnectMs = config.reconnectMs;
      const transport = createSerialTransport(serial, deps.createPort ? { createPort: deps.createPort } : {});
      return createSerialScale({
        protocol: createSerialProtocol(config),
        transport,
        ...(deps.clock && { clock: deps.clock }),
        ...(config.stability && { stability: config.stability }),
        ...(config.plausibility && { plausibility: config.plausibility }),
        ...(config.commandTimeoutMs !== undefined && { commandTimeoutMs: config.commandTimeoutMs }),
        ...(config.pollMs !== undefined && { pollMs: config.pollMs }),
      });
    }
    case 'hid':
      return createHidScale({
        ...config,
        backend: deps.hid ?? createNodeHidBackend(),
        ...(deps.clock && { clock: deps.clock }),
      });
  }
}

export { listSerialPorts } from '../serial/list-ports';
