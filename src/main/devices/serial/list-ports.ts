import { SerialPort } from 'serialport';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  serialNumber?: string;
  vendorId?: string;
  productId?: string;
}

export interface SerialPortList {
  ports: SerialPortInfo[];
  /** Why the list is empty or incomplete (e.g. udevadm missing in a container); absent when listing worked. */
  reason?: string;
}

type Lister = () => Promise<Array<{ path: string; manufacturer?: string; serialNumber?: string; vendorId?: string; productId?: string }>>;

/**
 * On Linux serialport lists ports by running `udevadm`; in containers and minimal installs it is missing and
 * list() rejects. Enumeration is only a convenience for the settings page (users can type a path), so a failure
 * becomes an empty list with the reason, never an exception.
 */
export async function listSerialPorts(list: Lister = () => SerialPort.list()): Promise<SerialPortList> {
  try {
    const raw = await list();
    const ports = raw.map((p) => {
      const info: SerialPortInfo = { path: p.path };
      if (p.manufacturer) info.manufacturer = p.manufacturer;
      if (p.serialNumber) info.serialNumber = p.serialNumber;
      if (p.vendorId) info.vendorId = p.vendorId;
      if (p.productId) info.productId = p.productId;
      return info;
    });
    return { ports };
  } catch (err) {
    return { ports: [], reason: `cannot list serial ports: ${err instanceof Error ? err.message : String(err)}` };
  }
}
