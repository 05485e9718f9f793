/** The bits of an open HID device the scale driver uses; node-hid's HIDAsync fits, and so does a test fake. */
export interface HidTransport {
  on(event: 'data', fn: (data: Buffer) => void): unknown;
  on(event: 'error', fn: (err: Error) => void): unknown;
  /** Output report, byte 0 = report id. Optional: read-only scales cannot be zeroed from the host. */
  write?(data: number[]): Promise<number> | number;
  close(): Promise<void> | void;
}

export interface HidDeviceInfo {
  path?: string | undefined;
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
}

/** Enumerates and opens HID devices. */
export interface HidBackend {
  devices(): Promise<HidDeviceInfo[]>;
  open(path: string): Promise<HidTransport>;
}
