import { Alert, Badge, Button, Code, Grid, Group, Input, List, Paper, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { Output } from '../../../shared/api';
import { call } from '../api/client';
import { FormError } from '../components/form-error';
import { FormActions } from '../components/forms/form-actions';
import { PageHeader } from '../components/page-header';
import { useApi } from '../hooks/use-api';
import { useSettings } from '../hooks/use-settings';
import { useSubmit } from '../hooks/use-submit';
import { formatDateTime } from '../lib/format';
import { notifySuccess } from '../lib/notify';

function SettingsForm() {
  const { settings, reload } = useSettings();
  const [companyName, setCompanyName] = useState('');
  const [currency, setCurrency] = useState('');
  const [costingMethod, setCostingMethod] = useState<'fifo' | 'average'>('fifo');
  const s = useSubmit();
  useEffect(() => {
    if (!settings) return;
    setCompanyName(settings.companyName);
    setCurrency(settings.currency);
    setCostingMethod(settings.costingMethod);
  }, [settings]);

  const save = async () => {
    const r = await s.submit(() => call('settings.update', { companyName: companyName.trim(), currency: currency.trim().toUpperCase(), costingMethod }));
    if (!r) return;
    notifySuccess('Settings saved', `${r.companyName || 'Company'} · ${r.currency} · ${r.costingMethod === 'fifo' ? 'FIFO' : 'moving average'}`);
    reload();
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="sm">
        <FormError error={s.error} shownFields={['companyName', 'currency', 'costingMethod']} />
        <TextInput label="Company name" value={companyName} onChange={(e) => setCompanyName(e.currentTarget.value)} error={s.fieldErrors.companyName} />
        <TextInput label="Currency" description="3-letter ISO code, used for new items and stock value" inputWrapperOrder={['label', 'input', 'description', 'error']} maw={200} value={currency} onChange={(e) => setCurrency(e.currentTarget.value)} error={s.fieldErrors.currency} />
        <Input.Wrapper label="Costing method" description="How issues are costed from now on. Past movements keep the cost they were posted at." inputWrapperOrder={['label', 'input', 'description']}>
          <div>
          <SegmentedControl
            value={costingMethod}
            onChange={(v) => setCostingMethod(v as 'fifo' | 'average')}
            data={[
              { value: 'fifo', label: 'FIFO' },
              { value: 'average', label: 'Moving average' },
            ]}
          />
          </div>
        </Input.Wrapper>
        <FormActions submitLabel="Save settings" submitting={s.submitting} />
      </Stack>
    </form>
  );
}

function LedgerCheck() {
  const [result, setResult] = useState<Output<'system.check'>>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string>();
  const run = async () => {
    setRunning(true);
    const r = await call('system.check', {});
    setRunning(false);
    if (r.ok) setResult(r.value);
    else setError(r.error.message);
  };
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Proves that balances equal the sum of movements, every item sums to zero over all locations, and open cost layers equal stock on hand.
      </Text>
      <Group>
        <Button variant="default" onClick={() => void run()} loading={running}>
          Check the ledger
        </Button>
        {result ? (
          <Badge color={result.ok ? 'teal' : 'red'} variant="light" size="lg">
            {result.ok ? `OK · ${result.movements} movements` : `${result.problems.length} problem(s)`}
          </Badge>
        ) : null}
      </Group>
      {result ? <Text size="xs" c="dimmed">Checked {formatDateTime(result.checkedAt)}</Text> : null}
      {result && !result.ok ? (
        <Alert color="red">
          <List size="sm">
            {result.problems.map((p) => (
              <List.Item key={p}>{p}</List.Item>
            ))}
          </List>
        </Alert>
      ) : null}
      {error ? <Alert color="red">{error}</Alert> : null}
    </Stack>
  );
}

export function SettingsPage() {
  const info = useApi('system.info', {});
  return (
    <>
      <PageHeader title="Settings" description="Company, currency and costing; the health of the ledger." />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Paper withBorder radius="md" p="lg">
            <Title order={4} mb="md">
              Company
            </Title>
            <SettingsForm />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="lg">
            <Paper withBorder radius="md" p="lg">
              <Title order={4} mb="md">
                Ledger health
              </Title>
              <LedgerCheck />
            </Paper>
            <Paper withBorder radius="md" p="lg">
              <Title order={4} mb="md">
                About
              </Title>
              {info.data ? (
                <Stack gap={4}>
                  <Text size="sm">
                    Version <Code>{info.data.version}</Code> · schema <Code>{info.data.schemaVersion}</Code> · running as <Code>{info.data.host}</Code>
                    {info.data.demo ? <Badge ml="xs" color="orange" variant="light">demo data</Badge> : null}
                  </Text>
                  <Text size="sm">
                    Database <Code>{info.data.dbPath}</Code>
                  </Text>
                </Stack>
              ) : null}
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
