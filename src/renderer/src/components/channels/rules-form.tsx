import { Alert, Button, Checkbox, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChannelRules, ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { notifySuccess } from '../../lib/notify';
import { FormError } from '../form-error';
import { exampleQuantity } from './channel-format';

interface Form {
  sharePct: number | string;
  maxQty: number | string;
  floorQty: number | string;
  keepBack: number | string;
  safetyBuffer: number | string;
  isOwnWebshop: boolean;
}

const whole = (v: number | string): number | null => (v === '' ? null : Number(v));

/** The channel's rules with a live example, so a person sees what "60 %, floor 2" means before saving. */
export function RulesForm({ channel }: { channel: ChannelSummary }) {
  const init = (): Form => ({ ...channel.rules, maxQty: channel.rules.maxQty ?? '', isOwnWebshop: channel.isOwnWebshop });
  const [f, setF] = useState<Form>(init);
  const [sample, setSample] = useState<number | string>(7);
  const save = useSubmit();
  const set = <K extends keyof Form>(k: K, v: Form[K]) => {
    setF((p) => ({ ...p, [k]: v }));
    save.clearFieldError(`rules.${k}`);
  };
  const rules: ChannelRules = {
    sharePct: whole(f.sharePct) ?? 0,
    maxQty: whole(f.maxQty),
    floorQty: whole(f.floorQty) ?? 0,
    keepBack: whole(f.keepBack) ?? 0,
    safetyBuffer: whole(f.safetyBuffer) ?? 0,
  };
  const avail = Math.max(0, Math.floor(Number(sample) || 0));
  const shows = exampleQuantity(avail, rules, f.isOwnWebshop);
  const dirty =
    JSON.stringify(rules) !== JSON.stringify(channel.rules) || f.isOwnWebshop !== channel.isOwnWebshop;

  const run = async () => {
    const missing: Record<string, string> = {};
    for (const k of ['sharePct', 'floorQty', 'keepBack', 'safetyBuffer'] as const) if (f[k] === '') missing[`rules.${k}`] = 'Give a whole number (0 for none)';
    if (Object.keys(missing).length) return save.setFieldErrors(missing);
    const r = await save.submit(() => call('channels.update', { id: channel.id, rules, isOwnWebshop: f.isOwnWebshop }));
    if (r) notifySuccess('Rules saved', `${channel.name}: every mapped listing is pushed again with the new rules.`);
  };
  const fe = (k: string) => save.fieldErrors[`rules.${k}`];
  const num = (k: keyof Omit<Form, 'isOwnWebshop'>, label: string, description: string, extra: { max?: number; suffix?: string; placeholder?: string } = {}) => (
    <NumberInput
      label={label}
      description={description}
      min={0}
      max={extra.max ?? 1_000_000}
      allowDecimal={false}
      allowNegative={false}
      value={f[k]}
      onChange={(v) => set(k, v)}
      error={fe(k)}
      {...(extra.suffix && { suffix: extra.suffix })}
      {...(extra.placeholder && { placeholder: extra.placeholder })}
      data-testid={`rule-${k}`}
    />
  );

  return (
    <Paper withBorder radius="md" p="md" data-testid="channel-rules">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <Stack gap="sm">
          <Title order={5}>Rules</Title>
          <Text size="sm" c="dimmed">
            Available = on hand − reserved in the mapped warehouses. This channel is offered: available − safety buffer − kept back, then the share (rounded down), then
            the maximum; at or below the last-units floor it shows 0.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {num('sharePct', 'Share of available', 'Percent, rounded down', { max: 100, suffix: ' %' })}
            {num('maxQty', 'Maximum', 'Never show more (blank = no maximum)', { placeholder: 'No maximum' })}
            {num('floorQty', 'Last-units floor', 'Show 0 at or below this')}
            {num('keepBack', 'Kept back for own webshop', 'Not offered here unless this is the own webshop')}
            {num('safetyBuffer', 'Safety buffer', 'Units never offered on this channel')}
            <Checkbox
              mt={28}
              label="This is our own webshop"
              description="Kept-back units stay sellable here"
              checked={f.isOwnWebshop}
              onChange={(e) => set('isOwnWebshop', e.currentTarget.checked)}
              data-testid="rule-own-webshop"
            />
          </SimpleGrid>
          <Alert variant="light" color="blue" icon={<IconBulb size={18} />} p="sm">
            <Group gap={6} wrap="wrap" align="center">
              <Text size="sm">With</Text>
              <NumberInput
                size="xs"
                w={80}
                min={0}
                allowDecimal={false}
                allowNegative={false}
                value={sample}
                onChange={setSample}
                aria-label="Example available quantity"
                data-testid="rule-example-available"
              />
              <Text size="sm" data-testid="rule-example">
                available, this channel shows <b>{shows}</b>.
              </Text>
            </Group>
          </Alert>
          <FormError error={save.error} shownFields={['rules.sharePct', 'rules.maxQty', 'rules.floorQty', 'rules.keepBack', 'rules.safetyBuffer']} />
          <Group justify="flex-end">
            <Button variant="default" disabled={!dirty || save.submitting} onClick={() => setF(init())}>
              Undo changes
            </Button>
            <Button type="submit" disabled={!dirty} loading={save.submitting} data-testid="rule-save">
              Save rules
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
