import { Alert, Button, Group, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import type { ScaleStatus } from '../../../../shared/api/devices';
import type { Events } from '../../../../shared/events';
import { call } from '../../api/client';
import { useEvent } from '../../hooks/use-event';

type Command = 'zero' | 'tare' | 'read';
type Outcome = { command: Command; pending: boolean; ok: boolean; text: string };

const DONE: Record<Command, string> = { zero: 'Zeroed', tare: 'Tared', read: 'Weight read' };
const LABEL: Record<Command, string> = { zero: 'Zero', tare: 'Tare', read: 'Read weight' };

/**
 * Zero, tare and read. The API only accepts the command; the scale's answer arrives later as a `scale.command` event
 * with the same request id. What the protocol cannot do is said in words, not hidden behind a greyed button.
 */
export function ScaleCommands({ scale }: { scale: ScaleStatus }) {
  const [outcome, setOutcome] = useState<Outcome>();
  const waiting = useRef<string | null>(null);
  // The event can overtake the HTTP answer that tells us its request id; keep the last few until matched.
  const early = useRef<Array<Events['scale.command']>>([]);

  const show = (e: Events['scale.command']) => {
    waiting.current = null;
    const w = e.weight?.value ? ` · ${e.weight.value} ${e.weight.unit ?? e.weight.unitRaw}` : '';
    setOutcome({ command: e.command, pending: false, ok: e.ok, text: e.ok ? `${DONE[e.command]}${w}` : `${e.error?.code ?? 'ERROR'}: ${e.error?.message ?? 'the scale refused'}` });
  };

  useEvent('scale.command', (e) => {
    if (e.requestId === waiting.current) return show(e);
    early.current = [e, ...early.current].slice(0, 5);
  });

  const run = async (command: Command) => {
    setOutcome({ command, pending: true, ok: true, text: `${LABEL[command]}: waiting for the scale…` });
    const r = await call(`scale.${command}`, {});
    if (r.ok) {
      const arrived = early.current.find((e) => e.requestId === r.value.requestId);
      if (arrived) show(arrived);
      else waiting.current = r.value.requestId;
    } else setOutcome({ command, pending: false, ok: false, text: r.error.code === 'NOT_SUPPORTED' ? `Not supported: ${r.error.message}` : r.error.message });
  };

  const unsupported = (['zero', 'tare', 'read'] as const).filter((c) => !scale.can[c]);
  return (
    <>
      <Group gap="xs">
        {(['zero', 'tare', 'read'] as const).map((c) => (
          <Button key={c} variant="default" size="sm" onClick={() => void run(c)} loading={outcome?.pending && outcome.command === c} data-testid={`scale-${c}`}>
            {LABEL[c]}
          </Button>
        ))}
      </Group>
      {scale.kind !== 'none' && unsupported.length ? (
        <Text size="xs" c="dimmed">
          This scale cannot be asked to {unsupported.map((c) => (c === 'read' ? 'send a weight' : c)).join(' or ')}.
        </Text>
      ) : null}
      {outcome && !outcome.pending ? (
        <Alert color={outcome.ok ? 'teal' : 'red'} variant="light" p="xs" data-testid="scale-command-result">
          <Text size="sm">{outcome.text}</Text>
        </Alert>
      ) : null}
    </>
  );
}
