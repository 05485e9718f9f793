import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { href } from '../hooks/use-route';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <Paper withBorder radius="md" p="xl" maw={560} mx="auto" mt="xl">
      <Stack gap="sm" align="flex-start">
        <Title order={2}>Nothing here</Title>
        <Text c="dimmed">
          There is no page at <code>{path}</code>. It may be a link from a newer or older version of Stockroom.
        </Text>
        <Button component="a" href={href('/')}>
          Go to the dashboard
        </Button>
      </Stack>
    </Paper>
  );
}
