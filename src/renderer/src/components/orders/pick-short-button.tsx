import { Button, Group, NumberInput, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';

/** "Short": how many units are really in the bin; the core re-allocates the rest elsewhere or backorders the order. */
export function PickShortButton({ remaining, disabled, onShort }: { remaining: number; disabled: boolean; onShort: (found: number) => Promise<boolean> }) {
  const [opened, setOpened] = useState(false);
  const [found, setFound] = useState<number | string>(0);
  const [sending, setSending] = useState(false);
  const send = async () => {
    setSending(true);
    const ok = await onShort(typeof found === 'number' ? found : 0);
    setSending(false);
    if (ok) setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="left" withArrow trapFocus shadow="md">
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="light"
          color="orange"
          disabled={disabled}
          onClick={() => {
            setFound(0);
            setOpened((o) => !o);
          }}
          data-testid="pick-short"
        >
          Short
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <Stack gap="xs" w={220}>
            <Text size="sm">How many did you find in the bin? ({remaining} still to pick)</Text>
            <NumberInput label="Found" min={0} max={remaining - 1} allowDecimal={false} value={found} onChange={setFound} data-autofocus data-testid="pick-short-found" />
            <Group justify="flex-end">
              <Button type="submit" size="xs" color="orange" loading={sending} data-testid="pick-short-confirm">
                Report short
              </Button>
            </Group>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
