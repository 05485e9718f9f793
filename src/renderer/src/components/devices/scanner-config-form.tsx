import { Autocomplete, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ScannerConfig } from '../../../../shared/api/devices';
import { DEFAULT_WEDGE } from '../../../../shared/wedge-detector';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { parseWholeFields } from '../../lib/parse-whole';
import { FormActions } from '../forms/form-actions';
import { ConfigFormError } from './config-form-error';

type Kind = ScannerConfig['kind'];
const FIELDS = ['scanner.kind', 'scanner.maxGapMs', 'scanner.minLength', 'scanner.terminator', 'scanner.gsSubstitute', 'scanner.path'];

/** Which scanner this station reads: a keyboard wedge (with its timings), a HID POS scanner, or none. */
export function ScannerConfigForm({ config, hidPaths }: { config: ScannerConfig | undefined; hidPaths: string[] }) {
  const [kind, setKind] = useState<Kind>('wedge');
  const [maxGap, setMaxGap] = useState(String(DEFAULT_WEDGE.maxGapMs));
  const [minLength, setMinLength] = useState(String(DEFAULT_WEDGE.minLength));
  const [terminator, setTerminator] = useState<'Enter' | 'Tab' | 'none'>('Enter');
  const [gs, setGs] = useState('');
  const [path, setPath] = useState('');
  const s = useSubmit();

  // Keyed by content: saving another section reloads the whole configuration, which must not undo edits here.
  const saved = config ? JSON.stringify(config) : null;
  useEffect(() => {
    if (!config) return;
    setKind(config.kind);
    if (config.kind === 'wedge') {
      setMaxGap(String(config.maxGapMs));
      setMinLength(String(config.minLength));
      setTerminator(config.terminator);
      setGs(config.gsSubstitute ?? '');
    }
    if (config.kind === 'hid') setPath(config.path ?? '');
  }, [saved]);

  const build = (): ScannerConfig | null => {
    if (kind === 'none') return { kind };
    if (kind === 'hid') return path.trim() ? { kind, path: path.trim() } : { kind };
    const n = parseWholeFields({ maxGapMs: { path: 'scanner.maxGapMs', text: maxGap }, minLength: { path: 'scanner.minLength', text: minLength } });
    if (Object.keys(n.errors).length) {
      s.setFieldErrors(n.errors);
      return null;
    }
    // An empty substitute means the scanner sends a real GS (or none is needed); "" would be refused.
    return { kind, ...n.values, terminator, ...(gs ? { gsSubstitute: gs } : {}) };
  };

  const save = async () => {
    const scanner = build();
    if (!scanner) return;
    const r = await s.submit(() => call('devices.configure', { scanner }));
    if (r) notifySuccess('Scanner saved', r.scanner.kind === 'none' ? 'No scanner at this station' : r.scanner.kind === 'wedge' ? 'Keyboard-wedge scanner' : 'USB HID scanner');
  };

  const err = (k: string) => s.fieldErrors[`scanner.${k}`];
  const clear = (k: string) => s.clearFieldError(`scanner.${k}`);
  return (
    <form
      noValidate
      data-testid="scanner-config"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <ConfigFormError error={s.error} shownFields={FIELDS} />
        <SegmentedControl
          aria-label="Scanner type"
          value={kind}
          onChange={(v) => setKind(v as Kind)}
          data={[
            { value: 'wedge', label: 'Keyboard wedge' },
            { value: 'hid', label: 'USB HID (POS)' },
            { value: 'none', label: 'None' },
          ]}
        />
        {kind === 'wedge' ? (
          <>
            <SimpleGrid cols={2} spacing="sm">
              <TextInput
                label="Max key gap (ms)"
                description="People type 10× slower"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={maxGap}
                onChange={(e) => (setMaxGap(e.currentTarget.value), clear('maxGapMs'))}
                error={err('maxGapMs')}
              />
              <TextInput
                label="Min length"
                description="Shorter bursts are typing"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={minLength}
                onChange={(e) => (setMinLength(e.currentTarget.value), clear('minLength'))}
                error={err('minLength')}
              />
              <Select
                label="Terminator"
                value={terminator}
                onChange={(v) => v && setTerminator(v as typeof terminator)}
                data={[
                  { value: 'Enter', label: 'Enter' },
                  { value: 'Tab', label: 'Tab' },
                  { value: 'none', label: 'None (a pause ends the scan)' },
                ]}
                allowDeselect={false}
                error={err('terminator')}
              />
              <TextInput
                label="GS (FNC1) sent as"
                description="Optional, e.g. ~"
                inputWrapperOrder={['label', 'input', 'description', 'error']}
                value={gs}
                onChange={(e) => (setGs(e.currentTarget.value), clear('gsSubstitute'))}
                error={err('gsSubstitute')}
                classNames={{ input: 'mono' }}
              />
            </SimpleGrid>
          </>
        ) : null}
        {kind === 'hid' ? (
          <Autocomplete
            label="Device path"
            description="Empty: the first HID POS scanner found"
            inputWrapperOrder={['label', 'input', 'description', 'error']}
            value={path}
            onChange={(v) => (setPath(v), clear('path'))}
            data={hidPaths}
            error={err('path')}
          />
        ) : null}
        {kind === 'none' ? (
          <Text size="sm" c="dimmed">
            Scans are not read at this station.
          </Text>
        ) : null}
        <FormActions submitLabel="Save scanner" submitting={s.submitting} />
      </Stack>
    </form>
  );
}
