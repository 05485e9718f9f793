import { Autocomplete, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScaleConfig } from '../../../../shared/api/devices';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { parseWholeFields } from '../../lib/parse-whole';
import { FormActions } from '../forms/form-actions';
import { ConfigFormError } from './config-form-error';

type Kind = ScaleConfig['kind'];
type Serial = Extract<ScaleConfig, { kind: 'serial' }>;
type Protocol = Serial['protocol'];

// The rates the contract accepts (it says so itself if this list and it ever disagree).
const BAUD_RATES = ['1200', '2400', '4800', '9600', '19200', '38400', '57600', '115200'];
const PROTOCOLS: Array<{ value: Protocol; label: string }> = [
  { value: 'mt-sics', label: 'Mettler Toledo MT-SICS' },
  { value: 'scp-01', label: 'NCI / Avery Weigh-Tronix SCP-01' },
  { value: 'cas', label: 'CAS continuous output' },
];
const FIELDS = ['scale.kind', 'scale.protocol', 'scale.path', 'scale.baudRate', 'scale.dataBits', 'scale.parity', 'scale.stopBits', 'scale.pollMs'];

/** Which scale this station weighs with: a serial scale (protocol and line settings), a USB HID scale, or none. */
export function ScaleConfigForm({ config, serialPaths, hidPaths }: { config: ScaleConfig | undefined; serialPaths: string[]; hidPaths: string[] }) {
  const [kind, setKind] = useState<Kind>('none');
  const [protocol, setProtocol] = useState<Protocol>('mt-sics');
  const [path, setPath] = useState('');
  const [hidPath, setHidPath] = useState('');
  const [baud, setBaud] = useState('9600');
  const [dataBits, setDataBits] = useState('8');
  const [parity, setParity] = useState<Serial['parity']>('none');
  const [stopBits, setStopBits] = useState('1');
  const [pollMs, setPollMs] = useState('500');
  const s = useSubmit();

  // Keyed by content: saving another section reloads the whole configuration, which must not undo edits here.
  const saved = config ? JSON.stringify(config) : null;
  useEffect(() => {
    if (!config) return;
    setKind(config.kind);
    if (config.kind === 'serial') {
      setProtocol(config.protocol);
      setPath(config.path);
      setBaud(String(config.baudRate));
      setDataBits(String(config.dataBits));
      setParity(config.parity);
      setStopBits(String(config.stopBits));
      setPollMs(String(config.pollMs));
    }
    if (config.kind === 'hid') setHidPath(config.path ?? '');
  }, [saved]);

  const build = (): ScaleConfig | null => {
    if (kind === 'none') return { kind };
    if (kind === 'hid') return hidPath.trim() ? { kind, path: hidPath.trim() } : { kind };
    const n = parseWholeFields({ pollMs: { path: 'scale.pollMs', text: pollMs } });
    if (Object.keys(n.errors).length) {
      s.setFieldErrors(n.errors);
      return null;
    }
    return {
      kind,
      protocol,
      path,
      baudRate: Number(baud),
      dataBits: dataBits === '7' ? 7 : 8,
      parity,
      stopBits: stopBits === '2' ? 2 : 1,
      pollMs: n.values.pollMs,
    };
  };

  const save = async () => {
    const scale = build();
    if (!scale) return;
    const r = await s.submit(() => call('devices.configure', { scale }));
    if (r) notifySuccess('Scale saved', r.scale.kind === 'serial' ? `${r.scale.protocol} on ${r.scale.path}` : r.scale.kind === 'hid' ? 'USB HID scale' : 'No scale at this station');
  };

  const err = (k: string) => s.fieldErrors[`scale.${k}`];
  const clear = (k: string) => s.clearFieldError(`scale.${k}`);
  return (
    <form
      noValidate
      data-testid="scale-config"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <ConfigFormError error={s.error} shownFields={FIELDS} />
        <SegmentedControl
          aria-label="Scale type"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'serial', label: 'Serial' },
            { value: 'hid', label: 'USB HID' },
            { value: 'none', label: 'None' },
          ]}
        />
        {kind === 'serial' ? (
          <SimpleGrid cols={2} spacing="sm">
            <Select label="Protocol" value={protocol} onChange={(v) => v && setProtocol(v as Protocol)} data={PROTOCOLS} allowDeselect={false} error={err('protocol')} />
            <Autocomplete
              label="Port"
              placeholder="/dev/ttyUSB0 or COM3"
              value={path}
              onChange={(v) => (setPath(v), clear('path'))}
              data={serialPaths}
              error={err('path')}
              classNames={{ input: 'mono' }}
            />
            <Select label="Baud rate" value={baud} onChange={(v) => v && (setBaud(v), clear('baudRate'))} data={BAUD_RATES} allowDeselect={false} error={err('baudRate')} />
            <Select label="Data bits" value={dataBits} onChange={(v) => v && setDataBits(v)} data={['7', '8']} allowDeselect={false} error={err('dataBits')} />
            <Select
              label="Parity"
              value={parity}
              onChange={(v) => v && setParity(v as Serial['parity'])}
              data={[
                { value: 'none', label: 'None' },
                { value: 'even', label: 'Even' },
                { value: 'odd', label: 'Odd' },
              ]}
              allowDeselect={false}
              error={err('parity')}
            />
            <Select label="Stop bits" value={stopBits} onChange={(v) => v && setStopBits(v)} data={['1', '2']} allowDeselect={false} error={err('stopBits')} />
            <TextInput
              label="Poll every (ms)"
              description="0 = only when asked"
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              value={pollMs}
              onChange={(e) => (setPollMs(e.currentTarget.value), clear('pollMs'))}
              error={err('pollMs')}
            />
          </SimpleGrid>
        ) : null}
        {kind === 'hid' ? (
          <Autocomplete
            label="Device path"
            description="Empty: the first USB scale found"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={hidPath}
            onChange={(v) => (setHidPath(v), clear('path'))}
            data={hidPaths}
            error={err('path')}
          />
        ) : null}
        {kind === 'none' ? (
          <Text size="sm" c="dimmed">
            No scale at this station.
          </Text>
        ) : null}
        <FormActions submitLabel="Save scale" submitting={s.submitting} />
      </Stack>
    </form>
  );
}
