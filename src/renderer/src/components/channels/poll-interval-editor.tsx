import { ActionIcon, Button, Group, NumberInput, Popover, Stack, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import type { ChannelSummary } from '../../../../shared/api/channels';
import { call } from '../../api/client';
import { useSubmit } from '../../hooks/use-submit';
import { interval } from './channel-format';

/** "Polls every 60 s" with a pencil: the poll interval decides how soon a sale on this channel reaches the others. */
export function PollIntervalEditor({ channel }: { channel: Pick<ChannelSummary, 'id' | 'pollIntervalSeconds'> }) {
  const [opened, setOpened] = useState(false);
  const [value, setValue] = useState<number | string>(channel.pollIntervalSeconds);
  const save = useSubmit();
  const open = () => {
    setValue(channel.pollIntervalSeconds);
    save.reset();
    setOpened(true);
  };
  const run = async () => {
    const r = await save.submit(() => call('channels.update', { id: channel.id, pollIntervalSeconds: Number(value) }));
    if (r) setOpened(false);
  };
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="sm" c="dimmed" data-testid="channel-poll">
        Polls every {interval(channel.pollIntervalSeconds)}
      </Text>
      <Popover opened={opened} onChange={setOpened} position="bottom-start" withArrow trapFocus shadow="md">
        <Popover.Target>
          <Tooltip label="Change the poll interval">
            <ActionIcon variant="subtle" size="sm" color="gray" onClick={() => (opened ? setOpened(false) : open())} aria-label="Change the poll interval" data-testid="channel-poll-edit">
              <IconPencil size={14} />
            </ActionIcon>
          </Tooltip>
        </Popover.Target>
        <Popover.Dropdown>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run();
            }}
          >
            <Stack gap="xs" w={240}>
              <NumberInput
                label="Poll interval (seconds)"
                description="How often orders are fetched. Stock changes are pushed at once."
                min={10}
                max={86_400}
                allowDecimal={false}
                clampBehavior="none"
                value={value}
                onChange={setValue}
                error={save.fieldErrors.pollIntervalSeconds ?? (save.error && !save.error.fields ? save.error.message : undefined)}
                data-autofocus
                data-testid="channel-poll-input"
              />
              <Group justify="flex-end" gap="xs">
                <Button variant="default" size="xs" onClick={() => setOpened(false)}>
                  Cancel
                </Button>
                <Button type="submit" size="xs" loading={save.submitting} data-testid="channel-poll-save">
                  Save
                </Button>
              </Group>
            </Stack>
          </form>
        </Popover.Dropdown>
      </Popover>
    </Group>
  );
}
