import { Autocomplete, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { LabelSizeInput, LabelTemplate, PrinterConfig } from '../../../../shared/api/devices';
import type { Output } from '../../../../shared/api';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { PRESET_NAMES, sizeFromKey, sizeKey, sizeKeyText, sizeText } from '../../lib/label-sizes';
import { notifySuccess } from '../../lib/notify';
import { parseWholeFields } from '../../lib/parse-whole';
import { FormActions } from '../forms/form-actions';
import { ConfigFormError } from './config-form-error';

type Kind = PrinterConfig['kind'];
type Templates = Output<'labels.templates'>;

const KINDS: Array<{ value: Kind; label: string }> = [
  { value: 'zpl-tcp', label: 'ZPL printer on the network (raw TCP 9100)' },
  { value: 'cups', label: 'CUPS raw queue' },
  { value: 'usb-device', label: 'USB printer device (ZPL)' },
  { value: 'os', label: 'OS printer (DYMO, Brother…)' },
  { value: 'none', label: 'None' },
];

/** Which label printer this station prints to, its resolution and the stock loaded for each label template. */
export function PrinterConfigForm({ config, templates, usbPaths }: { config: PrinterConfig | undefined; templates: Templates; usbPaths: string[] }) {
  const [kind, setKind] = useState<Kind>('none');
  const [host, setHost] = useState('');
  const [port, setPort] = useState('9100');
  const [queue, setQueue] = useState('');
  const [path, setPath] = useState('');
  const [deviceName, setDeviceName] = useState('');
  const [name, setName] = useState('');
  const [dpi, setDpi] = useState<'203' | '300'>('203');
  const [sizes, setSizes] = useState<Partial<Record<LabelTemplate, string>>>({});
  const s = useSubmit();

  // Keyed by content: saving another section reloads the whole configuration, which must not undo edits here.
  const saved = config ? JSON.stringify(config) : null;
  useEffect(() => {
    if (!config) return;
    setKind(config.kind);
    if (config.kind === 'none') return;
    setName(config.name ?? '');
    setDpi(config.dpi === 300 ? '300' : '203');
    const keyed: Partial<Record<LabelTemplate, string>> = {};
    for (const [t, size] of Object.entries(config.sizes) as Array<[LabelTemplate, LabelSizeInput]>) keyed[t] = sizeKey(size);
    setSizes(keyed);
    if (config.kind === 'zpl-tcp') (setHost(config.host), setPort(String(config.port)));
    if (config.kind === 'cups') setQueue(config.queue);
    if (config.kind === 'usb-device') setPath(config.path);
    if (config.kind === 'os') setDeviceName(config.deviceName);
  }, [saved]);

  const build = (): PrinterConfig | null => {
    if (kind === 'none') return { kind };
    const chosen: Partial<Record<LabelTemplate, LabelSizeInput>> = {};
    for (const [t, key] of Object.entries(sizes) as Array<[LabelTemplate, string]>) {
      const size = sizeFromKey(key);
      if (size) chosen[t] = size;
    }
    const common = { dpi: dpi === '300' ? (300 as const) : (203 as const), sizes: chosen, ...(name.trim() ? { name: name.trim() } : {}) };
    switch (kind) {
      case 'zpl-tcp': {
        const n = parseWholeFields({ port: { path: 'printer.port', text: port } });
        if (Object.keys(n.errors).length) {
          s.setFieldErrors(n.errors);
          return null;
        }
        return { kind, host, port: n.values.port, ...common };
      }
      case 'cups':
        return { kind, queue, ...common };
      case 'usb-device':
        return { kind, path, ...common };
      case 'os':
        return { kind, deviceName, ...common };
    }
  };

  const save = async () => {
    const printer = build();
    if (!printer) return;
    const r = await s.submit(() => call('devices.configure', { printer }));
    if (r) notifySuccess('Printer saved', r.printer.kind === 'none' ? 'No label printer at this station' : (r.printer.name ?? KINDS.find((k) => k.value === r.printer.kind)?.label ?? ''));
  };

  const err = (k: string) => s.fieldErrors[`printer.${k}`];
  const clear = (k: string) => s.clearFieldError(`printer.${k}`);
  const sizeFields = templates.map((t) => `printer.sizes.${t.id}`);
  return (
    <form
      noValidate
      data-testid="printer-config"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <ConfigFormError error={s.error} shownFields={['printer.kind', 'printer.host', 'printer.port', 'printer.queue', 'printer.path', 'printer.deviceName', 'printer.name', 'printer.dpi', ...sizeFields]} />
        <Select label="Printer type" value={kind} onChange={(v) => v && setKind(v as Kind)} data={KINDS} allowDeselect={false} data-testid="printer-kind" />
        {kind === 'zpl-tcp' ? (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
            <TextInput label="Host" placeholder="192.168.1.50" value={host} onChange={(e) => (setHost(e.currentTarget.value), clear('host'))} error={err('host')} style={{ gridColumn: 'span 2' }} />
            <TextInput label="Port" value={port} onChange={(e) => (setPort(e.currentTarget.value), clear('port'))} error={err('port')} />
          </SimpleGrid>
        ) : null}
        {kind === 'cups' ? <TextInput label="CUPS queue" description="A raw queue, e.g. zebra_raw" inputWrapperOrder={['label', 'input', 'description', 'error']} value={queue} onChange={(e) => (setQueue(e.currentTarget.value), clear('queue'))} error={err('queue')} /> : null}
        {kind === 'usb-device' ? (
          <Autocomplete label="Device" placeholder="/dev/usb/lp0" value={path} onChange={(v) => (setPath(v), clear('path'))} data={usbPaths} error={err('path')} />
        ) : null}
        {kind === 'os' ? (
          <TextInput
            label="Printer name"
            description="As the operating system lists it (DYMO, Brother QL…); printed from the desktop app"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={deviceName}
            onChange={(e) => (setDeviceName(e.currentTarget.value), clear('deviceName'))}
            error={err('deviceName')}
          />
        ) : null}
        {kind === 'none' ? (
          <Text size="sm" c="dimmed">
            No label printer at this station.
          </Text>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
              <TextInput label="Display name" placeholder="Optional" value={name} onChange={(e) => (setName(e.currentTarget.value), clear('name'))} error={err('name')} style={{ gridColumn: 'span 2' }} />
              <Select
                label="Resolution"
                value={dpi}
                onChange={(v) => v && setDpi(v as '203' | '300')}
                data={[
                  { value: '203', label: '203 dpi' },
                  { value: '300', label: '300 dpi' },
                ]}
                allowDeselect={false}
                error={err('dpi')}
              />
            </SimpleGrid>
            <Text size="sm" fw={500} mt={4}>
              Label stock per template
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing="xs">
              {templates.map((t) => {
                const current = sizes[t.id] ?? '';
                const options = [{ value: '', label: `Default (${sizeText(t.defaultSize)})` }, ...PRESET_NAMES.map((p) => ({ value: p, label: sizeKeyText(p) }))];
                if (current.startsWith('mm:')) options.push({ value: current, label: sizeKeyText(current) });
                return (
                  <Select
                    key={t.id}
                    size="xs"
                    label={t.title}
                    value={current}
                    onChange={(v) => setSizes((m) => ({ ...m, [t.id]: v ?? '' }))}
                    data={options}
                    allowDeselect={false}
                    error={s.fieldErrors[`printer.sizes.${t.id}`]}
                  />
                );
              })}
            </SimpleGrid>
          </>
        )}
        <FormActions submitLabel="Save printer" submitting={s.submitting} />
      </Stack>
    </form>
  );
}
