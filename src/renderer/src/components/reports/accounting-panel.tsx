import { Alert, Badge, Button, Checkbox, Grid, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDeviceFloppy, IconFileSpreadsheet } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ACCOUNTING_ROLES, type AccountingRole, type AccountingSettings } from '../../../../shared/api';
import { call } from '../../api/client';
import { useApi } from '../../hooks/use-api';
import { useSubmit } from '../../hooks/use-submit';
import { useSettings } from '../../hooks/use-settings';
import { money } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { downloadText } from './download';

const ROLE_LABELS: Record<AccountingRole, string> = {
  inventory: 'Inventory (stock asset)',
  cogs: 'Cost of goods sold',
  grni: 'Goods received not invoiced',
  accountsPayable: 'Accounts payable',
  landedCostClearing: 'Landed cost clearing',
  shrinkage: 'Shrinkage (losses)',
  writeOff: 'Write-offs (damage, expiry)',
};

/** The previous full calendar month, the usual period close. */
function lastMonth(): { from: string; to: string } {
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const last = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0));
  return { from: first.toISOString().slice(0, 10), to: last.toISOString().slice(0, 10) };
}

function JournalExport() {
  const { currency } = useSettings();
  const [period, setPeriod] = useState(lastMonth);
  const [format, setFormat] = useState<'qbo' | 'xero'>('qbo');
  const [perDay, setPerDay] = useState(false);
  const s = useSubmit();
  const [done, setDone] = useState<{ filename: string; debits: number; credits: number } | null>(null);
  const exportJournal = async () => {
    setDone(null);
    const r = await s.submit(() => call('reports.journal', { from: period.from, to: period.to, format, perDay }));
    if (!r) return;
    downloadText(r.csv, r.filename);
    setDone({ filename: r.filename, debits: r.totals.debits, credits: r.totals.credits });
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="journal-export">
      <Title order={5}>Period-close journal</Title>
      <Text size="xs" c="dimmed" mb="sm">
        Cost of goods, inventory receipts, landed cost, shrinkage and write-offs, summed per account, as an import file for your accounting tool. The same period gives the same file.
      </Text>
      <Stack gap="sm">
        <Group gap="xs" align="flex-start">
          <TextInput type="date" label="From" w={160} value={period.from} onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })} error={s.fieldErrors.from} />
          <TextInput type="date" label="To" w={160} value={period.to} onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })} error={s.fieldErrors.to} />
        </Group>
        <SegmentedControl
          value={format}
          onChange={(v) => setFormat(v as 'qbo' | 'xero')}
          data={[
            { value: 'qbo', label: 'QuickBooks Online' },
            { value: 'xero', label: 'Xero' },
          ]}
          aria-label="Journal format"
        />
        <Checkbox label="One journal per day (instead of one for the period)" checked={perDay} onChange={(e) => setPerDay(e.currentTarget.checked)} />
        {s.error && !Object.keys(s.fieldErrors).length ? (
          <Alert color="red" p="xs">
            {s.error.message}
          </Alert>
        ) : null}
        <Group>
          <Button leftSection={<IconFileSpreadsheet size={18} />} onClick={() => void exportJournal()} loading={s.submitting} data-testid="journal-export-button">
            Export journal CSV
          </Button>
          {done ? (
            <Badge color={done.debits === done.credits ? 'teal' : 'red'} variant="light" data-testid="journal-balance">
              {done.debits === done.credits ? 'Balanced' : 'Not balanced'}: debits {money(done.debits, currency)} = credits {money(done.credits, currency)}
            </Badge>
          ) : null}
        </Group>
      </Stack>
    </Paper>
  );
}

function AccountMapping() {
  const current = useApi('reports.accounting.get', {});
  const [form, setForm] = useState<AccountingSettings | null>(null);
  const s = useSubmit();
  useEffect(() => {
    if (current.data) setForm(current.data);
  }, [current.data]);
  if (!form) return null;
  const setAccount = (role: AccountingRole, field: 'name' | 'code', v: string) => {
    s.clearFieldError(`accounts.${role}.${field}`);
    setForm({ ...form, accounts: { ...form.accounts, [role]: { ...form.accounts[role], [field]: v } } });
  };
  const save = async () => {
    const r = await s.submit(() => call('reports.accounting.update', form));
    if (r) {
      setForm(r);
      notifySuccess('Account mapping saved', 'The next journal export uses these accounts.');
    }
  };
  return (
    <Paper withBorder radius="md" p="md" data-testid="account-mapping">
      <Title order={5}>Account mapping</Title>
      <Text size="xs" c="dimmed" mb="sm">
        The account each line posts to: its name as in QuickBooks Online, its code as in Xero&apos;s chart of accounts.
      </Text>
      <Stack gap={6}>
        <Grid gap="xs">
          <Grid.Col span={{ base: 12, sm: 4 }}>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Posts
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 8, sm: 5 }}>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Account name (QuickBooks)
            </Text>
          </Grid.Col>
          <Grid.Col span={{ base: 4, sm: 3 }}>
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              Code (Xero)
            </Text>
          </Grid.Col>
        </Grid>
        {ACCOUNTING_ROLES.map((role) => (
          <Grid key={role} gap="xs" align="flex-start">
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <Text size="sm" pt={6}>
                {ROLE_LABELS[role]}
              </Text>
            </Grid.Col>
            <Grid.Col span={{ base: 8, sm: 5 }}>
              <TextInput size="xs" aria-label={`${ROLE_LABELS[role]} account name`} value={form.accounts[role].name} onChange={(e) => setAccount(role, 'name', e.currentTarget.value)} error={s.fieldErrors[`accounts.${role}.name`]} />
            </Grid.Col>
            <Grid.Col span={{ base: 4, sm: 3 }}>
              <TextInput size="xs" aria-label={`${ROLE_LABELS[role]} account code`} value={form.accounts[role].code} onChange={(e) => setAccount(role, 'code', e.currentTarget.value)} error={s.fieldErrors[`accounts.${role}.code`]} />
            </Grid.Col>
          </Grid>
        ))}
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="xs">
          <Select
            label="Receipts credit"
            data={[
              { value: 'grni', label: 'GRNI account' },
              { value: 'accountsPayable', label: 'Accounts payable' },
            ]}
            value={form.receiptCredit}
            onChange={(v) => v && setForm({ ...form, receiptCredit: v as AccountingSettings['receiptCredit'] })}
            allowDeselect={false}
          />
          <TextInput label="Xero tax rate" value={form.xeroTaxRate} onChange={(e) => setForm({ ...form, xeroTaxRate: e.currentTarget.value })} error={s.fieldErrors.xeroTaxRate} />
          <TextInput label="Journal number prefix" value={form.journalPrefix} onChange={(e) => setForm({ ...form, journalPrefix: e.currentTarget.value })} error={s.fieldErrors.journalPrefix} />
        </SimpleGrid>
        {s.error && !Object.keys(s.fieldErrors).length ? (
          <Alert color="red" p="xs">
            {s.error.message}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="light" leftSection={<IconDeviceFloppy size={18} />} onClick={() => void save()} loading={s.submitting}>
            Save mapping
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Accounting exports: the period-close journal and the account mapping it posts to. */
export function AccountingPanel() {
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, lg: 5 }}>
        <JournalExport />
      </Grid.Col>
      <Grid.Col span={{ base: 12, lg: 7 }}>
        <AccountMapping />
      </Grid.Col>
    </Grid>
  );
}
