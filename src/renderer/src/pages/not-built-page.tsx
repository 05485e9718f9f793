import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import type { Area } from '../lib/areas';
import { href } from '../hooks/use-route';

/** An area the product will have but this build does not: says so plainly, with no made-up data. */
export function NotBuiltPage({ area }: { area: Area }) {
  return (
    <Paper withBorder radius="md" p="xl" maw={720} mx="auto" mt="xl">
      <Stack gap="md">
        <Group gap="md">
          <ThemeIcon size={48} radius="md" variant="light" color="gray">
            <area.icon size={28} stroke={1.5} />
          </ThemeIcon>
          <div>
            <Title order={2}>{area.label}</Title>
            <Badge variant="light" color="gray" mt={4}>
              Not built yet
            </Badge>
          </div>
        </Group>
        <Text fw={600} data-testid="not-built-message">
          Not built yet: comes with the {area.comesWith} work.
        </Text>
        <Text c="dimmed">{area.purpose}</Text>
        <Group>
          <Button component="a" href={href('/')} variant="default" leftSection={<IconArrowLeft size={16} />}>
            Back to the dashboard
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
