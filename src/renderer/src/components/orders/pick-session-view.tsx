import { Alert, Anchor, Button, Group, Loader, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconPrinter } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { href, navigate } from '../../hooks/use-route';
import { consumeRawScans } from '../../lib/scan-bus';
import { PickLinesTable } from './pick-lines-table';
import { PickNext } from './pick-next';
import { usePickSession } from './use-pick-session';

/** Working one pick list: scanner bursts go straight to the core (bin, then item); typing works as well. */
export function PickSessionView({ pickListId }: { pickListId: number }) {
  const s = usePickSession(pickListId);
  const [typed, setTyped] = useState('');
  const [qty, setQty] = useState<number | string>(1);
  const entry = useRef<HTMLInputElement>(null);
  const latest = useRef({ s, qty });
  latest.current = { s, qty };

  const send = (code: string): void => {
    const { s: session, qty: q } = latest.current;
    const expectItem = session.list?.next?.expect === 'item';
    const quantity = expectItem && typeof q === 'number' && q > 1 ? q : undefined;
    void session.scan(code, quantity).then((ok) => {
      if (ok && quantity) setQty(1);
    });
  };

  useEffect(() => consumeRawScans((raw) => send(raw)), []);
  useEffect(() => {
    entry.current?.focus();
  }, [s.feedback?.seq]);

  if (!s.list) return s.error ? <Alert color="red">{s.error.message}</Alert> : <Loader />;
  const list = s.list;
  const done = list.status === 'done';
  const picked = list.lines.reduce((n, l) => n + l.picked, 0);
  const total = list.lines.reduce((n, l) => n + l.quantity, 0);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="pick-progress">
          <Text span fw={700} className="mono" c="var(--mantine-color-text)" data-testid="pick-list-number">
            {list.number}
          </Text>{' '}
          · {picked} of {total} units picked · {list.orderIds.length} order{list.orderIds.length === 1 ? '' : 's'}
        </Text>
        <Anchor href={href('/orders?status=picking')} size="sm">
          Orders in picking →
        </Anchor>
      </Group>
      {done ? (
        <Alert color="teal" variant="light" icon={<IconCircleCheck size={22} />} title="Pick list done" data-testid="pick-done">
          <Group justify="space-between">
            <Text size="sm">Every line is picked or reported short. Take the totes to the packing bench.</Text>
            <Button leftSection={<IconPrinter size={16} />} onClick={() => navigate('/bench')} data-testid="go-bench">
              Go to the bench
            </Button>
          </Group>
        </Alert>
      ) : null}
      <PickNext list={list} feedback={s.feedback} />
      {!done ? (
        <Paper withBorder radius="md" p="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!typed.trim()) return;
              send(typed.trim());
              setTyped('');
            }}
          >
            <Group align="flex-end" gap="sm">
              <TextInput
                ref={entry}
                style={{ flex: 1 }}
                label="Scan or type a bin or item code"
                placeholder="Scanner input works anywhere on this page"
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                data-testid="pick-entry"
              />
              <NumberInput label="Qty (next item)" w={150} min={1} allowDecimal={false} value={qty} onChange={setQty} data-testid="pick-qty" />
              <Button type="submit" variant="light" loading={s.busy}>
                Confirm
              </Button>
            </Group>
          </form>
        </Paper>
      ) : null}
      <Paper withBorder radius="md" p="md">
        <PickLinesTable list={list} busy={s.busy} onShort={s.short} />
      </Paper>
    </Stack>
  );
}
