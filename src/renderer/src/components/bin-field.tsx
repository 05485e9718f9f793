import { Text } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import type { Ref } from 'react';
import { call } from '../api/client';
import { LookupInput, type LookupHandle, type Resolved } from './lookup-input';

/** What a form needs of a bin: its id for the API and its path for people. */
export interface BinRef {
  id: number;
  path: string;
  code: string;
}

async function resolveBin(code: string): Promise<Resolved<BinRef>> {
  const r = await call('locations.lookup', { code });
  if (!r.ok) return { error: r.error.message };
  const l = r.value;
  if (!l) return { error: `No bin has code or barcode “${code}”` };
  // Stock lives in bins only; catching a zone here saves a round trip and a vaguer error.
  if (l.kind !== 'bin') return { error: `${l.path} is a ${l.kind}; scan a bin` };
  return { value: { id: l.id, path: l.path, code: l.code } };
}

const display = (b: BinRef) => b.code;
const describe = (b: BinRef) => (
  <Text span size="xs">
    {b.path}
  </Text>
);

/** A bin by its barcode or code (typed or scanned). */
export function BinField(props: {
  label: string;
  value: BinRef | null;
  onChange: (b: BinRef | null) => void;
  error?: string;
  autoFocus?: boolean;
  ref?: Ref<LookupHandle<BinRef>>;
  testId?: string;
}) {
  return (
    <LookupInput<BinRef>
      placeholder="Scan or type bin code"
      leftSection={<IconMapPin size={16} />}
      display={display}
      describe={describe}
      resolve={resolveBin}
      {...props}
    />
  );
}
